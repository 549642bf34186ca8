//! Verifying the audit log: walk it oldest first, recompute every link with the audit key,
//! then check that the log still reaches as far as its anchor says.

use super::anchor::{self, Anchor};
use super::chain::{Fields, GENESIS_HASH, same, sealed_hash, unsealed_hash};
use super::key::AuditKey;
use super::sql::{self, StoredRow};
use crate::error::StoreError;
use crate::store::{Db, Store};
use std::fmt;
use std::path::PathBuf;

/// Records read per query while verifying, to bound memory on long logs.
const PAGE_SIZE: i64 = 1000;

/// How the log fails to fit its chain or its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TamperKind {
    /// Its fields do not hash to its stored hash: the record was changed (or its hash
    /// recomputed without the key).
    Altered,
    /// Its `prev_hash` is not the previous record's hash: a record before it was changed,
    /// inserted or replaced.
    Relinked,
    /// Its id does not follow the previous one: records were removed or renumbered.
    Gap,
    /// It claims to be from before the chain was keyed, yet follows sealed records: sealed
    /// records were rewritten as unsealed ones, which needs no key.
    Unsealed,
    /// The log ends before the record its anchor names: records were cut off the end.
    Truncated,
    /// The record at the anchor's position is not the anchored one: the log was cut back and
    /// written on again, or rewritten.
    Diverged,
}

impl fmt::Display for TamperKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Altered => "its fields do not match its hash",
            Self::Relinked => "it does not link to the record before it",
            Self::Gap => "records are missing before it",
            Self::Unsealed => "it is unsealed although sealed records precede it",
            Self::Truncated => "the log ends before the record its anchor names",
            Self::Diverged => "it is not the record the anchor names",
        })
    }
}

/// The first place found where the log does not fit its chain or anchor.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("audit log tampered at record {id}: {kind} (expected {expected}, found {found})")]
pub struct TamperError {
    /// The record's id (for [`TamperKind::Truncated`], the anchored id).
    pub id: i64,
    /// What does not fit.
    pub kind: TamperKind,
    /// What the chain or anchor requires there (a hash, or an id).
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
    /// Records are sealed, but no key was available to check them.
    #[error(
        "audit record {id} is sealed with key {key_id}, but no audit key was found ({source_name}); give the configuration that names it"
    )]
    NoKey {
        /// The first sealed record.
        id: i64,
        /// Its key id.
        key_id: String,
        /// Where the key was looked for.
        source_name: String,
    },
    /// A record was sealed with another key than the one given.
    #[error(
        "audit record {id} is sealed with key {found}, but the key given ({source_name}) is {expected}: give the key the log was written with"
    )]
    OtherKey {
        /// The record.
        id: i64,
        /// The given key's id.
        expected: String,
        /// The record's key id.
        found: String,
        /// Where the given key came from.
        source_name: String,
    },
    /// The anchor cannot be trusted: missing although the log holds sealed records, unreadable,
    /// or not sealed with this key.
    #[error("audit anchor `{}`: {message}", path.display())]
    Anchor {
        /// The anchor file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The log could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a successful verification established.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// Records checked.
    pub records: u64,
    /// Of those, records from before the chain was keyed (the oldest ones): consistent, but
    /// not protected against being recomputed.
    pub unsealed: u64,
    /// What the anchor showed.
    pub anchor: AnchorCheck,
}

/// What the anchor showed about the log's tail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorCheck {
    /// The log holds the anchored record (id given), unchanged: nothing was cut off before it.
    Matched(i64),
    /// No anchor file exists yet, and the log holds no sealed record it would have anchored.
    None,
    /// No anchor is kept for this store (in memory, or PostgreSQL without `anchor_file`): a
    /// truncated tail cannot be detected.
    NotKept,
}

impl Store {
    /// Checks the whole audit log and its anchor.
    ///
    /// The anchor is read before the log: it is written only after its records committed, so
    /// every record it names is in the log read afterwards, even while a gateway appends.
    pub async fn verify(&self) -> Result<Verified, VerifyError> {
        let anchored = match &self.seal.anchor {
            Some(anchoring) => {
                Some(
                    anchor::read(&anchoring.path).map_err(|error| VerifyError::Anchor {
                        path: anchoring.path.clone(),
                        message: error.to_string(),
                    })?,
                )
            }
            None => None,
        };
        let mut walk = Walk {
            key: self.seal.key.as_ref(),
            key_source: &self.seal.key_source,
            last_id: 0,
            last_hash: GENESIS_HASH.to_owned(),
            sealed_seen: false,
            unsealed: 0,
        };
        loop {
            let page = match &self.db {
                Db::Sqlite(pool) => sql::sqlite::page(pool, walk.last_id, PAGE_SIZE).await,
                Db::Postgres(pool) => sql::postgres::page(pool, walk.last_id, PAGE_SIZE).await,
            }
            .map_err(self.query_error("verifying the audit log"))?;
            for row in &page {
                walk.step(row)?;
            }
            if page.len() < PAGE_SIZE as usize {
                break;
            }
        }
        let anchor = match anchored {
            None => AnchorCheck::NotKept,
            Some(found) => self.check_anchor(found, &walk).await?,
        };
        Ok(Verified {
            records: u64::try_from(walk.last_id).unwrap_or(0),
            unsealed: walk.unsealed,
            anchor,
        })
    }

