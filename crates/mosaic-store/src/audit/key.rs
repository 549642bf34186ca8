//! The audit key: the secret the chain's HMACs are computed with, kept outside the database so
//! that whoever can rewrite the log cannot recompute its links.
//!
//! A key comes from the configuration (`store.audit.key`, usually `${MOSAIC_AUDIT_KEY}`), from
//! a key file, or — for `sqlite::memory:`, whose log ends with the process — from the system's
//! random source for this process only. A key file that does not exist is generated on first
//! start: 32 random bytes written as 64 hex digits, readable by its owner only (0600), created
//! exclusively so two processes starting together agree on one key.

use crate::error::StoreError;
use hmac::{Hmac, KeyInit, Mac};
use rand::TryRng;
use rand::rngs::SysRng;
use sha2::Sha256;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The fewest bytes a key may have: HMAC-SHA256's own output size (RFC 2104, section 3).
pub const MIN_KEY_BYTES: usize = 32;

/// Random bytes in a generated key.
const GENERATED_KEY_BYTES: usize = 32;

/// What the key's id is computed from: an HMAC of this text, so the id names the key without
/// revealing anything usable about it.
const KEY_ID_LABEL: &[u8] = b"mosaic audit key id";
/// What a derived key's MAC starts with, so that no derivation is the MAC of a key id or a record.
const DERIVE_LABEL: &[u8] = b"mosaic derived key\0";

/// The secret that seals the audit chain. Its `Debug` shows only its id.
#[derive(Clone)]
pub struct AuditKey {
    /// HMAC-SHA256 with the key already absorbed; cloned for every MAC.
    keyed: Hmac<Sha256>,
    id: String,
}

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditKey").field("id", &self.id).finish()
    }
}

impl AuditKey {
    /// A key from secret text (the configuration's `store.audit.key`); at least
    /// [`MIN_KEY_BYTES`] bytes.
    pub fn from_secret(secret: &str) -> Result<AuditKey, StoreError> {
        Self::from_bytes(secret.trim().as_bytes().to_vec()).ok_or(StoreError::AuditKey {
            source_name: "store.audit.key".to_owned(),
            message: format!(
                "is {} bytes long; an audit key needs at least {MIN_KEY_BYTES} (generate one with `openssl rand -hex 32`)",
                secret.trim().len()
            ),
        })
    }

    /// A key for this process only, for logs that end with it (`sqlite::memory:`).
    pub(crate) fn ephemeral() -> Result<AuditKey, StoreError> {
        let bytes = random_bytes().map_err(|message| StoreError::AuditKey {
            source_name: "the system's random source".to_owned(),
            message,
        })?;
        Self::from_bytes(bytes.to_vec()).ok_or_else(|| StoreError::AuditKey {
            source_name: "the system's random source".to_owned(),
            message: "gave a key too short to use".to_owned(),
        })
    }

    /// Reads the key file at `path`; `None` when there is none.
    pub(crate) fn read_file(path: &Path) -> Result<Option<AuditKey>, StoreError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(file_error(path, format!("cannot be read: {error}"))),
        };
        warn_if_shared(path);
        Self::from_bytes(text.trim().as_bytes().to_vec())
            .map(Some)
            .ok_or_else(|| {
                file_error(
                    path,
                    format!(
                        "holds {} bytes; an audit key needs at least {MIN_KEY_BYTES}",
                        text.trim().len()
                    ),
                )
            })
    }

    /// Reads the key file at `path`, generating it first when there is none.
    pub(crate) fn read_or_create_file(path: &Path) -> Result<AuditKey, StoreError> {
        if let Some(key) = Self::read_file(path)? {
            return Ok(key);
        }
        let bytes = random_bytes().map_err(|message| file_error(path, message))?;
        let text = format!("{}\n", super::chain::hex(&bytes));
        match create_private(path, text.as_bytes()) {
            Ok(()) => {
                tracing::info!(path = %path.display(), "generated the audit key; keep a copy of it: without it the audit log cannot be verified");
            }
            // Another process created it first: use theirs, so both seal one chain.
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(file_error(path, format!("cannot be created: {error}"))),
        }
        Self::read_file(path)?
            .ok_or_else(|| file_error(path, "vanished right after it was created".to_owned()))
    }

    /// A short, stable name of the key, stored with every record it sealed (16 hex digits).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A key of its own for `purpose` (`run ids`), derived from this one: a token signed with
    /// it can never pass for a seal of the audit chain, and it lasts as long as this key does.
    pub(crate) fn derive(&self, purpose: &str) -> [u8; 32] {
        let derived = mac_bytes(&self.keyed, &[DERIVE_LABEL, purpose.as_bytes()]);
        let mut key = [0; 32];
        key.copy_from_slice(&derived);
        key
    }

    /// An HMAC-SHA256 over `parts`, in order, as 64 hex digits.
    pub(crate) fn mac(&self, parts: &[&[u8]]) -> String {
        super::chain::hex(&mac_bytes(&self.keyed, parts))
    }

    fn from_bytes(bytes: Vec<u8>) -> Option<AuditKey> {
        if bytes.len() < MIN_KEY_BYTES {
            return None;
        }
        // HMAC takes keys of any length (RFC 2104, section 2): this never refuses one.
        let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(&bytes).ok()?;
        let id = super::chain::hex(&mac_bytes(&keyed, &[KEY_ID_LABEL])[..8]);
        Some(AuditKey { keyed, id })
    }
}

fn mac_bytes(keyed: &Hmac<Sha256>, parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = keyed.clone();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

fn random_bytes() -> Result<[u8; GENERATED_KEY_BYTES], String> {
    let mut bytes = [0u8; GENERATED_KEY_BYTES];
    SysRng
        .try_fill_bytes(&mut bytes)
        .map_err(|error| format!("no random bytes for a new key: {error}"))?;
    Ok(bytes)
}

fn file_error(path: &Path, message: String) -> StoreError {
    StoreError::AuditKey {
        source_name: format!("the audit key file `{}`", path.display()),
        message,
    }
}

/// Creates `path` with `contents`, failing when it exists, readable by its owner only.
fn create_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Warns when others than the owner may read the key file: anyone who can read it can forge
/// a chain that verifies.
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(metadata) = std::fs::metadata(path)
            && metadata.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(path = %path.display(), mode = format!("{:o}", metadata.permissions().mode() & 0o777), "the audit key file is readable by others than its owner; `chmod 600` it");
        }
    }
}

/// Where the key file is kept unless the configuration says otherwise: beside a SQLite file.
pub(crate) fn default_key_file(database: &Path) -> PathBuf {
    sibling(database, "audit-key")
}

/// `path` with `.suffix` appended to its file name (`data/mosaic.db.audit-key`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}
