//! The decisions' statements, written once and compiled for each database as the ledger's
//! are (see `usage/sql.rs`): portable SQL, `$n` placeholders on both.

// The `WHERE` keeps the newer of two decisions whatever order their writes land in.
const UPSERT: &str = "INSERT INTO canary_decisions (canary, plugin, state, decided_by, tenant, \
     principal, reason, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (canary, plugin) DO UPDATE SET state = excluded.state, \
     decided_by = excluded.decided_by, tenant = excluded.tenant, \
     principal = excluded.principal, reason = excluded.reason, at_ms = excluded.at_ms \
     WHERE canary_decisions.at_ms <= excluded.at_ms";

const ALL: &str = "SELECT canary, plugin, state, decided_by, tenant, principal, reason, at_ms \
     FROM canary_decisions ORDER BY canary, plugin";

macro_rules! canary_statements {
    ($db:ty) => {
        use super::{ALL, UPSERT};
        use crate::canary::CanaryDecisionRecord;
        use sqlx::Row;

        type Pool = sqlx::Pool<$db>;

        pub(crate) async fn upsert(
            pool: &Pool,
            record: &CanaryDecisionRecord,
        ) -> Result<(), sqlx::Error> {
            sqlx::query(UPSERT)
                .bind(&record.canary)
                .bind(&record.plugin)
                .bind(&record.state)
                .bind(&record.decided_by)
                .bind(&record.tenant)
                .bind(&record.principal)
                .bind(&record.reason)
                .bind(record.at_ms)
                .execute(pool)
                .await?;
            Ok(())
        }

        pub(crate) async fn all(pool: &Pool) -> Result<Vec<CanaryDecisionRecord>, sqlx::Error> {
            let rows = sqlx::query(ALL).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    Ok(CanaryDecisionRecord {
                        canary: row.try_get("canary")?,
                        plugin: row.try_get("plugin")?,
                        state: row.try_get("state")?,
                        decided_by: row.try_get("decided_by")?,
                        tenant: row.try_get("tenant")?,
                        principal: row.try_get("principal")?,
                        reason: row.try_get("reason")?,
                        at_ms: row.try_get("at_ms")?,
                    })
                })
                .collect()
        }
    };
}

/// The statements on SQLite.
pub(crate) mod sqlite {
    canary_statements!(sqlx::Sqlite);
}

/// The statements on PostgreSQL.
pub(crate) mod postgres {
    canary_statements!(sqlx::Postgres);
}
