//! The audit log: every call recorded, append-only and tamper-evident (DESIGN.md, "Security").
//!
//! Records are chained by keyed MACs ([`chain`]) under a key kept outside the database
//! ([`key`]), and the head is anchored outside the log after every commit ([`anchor`]).
//! Appending is serialized across writers so the chain never forks: on SQLite by
//! `BEGIN IMMEDIATE` (one writer at a time, across processes too), on PostgreSQL by a
//! transaction-scoped advisory lock, which every replica takes before reading the head. There
//! is deliberately no API to change or remove a record.

mod anchor;
pub mod chain;
mod key;
mod record;
mod seal;
mod sql;
mod verify;

pub use key::{AuditKey, MIN_KEY_BYTES};
pub use record::{AuditRecord, NewAuditRecord, rfc3339_from_ms};
pub use seal::AuditOptions;
pub use verify::{AnchorCheck, TamperError, TamperKind, Verified, VerifyError};

pub(crate) use seal::{Location, Seal};

use crate::error::StoreError;
use crate::store::{Db, Store};
use chain::{Fields, GENESIS_HASH, reasons_json, sealed_hash};
use seal::Track;
use sql::Head;
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;

/// The advisory lock appenders on PostgreSQL serialize on ("mosaic:a" as a big-endian i64).
const AUDIT_LOCK_KEY: i64 = 0x6d6f_7361_6963_3a61;

/// What one append found and stored.
struct Appended {
    records: Vec<AuditRecord>,
    /// Whether the record this process last anchored was still in the log, unchanged.
    consistent: bool,
}

impl Store {
    /// Appends `records` in one transaction, chaining each to the one before and sealing it
    /// with the audit key, and returns them as stored (with ids and hashes). Once committed,
    /// the new head is anchored.
    pub async fn append_batch(
        &self,
        records: &[NewAuditRecord],
    ) -> Result<Vec<AuditRecord>, StoreError> {
        self.append_batch_then(records, |_| {}).await
    }

    /// [`Store::append_batch`], calling `committed` with the stored records as soon as their
    /// transaction has committed, before the anchor is written: what waits for the commit
    /// need not wait for the anchor too (a crash between the two leaves the log ahead of its
    /// anchor, which verifies).
    pub async fn append_batch_then(
        &self,
        records: &[NewAuditRecord],
        committed: impl FnOnce(&[AuditRecord]),
    ) -> Result<Vec<AuditRecord>, StoreError> {
        if records.is_empty() {
            committed(&[]);
            return Ok(Vec::new());
        }
        let key = self.seal.key_for_append()?;
        // Held until the anchor is written, so anchors follow commit order.
        let mut track = match &self.seal.anchor {
            Some(anchoring) => Some(anchoring.track.lock().await),
            None => None,
        };
        let anchored = match track.as_deref() {
            Some(Track::Following(Some(position))) => Some(position.clone()),
            _ => None,
        };
        let appended = match &self.db {
            Db::Sqlite(pool) => append_sqlite(pool, key, records, anchored.as_ref()).await,
            Db::Postgres(pool) => append_postgres(pool, key, records, anchored.as_ref()).await,
        }
        .map_err(self.query_error("appending audit records"))?;
        committed(&appended.records);
        if let (Some(track), Some(anchoring)) = (track.as_deref_mut(), &self.seal.anchor) {
            if !appended.consistent {
                tracing::error!(anchor = %anchoring.path.display(), anchored = anchored.as_ref().map(|(id, _)| *id), "the audit log no longer holds the record last anchored: records were removed or rewritten behind the gateway's back; the anchor is left as it is for `mosaic audit verify`");
                *track = Track::Frozen;
            }
            if let (Track::Following(_), Some(head)) = (&*track, appended.records.last()) {
                match seal::write_anchor(&anchoring.path, key, head.id, &head.hash).await {
                    Ok(()) => *track = Track::Following(Some((head.id, head.hash.clone()))),
                    // The records are committed; only the anchor lags, which verifies.
                    Err(error) => tracing::warn!(%error, "the audit anchor lags behind the log"),
                }
            }
        }
        Ok(appended.records)
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

    /// The id of the key sealing this store's new records, when it has one.
    pub fn audit_key_id(&self) -> Option<&str> {
        self.seal.key.as_ref().map(AuditKey::id)
    }

    /// Checks, on opening, that the log was sealed with this key and still holds what its
    /// anchor names, and anchors it when no anchor exists yet.
    pub(crate) async fn start_sealing(&self) -> Result<(), StoreError> {
        if self.seal.read_only {
            return Ok(());
        }
        let key = self.seal.key_for_append()?;
        let head = self.head().await?;
        if let Some(head) = &head
            && let Some(found) = head.key_id.as_deref().filter(|found| *found != key.id())
        {
            return Err(StoreError::AuditKeyMismatch {
                id: head.id,
                found: found.to_owned(),
                expected: key.id().to_owned(),
                source_name: self.seal.key_source.clone(),
            });
        }
        let Some(anchoring) = &self.seal.anchor else {
            return Ok(());
        };
        if let Some(parent) = anchoring
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|error| {
                anchor::anchor_error(
                    &anchoring.path,
                    format!("cannot be written: its directory cannot be created: {error}"),
                )
            })?;
        }
        let found = anchor::read(&anchoring.path);
        let at_anchor = match &found {
            Ok(Some(found)) => self.hash_at(found.id).await?,
            _ => None,
        };
        let mut track = seal::judge_anchor(
            &anchoring.path,
            key,
            found,
            head.as_ref(),
            at_anchor.as_deref(),
        );
        // Anchored before the first append, even an empty log (id 0, the genesis hash): from
        // then on a log with sealed records but no anchor means the anchor was removed.
        if track == Track::Following(None) {
            let (id, hash) =
                head.map_or_else(|| (0, GENESIS_HASH.to_owned()), |head| (head.id, head.hash));
            seal::write_anchor(&anchoring.path, key, id, &hash).await?;
            if id > 0 {
                track = Track::Following(Some((id, hash)));
            }
        }
        *anchoring.track.lock().await = track;
        Ok(())
    }

    async fn head(&self) -> Result<Option<Head>, StoreError> {
        let error = self.query_error("reading the audit log's head");
        match &self.db {
            Db::Sqlite(pool) => match pool.acquire().await {
                Ok(mut conn) => sql::sqlite::head(&mut conn).await,
                Err(acquire) => Err(acquire),
            },
            Db::Postgres(pool) => match pool.acquire().await {
                Ok(mut conn) => sql::postgres::head(&mut conn).await,
                Err(acquire) => Err(acquire),
            },
        }
        .map_err(error)
    }

    /// The hash of record `id`, if the log holds it; id 0 is the empty log, whose hash is the
    /// genesis hash.
    pub(crate) async fn hash_at(&self, id: i64) -> Result<Option<String>, StoreError> {
        if id == 0 {
            return Ok(Some(GENESIS_HASH.to_owned()));
        }
        let error = self.query_error("reading the audit log");
        match &self.db {
            Db::Sqlite(pool) => match pool.acquire().await {
                Ok(mut conn) => sql::sqlite::hash_at(&mut conn, id).await,
                Err(acquire) => Err(acquire),
            },
            Db::Postgres(pool) => match pool.acquire().await {
                Ok(mut conn) => sql::postgres::hash_at(&mut conn, id).await,
                Err(acquire) => Err(acquire),
            },
        }
        .map_err(error)
    }
}

