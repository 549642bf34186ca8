//! The audit log: every call recorded, append-only and tamper-evident (DESIGN.md, "Security").
//!
//! Records are chained by hash ([`chain`]); appending is serialized across writers so the chain
//! never forks: on SQLite by `BEGIN IMMEDIATE` (one writer at a time, across processes too), on
//! PostgreSQL by a transaction-scoped advisory lock, which every replica takes before reading
//! the head. There is deliberately no API to change or remove a record.

pub mod chain;
mod record;
mod sql;
mod verify;

pub use record::{AuditRecord, NewAuditRecord, rfc3339_from_ms};
pub use verify::{TamperError, TamperKind, VerifyError};

use crate::error::StoreError;
use crate::store::{Db, Store};
use chain::{Fields, GENESIS_HASH, link_hash, reasons_json};
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;

/// The advisory lock appenders on PostgreSQL serialize on ("mosaic:a" as a big-endian i64).
const AUDIT_LOCK_KEY: i64 = 0x6d6f_7361_6963_3a61;

impl Store {
    /// Appends `records` in one transaction, chaining each to the one before, and returns them
    /// as stored (with ids and hashes).
    pub async fn append_batch(
        &self,
        records: &[NewAuditRecord],
    ) -> Result<Vec<AuditRecord>, StoreError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let appended = match &self.db {
            Db::Sqlite(pool) => append_sqlite(pool, records).await,
            Db::Postgres(pool) => append_postgres(pool, records).await,
        };
        appended.map_err(self.query_error("appending audit records"))
    }

    /// The last `limit` records, of `tenant` or of every tenant, oldest first.
    pub async fn tail(
        &self,
        limit: u32,
        tenant: Option<&str>,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let limit = i64::from(limit);
        let rows = match &self.db {
            Db::Sqlite(pool) => sql::sqlite::tail(pool, limit, tenant).await,
            Db::Postgres(pool) => sql::postgres::tail(pool, limit, tenant).await,
        }
        .map_err(self.query_error("reading the audit log"))?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows.into_iter().rev() {
            let id = row.id;
            records.push(row.into_record().map_err(|message| StoreError::Corrupt {
                url: self.url.to_string(),
                id,
                message,
            })?);
        }
        Ok(records)
    }
}

async fn append_sqlite(
    pool: &SqlitePool,
    records: &[NewAuditRecord],
) -> Result<Vec<AuditRecord>, sqlx::Error> {
    // IMMEDIATE takes the write lock before reading the head, so no other writer (another
    // connection or process) can append between our read and our insert.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let chained = chain_onto(sql::sqlite::head(&mut tx).await?, records);
    for record in &chained {
        sql::sqlite::insert(&mut tx, record).await?;
    }
    tx.commit().await?;
    Ok(chained)
}

async fn append_postgres(
    pool: &PgPool,
    records: &[NewAuditRecord],
) -> Result<Vec<AuditRecord>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Held until commit or rollback: replicas append one after another, never from the same head.
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_LOCK_KEY)
        .execute(&mut *tx)
        .await?;
    let chained = chain_onto(sql::postgres::head(&mut tx).await?, records);
    for record in &chained {
        sql::postgres::insert(&mut tx, record).await?;
    }
    tx.commit().await?;
    Ok(chained)
}

/// Numbers and links `records` after the log's current head.
fn chain_onto(head: Option<(i64, String)>, records: &[NewAuditRecord]) -> Vec<AuditRecord> {
    let (mut id, mut prev_hash) = head.unwrap_or_else(|| (0, GENESIS_HASH.to_owned()));
    let mut chained = Vec::with_capacity(records.len());
    for call in records {
        id += 1;
        let call = call.clone().without_nul();
        let reasons = reasons_json(&call.reasons);
        let fields = Fields {
            id,
            call: &call,
            reasons_json: &reasons,
        };
        let hash = link_hash(&prev_hash, &fields);
        chained.push(AuditRecord {
            id,
            call,
            prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
            hash,
        });
    }
    chained
}
