//! Verifying the audit log: walk it oldest first, recompute every hash and check every link.

use super::chain::{Fields, GENESIS_HASH, link_hash};
use super::sql::{self, StoredRow};
use crate::error::StoreError;
use crate::store::{Db, Store};
use std::fmt;

/// Records read per query while verifying, to bound memory on long logs.
const PAGE_SIZE: i64 = 1000;

/// How a record fails to fit the chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TamperKind {
    /// Its fields do not hash to its stored hash: the record was changed.
    Altered,
    /// Its `prev_hash` is not the previous record's hash: a record before it was changed,
    /// inserted or replaced.
    Relinked,
    /// Its id does not follow the previous one: records were removed or renumbered.
    Gap,
}

impl fmt::Display for TamperKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Altered => "its fields do not match its hash",
            Self::Relinked => "it does not link to the record before it",
            Self::Gap => "records are missing before it",
        })
    }
}

/// The first record found not to fit the chain.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("audit log tampered at record {id}: {kind} (expected {expected}, found {found})")]
pub struct TamperError {
    /// The record's id.
    pub id: i64,
    /// What does not fit.
    pub kind: TamperKind,
    /// What the chain requires there (a hash, or an id).
    pub expected: String,
    /// What is stored.
    pub found: String,
}

/// Why verification did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The log was changed.
    #[error(transparent)]
    Tampered(#[from] TamperError),
    /// The log could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Checks the whole audit log; returns how many records were checked.
    pub async fn verify(&self) -> Result<u64, VerifyError> {
        let mut walk = Walk {
            last_id: 0,
            last_hash: GENESIS_HASH.to_owned(),
        };
        let mut checked = 0u64;
        loop {
            let page = match &self.db {
                Db::Sqlite(pool) => sql::sqlite::page(pool, walk.last_id, PAGE_SIZE).await,
                Db::Postgres(pool) => sql::postgres::page(pool, walk.last_id, PAGE_SIZE).await,
            }
            .map_err(self.query_error("verifying the audit log"))?;
            let done = page.len() < PAGE_SIZE as usize;
            for row in &page {
                walk.step(row)?;
                checked += 1;
            }
            if done {
                return Ok(checked);
            }
        }
    }
}

/// Where the walk stands: the last record checked.
struct Walk {
    last_id: i64,
    last_hash: String,
}

impl Walk {
    fn step(&mut self, row: &StoredRow) -> Result<(), TamperError> {
        let tampered = |kind, expected: String, found: &str| TamperError {
            id: row.id,
            kind,
            expected,
            found: found.to_owned(),
        };
        let next_id = self.last_id + 1;
        if row.id != next_id {
            return Err(tampered(
                TamperKind::Gap,
                format!("id {next_id}"),
                &format!("id {}", row.id),
            ));
        }
        if row.prev_hash != self.last_hash {
            return Err(tampered(
                TamperKind::Relinked,
                self.last_hash.clone(),
                &row.prev_hash,
            ));
        }
        let fields = Fields {
            id: row.id,
            call: &row.call,
            reasons_json: &row.reasons_json,
        };
        let hash = link_hash(&row.prev_hash, &fields);
        if hash != row.hash {
            return Err(tampered(TamperKind::Altered, hash, &row.hash));
        }
        self.last_id = row.id;
        self.last_hash = hash;
        Ok(())
    }
}
