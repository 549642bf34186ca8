//! The head anchor: the log's last record (its id and hash), sealed with the audit key and
//! written to a file outside the database after every commit.
//!
//! The HMAC chain stops anyone without the key from changing a record and recomputing the
//! links, but cutting records off the end leaves a shorter chain that is still valid. The
//! anchor says how far the log reached: `verify` finds the anchored record in the log, with the
//! anchored hash, or reports the log truncated or diverged. The anchor is written atomically
//! (a temporary file beside it, synced, then renamed over it), so a crash leaves the old
//! anchor or the new one, never a torn one; it is written after the commit, so a crash between
//! the two leaves the log ahead of its anchor, which verifies.
//!
//! The file is one line of JSON:
//!
//! ```text
//! {"format":"mosaic-audit-anchor/1","id":N,"hash":"…","key_id":"…","mac":"…"}
//! ```
//!
//! where `mac = hex(HMAC-SHA256(key, "mosaic audit anchor\n" ‖ N ‖ "\n" ‖ hash ‖ "\n" ‖ key_id))`,
//! so an anchor cannot be made up for another position without the key. A store anchors its
//! log when it opens, an empty one as id 0 with the genesis hash, so a log of sealed records
//! without an anchor always means the anchor was removed.

use super::key::AuditKey;
use crate::error::StoreError;
use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The only format written and read.
const FORMAT: &str = "mosaic-audit-anchor/1";

/// Domain separation: an anchor's MAC can never be mistaken for a record's.
const LABEL: &[u8] = b"mosaic audit anchor\n";

/// The last record the gateway committed, as the anchor file holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Anchor {
    format: String,
    /// The record's id.
    pub(crate) id: i64,
    /// The record's hash (its HMAC; a plain SHA-256 for a record from before keying).
    pub(crate) hash: String,
    /// The id of the key that sealed the anchor.
    pub(crate) key_id: String,
    mac: String,
}

impl Anchor {
    /// The anchor of record `id` with `hash`, sealed with `key`.
    pub(crate) fn seal(key: &AuditKey, id: i64, hash: &str) -> Anchor {
        Anchor {
            format: FORMAT.to_owned(),
            id,
            hash: hash.to_owned(),
            key_id: key.id().to_owned(),
            mac: mac(key, id, hash, key.id()),
        }
    }

    /// Whether the anchor was sealed with `key` and is unchanged since.
    pub(crate) fn is_sealed_by(&self, key: &AuditKey) -> bool {
        self.format == FORMAT
            && self.key_id == key.id()
            && super::chain::same(&self.mac, &mac(key, self.id, &self.hash, &self.key_id))
    }
}

fn mac(key: &AuditKey, id: i64, hash: &str, key_id: &str) -> String {
    let id = id.to_string();
    key.mac(&[
        LABEL,
        id.as_bytes(),
        b"\n",
        hash.as_bytes(),
        b"\n",
        key_id.as_bytes(),
    ])
}

/// Reads the anchor at `path`; `None` when there is none.
pub(crate) fn read(path: &Path) -> Result<Option<Anchor>, StoreError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(anchor_error(path, format!("cannot be read: {error}"))),
    };
    serde_json::from_str(text.trim())
        .map(Some)
        .map_err(|error| {
            anchor_error(
                path,
                format!("is not an anchor this version wrote ({error})"),
            )
        })
}

/// Replaces the anchor at `path` atomically; blocking, so run it off the async workers.
pub(crate) fn write(path: &Path, anchor: &Anchor) -> Result<(), StoreError> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    // A name of its own per write: several processes may anchor one SQLite file's log.
    let temporary = super::key::sibling(
        path,
        &format!(
            "tmp-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ),
    );
    let written = write_synced(&temporary, anchor).and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        anchor_error(path, format!("cannot be written: {error}"))
    })
}

fn write_synced(path: &Path, anchor: &Anchor) -> std::io::Result<()> {
    let mut line = serde_json::to_string(anchor).map_err(std::io::Error::other)?;
    line.push('\n');
    let mut file = std::fs::File::create(path)?;
    file.write_all(line.as_bytes())?;
    // Synced before the rename, so a power loss cannot leave an empty file under the name.
    file.sync_all()
}

pub(crate) fn anchor_error(path: &Path, message: String) -> StoreError {
    StoreError::AuditAnchor {
        path: path.to_path_buf(),
        message,
    }
}

/// Where the anchor is kept unless the configuration says otherwise: beside a SQLite file.
pub(crate) fn default_anchor_file(database: &Path) -> PathBuf {
    super::key::sibling(database, "audit-head")
}