    /// Checks the log as walked against the anchor read before the walk.
    async fn check_anchor(
        &self,
        found: Option<Anchor>,
        walk: &Walk<'_>,
    ) -> Result<AnchorCheck, VerifyError> {
        let Some(anchoring) = &self.seal.anchor else {
            return Ok(AnchorCheck::NotKept);
        };
        let untrusted = |message: String| VerifyError::Anchor {
            path: anchoring.path.clone(),
            message,
        };
        // Every store that appends writes an anchor when it opens, before its first record:
        // sealed records without one mean it was removed.
        let Some(found) = found else {
            if walk.sealed_seen {
                return Err(untrusted(format!(
                    "is missing although the log holds sealed records (up to {}): it was deleted or moved, so the log's tail cannot be checked",
                    walk.last_id
                )));
            }
            return Ok(AnchorCheck::None);
        };
        let Some(key) = walk.key else {
            return Err(untrusted(format!(
                "cannot be checked without the audit key ({})",
                walk.key_source
            )));
        };
        if !found.is_sealed_by(key) {
            return Err(untrusted(format!(
                "is not sealed with the audit key {} (it names key {}): it was edited, or written with another key",
                key.id(),
                found.key_id
            )));
        }
        if found.id > walk.last_id {
            return Err(TamperError {
                id: found.id,
                kind: TamperKind::Truncated,
                expected: format!("records up to id {}", found.id),
                found: format!("the log ends at id {}", walk.last_id),
            }
            .into());
        }
        let at_anchor = self.hash_at(found.id).await?;
        match at_anchor {
            Some(hash) if same(&hash, &found.hash) => Ok(AnchorCheck::Matched(found.id)),
            other => Err(TamperError {
                id: found.id,
                kind: TamperKind::Diverged,
                expected: found.hash,
                found: other.unwrap_or_else(|| "no record".to_owned()),
            }
            .into()),
        }
    }
}

/// Where the walk stands: the last record checked.
struct Walk<'a> {
    key: Option<&'a AuditKey>,
    key_source: &'a str,
    last_id: i64,
    last_hash: String,
    sealed_seen: bool,
    unsealed: u64,
}

impl Walk<'_> {
    fn step(&mut self, row: &StoredRow) -> Result<(), VerifyError> {
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
            )
            .into());
        }
        if row.prev_hash != self.last_hash {
            return Err(
                tampered(TamperKind::Relinked, self.last_hash.clone(), &row.prev_hash).into(),
            );
        }
        let fields = Fields {
            id: row.id,
            call: &row.call,
            reasons_json: &row.reasons_json,
        };
        let hash = match (&row.key_id, self.key) {
            (None, _) if self.sealed_seen => {
                return Err(tampered(
                    TamperKind::Unsealed,
                    "a record sealed with the audit key".to_owned(),
                    "an unsealed record",
                )
                .into());
            }
            (None, _) => {
                self.unsealed += 1;
                unsealed_hash(&row.prev_hash, &fields)
            }
            (Some(key_id), None) => {
                return Err(VerifyError::NoKey {
                    id: row.id,
                    key_id: key_id.clone(),
                    source_name: self.key_source.to_owned(),
                });
            }
            (Some(key_id), Some(key)) if key_id != key.id() => {
                return Err(VerifyError::OtherKey {
                    id: row.id,
                    expected: key.id().to_owned(),
                    found: key_id.clone(),
                    source_name: self.key_source.to_owned(),
                });
            }
            (Some(_), Some(key)) => {
                self.sealed_seen = true;
                sealed_hash(key, &row.prev_hash, &fields)
            }
        };
        if !same(&hash, &row.hash) {
            return Err(tampered(TamperKind::Altered, hash, &row.hash).into());
        }
        self.last_id = row.id;
        self.last_hash = hash;
        Ok(())
    }
}
