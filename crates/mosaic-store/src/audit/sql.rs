//! The audit log's statements, written once and compiled for each database. The SQL is portable
//! (`$n` placeholders work on SQLite too), so only the connection types differ; a macro stamps
//! the same functions out for both instead of fighting sqlx's generic executor bounds.

use super::chain::reasons_json;
use super::record::{AuditRecord, NewAuditRecord};

/// One row as stored, before its reasons are parsed: verification hashes the stored text.
pub(crate) struct StoredRow {
    pub(crate) id: i64,
    /// The call; `reasons` is empty until [`StoredRow::into_record`] parses `reasons_json`.
    pub(crate) call: NewAuditRecord,
    pub(crate) reasons_json: String,
    pub(crate) prev_hash: String,
    pub(crate) hash: String,
    pub(crate) key_id: Option<String>,
}

/// The log's last record, as appending and anchoring need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) id: i64,
    pub(crate) hash: String,
    /// The key that sealed it; `None` for a record from before the chain was keyed.
    pub(crate) key_id: Option<String>,
}

impl StoredRow {
    /// The record, with its reasons parsed; the error says what is wrong with them.
    pub(crate) fn into_record(self) -> Result<AuditRecord, String> {
        let reasons: Vec<String> = serde_json::from_str(&self.reasons_json).map_err(|error| {
            format!(
                "reasons are not a JSON list of strings ({error}): {}",
                self.reasons_json
            )
        })?;
        Ok(AuditRecord {
            id: self.id,
            call: NewAuditRecord {
                reasons,
                ..self.call
            },
            prev_hash: self.prev_hash,
            hash: self.hash,
            key_id: self.key_id,
        })
    }
}

const HEAD: &str = "SELECT id, hash, key_id FROM audit_log ORDER BY id DESC LIMIT 1";

const HASH_AT: &str = "SELECT hash FROM audit_log WHERE id = $1";

const INSERT: &str = "INSERT INTO audit_log (id, at_ms, tenant, principal, operation, resource, \
     rule, reasons, instance, cache, outcome, fault, latency_us, trace_id, prev_hash, hash, \
     key_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

const TAIL: &str = "SELECT id, at_ms, tenant, principal, operation, resource, rule, reasons, \
     instance, cache, outcome, fault, latency_us, trace_id, prev_hash, hash, key_id \
     FROM audit_log ORDER BY id DESC LIMIT $1";

const TAIL_OF_TENANT: &str = "SELECT id, at_ms, tenant, principal, operation, resource, rule, \
     reasons, instance, cache, outcome, fault, latency_us, trace_id, prev_hash, hash, key_id \
     FROM audit_log WHERE tenant = $1 ORDER BY id DESC LIMIT $2";

const PAGE: &str = "SELECT id, at_ms, tenant, principal, operation, resource, rule, reasons, \
     instance, cache, outcome, fault, latency_us, trace_id, prev_hash, hash, key_id \
     FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2";

macro_rules! audit_statements {
    ($db:ty) => {
        use super::{
            HASH_AT, HEAD, Head, INSERT, PAGE, StoredRow, TAIL, TAIL_OF_TENANT, reasons_json,
        };
        use crate::audit::record::{AuditRecord, NewAuditRecord};
        use sqlx::Row;

        type Connection = <$db as sqlx::Database>::Connection;
        type DbRow = <$db as sqlx::Database>::Row;

        /// The last record, if any.
        pub(crate) async fn head(conn: &mut Connection) -> Result<Option<Head>, sqlx::Error> {
            let row = sqlx::query(HEAD).fetch_optional(&mut *conn).await?;
            row.map(|row| {
                Ok(Head {
                    id: row.try_get("id")?,
                    hash: row.try_get("hash")?,
                    key_id: row.try_get("key_id")?,
                })
            })
            .transpose()
        }

        /// The hash of record `id`, if there is one.
        pub(crate) async fn hash_at(
            conn: &mut Connection,
            id: i64,
        ) -> Result<Option<String>, sqlx::Error> {
            let row = sqlx::query(HASH_AT)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            row.map(|row| row.try_get("hash")).transpose()
        }

        /// Inserts one chained record.
        pub(crate) async fn insert(
            conn: &mut Connection,
            record: &AuditRecord,
        ) -> Result<(), sqlx::Error> {
            let call = &record.call;
            sqlx::query(INSERT)
                .bind(record.id)
                .bind(call.at_ms)
                .bind(&call.tenant)
                .bind(&call.principal)
                .bind(&call.operation)
                .bind(&call.resource)
                .bind(&call.rule)
                .bind(reasons_json(&call.reasons))
                .bind(&call.instance)
                .bind(&call.cache)
                .bind(&call.outcome)
                .bind(&call.fault)
                .bind(call.latency_us)
                .bind(&call.trace_id)
                .bind(&record.prev_hash)
                .bind(&record.hash)
                .bind(&record.key_id)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// The last `limit` records, of one tenant or all, newest first.
        pub(crate) async fn tail(
            pool: &sqlx::Pool<$db>,
            limit: i64,
            tenant: Option<&str>,
        ) -> Result<Vec<StoredRow>, sqlx::Error> {
            let rows = match tenant {
                Some(tenant) => {
                    sqlx::query(TAIL_OF_TENANT)
                        .bind(tenant)
                        .bind(limit)
                        .fetch_all(pool)
                        .await?
                }
                None => sqlx::query(TAIL).bind(limit).fetch_all(pool).await?,
            };
            rows.iter().map(decode).collect()
        }

        /// Up to `limit` records after id `after`, oldest first.
        pub(crate) async fn page(
            pool: &sqlx::Pool<$db>,
            after: i64,
            limit: i64,
        ) -> Result<Vec<StoredRow>, sqlx::Error> {
            let rows = sqlx::query(PAGE)
                .bind(after)
                .bind(limit)
                .fetch_all(pool)
                .await?;
            rows.iter().map(decode).collect()
        }

        fn decode(row: &DbRow) -> Result<StoredRow, sqlx::Error> {
            Ok(StoredRow {
                id: row.try_get("id")?,
                call: NewAuditRecord {
                    at_ms: row.try_get("at_ms")?,
                    tenant: row.try_get("tenant")?,
                    principal: row.try_get("principal")?,
                    operation: row.try_get("operation")?,
                    resource: row.try_get("resource")?,
                    rule: row.try_get("rule")?,
                    reasons: Vec::new(),
                    instance: row.try_get("instance")?,
                    cache: row.try_get("cache")?,
                    outcome: row.try_get("outcome")?,
                    fault: row.try_get("fault")?,
                    latency_us: row.try_get("latency_us")?,
                    trace_id: row.try_get("trace_id")?,
                },
                reasons_json: row.try_get("reasons")?,
                prev_hash: row.try_get("prev_hash")?,
                hash: row.try_get("hash")?,
                key_id: row.try_get("key_id")?,
            })
        }
    };
}

/// The statements on SQLite.
pub(crate) mod sqlite {
    audit_statements!(sqlx::Sqlite);
}

/// The statements on PostgreSQL.
pub(crate) mod postgres {
    audit_statements!(sqlx::Postgres);
}
