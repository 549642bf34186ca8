//! How a store seals its audit log: the key the chain's HMACs use and the anchor that records
//! how far the log reached, resolved once when the store opens.
//!
//! Defaults live beside a SQLite file (`data/mosaic.db.audit-key`, `data/mosaic.db.audit-head`);
//! `sqlite::memory:` uses a key of its own process and no anchor, since its log ends with the
//! process; PostgreSQL needs the key configured, because every replica must seal one chain with
//! one key, and anchors only where an anchor file is configured.

use super::anchor::{self, Anchor};
use super::key::{self, AuditKey};
use super::sql::Head;
use crate::error::StoreError;
use std::path::{Path, PathBuf};
use tokio::sync::Mutex;

/// How the audit log is sealed; the `store.audit` section of the configuration.
#[derive(Clone, Debug, Default)]
pub struct AuditOptions {
    /// The key as secret text (at least 32 bytes); takes precedence over `key_file`.
    pub key: Option<mosaic_core::Secret>,
    /// The key file: generated on first start when missing (unless `read_only`).
    pub key_file: Option<PathBuf>,
    /// Where the head anchor is written after every commit.
    pub anchor_file: Option<PathBuf>,
    /// Open only to read and verify: generate no key, write no anchor, append nothing.
    pub read_only: bool,
}

/// Where a store's database lives, as far as sealing cares.
pub(crate) enum Location<'a> {
    /// `sqlite::memory:`: gone with the process.
    Memory,
    /// A SQLite file.
    SqliteFile(&'a Path),
    /// PostgreSQL.
    Postgres,
}

/// A store's key and anchor.
#[derive(Debug)]
pub(crate) struct Seal {
    /// The key; `None` only when opened read-only and no key exists.
    pub(crate) key: Option<AuditKey>,
    /// Where the key comes from (`the audit key file `…``), for messages.
    pub(crate) key_source: String,
    /// The anchor, when one is kept.
    pub(crate) anchor: Option<Anchoring>,
    pub(crate) read_only: bool,
}

/// The anchor file and what this process last anchored.
#[derive(Debug)]
pub(crate) struct Anchoring {
    pub(crate) path: PathBuf,
    /// Held for a whole append, so anchors are written in commit order.
    pub(crate) track: Mutex<Track>,
}

/// What the anchor says, as far as this process knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Track {
    /// The last record anchored (`None`: the log was empty, anchored as id 0); moved forward
    /// on every commit.
    Following(Option<(i64, String)>),
    /// The log no longer holds the anchored record: it was truncated or rewritten. The anchor
    /// is left as it is, so `verify` keeps reporting it; moving the file aside re-anchors on
    /// the next start.
    Frozen,
}

impl Seal {
    /// Resolves `options` for a store at `location`: reads or generates the key.
    pub(crate) fn resolve(
        options: &AuditOptions,
        location: Location<'_>,
    ) -> Result<Seal, StoreError> {
        let (key, key_source) = match (&options.key, &options.key_file, &location) {
            (Some(secret), _, _) => (
                Some(AuditKey::from_secret(secret.expose())?),
                "store.audit.key".to_owned(),
            ),
            (None, Some(path), _) => (read_key_file(path, options.read_only)?, file_source(path)),
            (None, None, Location::SqliteFile(database)) => {
                let path = key::default_key_file(database);
                (read_key_file(&path, options.read_only)?, file_source(&path))
            }
            (None, None, Location::Memory) => (
                Some(AuditKey::ephemeral()?),
                "a key of this process".to_owned(),
            ),
            (None, None, Location::Postgres) if options.read_only => (
                None,
                "no key (store.audit.key or store.audit.key_file)".to_owned(),
            ),
            (None, None, Location::Postgres) => return Err(StoreError::AuditKeyRequired),
        };
        let anchor_path = match (&options.anchor_file, location) {
            (Some(path), _) => Some(path.clone()),
            (None, Location::SqliteFile(database)) => Some(anchor::default_anchor_file(database)),
            (None, Location::Memory | Location::Postgres) => None,
        };
        Ok(Seal {
            key,
            key_source,
            anchor: anchor_path.map(|path| Anchoring {
                path,
                track: Mutex::new(Track::Following(None)),
            }),
            read_only: options.read_only,
        })
    }

    /// The key, or the error of appending without one.
    pub(crate) fn key_for_append(&self) -> Result<&AuditKey, StoreError> {
        match (&self.key, self.read_only) {
            (Some(key), false) => Ok(key),
            _ => Err(StoreError::ReadOnly),
        }
    }
}

fn read_key_file(path: &Path, read_only: bool) -> Result<Option<AuditKey>, StoreError> {
    if read_only {
        AuditKey::read_file(path)
    } else {
        AuditKey::read_or_create_file(path).map(Some)
    }
}

fn file_source(path: &Path) -> String {
    format!("the audit key file `{}`", path.display())
}

/// Judges the anchor found at opening against the log: the track to follow from here.
/// `head` is the log's last record; `at_anchor` the hash of the record with the anchor's id,
/// if the log has one.
pub(crate) fn judge_anchor(
    path: &Path,
    key: &AuditKey,
    found: Result<Option<Anchor>, StoreError>,
    head: Option<&Head>,
    at_anchor: Option<&str>,
) -> Track {
    let path = path.display();
    match found {
        Err(error) => {
            tracing::error!(%error, "the audit anchor is unreadable; leaving it as it is: run `mosaic audit verify`");
            Track::Frozen
        }
        Ok(None) => {
            if let Some(head) = head.filter(|head| head.key_id.is_some()) {
                tracing::error!(anchor = %path, head = head.id, "the audit anchor is missing although the log holds sealed records: it was deleted or moved, so the log's tail could not be checked up to now; anchoring afresh");
            }
            Track::Following(None)
        }
        Ok(Some(found)) if !found.is_sealed_by(key) => {
            tracing::error!(anchor = %path, "the audit anchor was not sealed with this key (edited, or written with another key); leaving it as it is: run `mosaic audit verify`");
            Track::Frozen
        }
        Ok(Some(found)) => match at_anchor {
            // The empty log: every log extends it.
            Some(_) if found.id == 0 => Track::Following(None),
            Some(hash) if super::chain::same(hash, &found.hash) => {
                Track::Following(Some((found.id, found.hash)))
            }
            _ => {
                tracing::error!(anchor = %path, anchored = found.id, head = head.map(|head| head.id), "the audit log no longer holds the record its anchor names: records were removed or rewritten; leaving the anchor as it is: run `mosaic audit verify`");
                Track::Frozen
            }
        },
    }
}

/// The anchor of `id`/`hash` under `key`, written to `path` off the async workers.
pub(crate) async fn write_anchor(
    path: &Path,
    key: &AuditKey,
    id: i64,
    hash: &str,
) -> Result<(), StoreError> {
    let anchor = Anchor::seal(key, id, hash);
    let path_owned = path.to_path_buf();
    tokio::task::spawn_blocking(move || anchor::write(&path_owned, &anchor))
        .await
        .map_err(|error| anchor::anchor_error(path, format!("was not written: {error}")))?
}
