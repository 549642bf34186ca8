//! The [`BuildContext`] each instance is built with: its name; the gateway's one validators
//! store, under a scope fingerprinted from the instance's plugin and settings and labelled
//! with its jurisdiction; and, when the
//! gateway keeps its state in a file, a state directory of its own beside that file
//! (`data/mosaic.db` → `data/plugins/<instance>/`).

use crate::auth::hex;
use mosaic_plugin::{BuildContext, Validators};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What every instance of one gateway is built with.
pub(crate) struct Shared<'a> {
    /// Where the gateway's store is (its URL).
    pub(crate) store_url: &'a str,
    /// The validators store of every instance, kept across reloads.
    pub(crate) validators: &'a Arc<dyn Validators>,
}

/// The build context of instance `instance`, a use of `plugin` (`name@version`) with
/// `settings`, whose data belongs to `jurisdiction` (its `jurisdiction` label): the scope of
/// its validators carries it, so a shared cache tier outside it never keeps their bodies.
pub(crate) fn build_context(
    shared: &Shared<'_>,
    instance: &str,
    plugin: &str,
    settings: &serde_json::Value,
    jurisdiction: Option<&str>,
) -> BuildContext {
    let context = BuildContext::new(instance)
        .with_validators(Arc::clone(shared.validators))
        .with_scope_fingerprint(scope_fingerprint(plugin, settings))
        .with_scope_jurisdiction(jurisdiction);
    match state_root(shared.store_url) {
        Some(root) => context.with_state_dir(root.join("plugins").join(instance)),
        None => context,
    }
}

/// The SHA-256 of the plugin and its settings as written, credentials included: a reload that
/// changes neither keeps the instance's validators, one that changes either (a new token, an
/// upgrade) starts afresh. The settings' JSON text is canonical (object keys sorted), so
/// equal settings hash alike; only the digest is kept, never the credentials.
fn scope_fingerprint(plugin: &str, settings: &serde_json::Value) -> String {
    let mut hasher = Sha256::new();
    hasher.update(plugin.as_bytes());
    // The plugin id holds no NUL, so no two (plugin, settings) pairs hash the same text.
    hasher.update([0]);
    hasher.update(settings.to_string().as_bytes());
    hex(&hasher.finalize())
}

/// The folder of a SQLite store's file; none for an in-memory or server store.
fn state_root(store_url: &str) -> Option<PathBuf> {
    let path = store_url
        .strip_prefix("sqlite://")
        .or_else(|| store_url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    let parent = Path::new(path).parent()?;
    Some(if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_path_buf()
    })
}

#[cfg(test)]
#[path = "context_tests.rs"]
mod tests;
