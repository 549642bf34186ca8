//! State: SQLite (embedded default) and PostgreSQL through sqlx, with migrations, and the audit log.