async fn append_sqlite(
    pool: &SqlitePool,
    key: &AuditKey,
    records: &[NewAuditRecord],
    anchored: Option<&(i64, String)>,
) -> Result<Appended, sqlx::Error> {
    // IMMEDIATE takes the write lock before reading the head, so no other writer (another
    // connection or process) can append between our read and our insert.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let consistent = match anchored {
        Some((id, hash)) => sql::sqlite::hash_at(&mut tx, *id).await?.as_deref() == Some(hash),
        None => true,
    };
    let chained = chain_onto(sql::sqlite::head(&mut tx).await?, key, records);
    for record in &chained {
        sql::sqlite::insert(&mut tx, record).await?;
    }
    tx.commit().await?;
    Ok(Appended {
        records: chained,
        consistent,
    })
}

async fn append_postgres(
    pool: &PgPool,
    key: &AuditKey,
    records: &[NewAuditRecord],
    anchored: Option<&(i64, String)>,
) -> Result<Appended, sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Held until commit or rollback: replicas append one after another, never from the same head.
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_LOCK_KEY)
        .execute(&mut *tx)
        .await?;
    let consistent = match anchored {
        Some((id, hash)) => sql::postgres::hash_at(&mut tx, *id).await?.as_deref() == Some(hash),
        None => true,
    };
    let chained = chain_onto(sql::postgres::head(&mut tx).await?, key, records);
    for record in &chained {
        sql::postgres::insert(&mut tx, record).await?;
    }
    tx.commit().await?;
    Ok(Appended {
        records: chained,
        consistent,
    })
}

/// Numbers, links and seals `records` after the log's current head.
fn chain_onto(head: Option<Head>, key: &AuditKey, records: &[NewAuditRecord]) -> Vec<AuditRecord> {
    let (mut id, mut prev_hash) =
        head.map_or_else(|| (0, GENESIS_HASH.to_owned()), |head| (head.id, head.hash));
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
        let hash = sealed_hash(key, &prev_hash, &fields);
        chained.push(AuditRecord {
            id,
            call,
            prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
            hash,
            key_id: Some(key.id().to_owned()),
        });
    }
    chained
}
