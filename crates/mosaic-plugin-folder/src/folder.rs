//! [`PluginFolder`]: the manifest files of one folder, kept in step with the live plugin set.
//!
//! Each file is loaded on its own, so a broken file never holds back the others. What a
//! file's latest content does to the set:
//! - it loads: its plugin is added, or put in place of the file's previous version;
//! - it is refused (its own errors, or a `name@version` another file or a native plugin
//!   already has): the file's previous version, if any, goes on serving, and the refusal
//!   with every error is logged and kept for status;
//! - the file is gone: its plugin leaves the set.
//!
//! The set is swapped one change at a time ([`PluginSet`]), so a caller holding a snapshot
//! keeps seeing the plugins it started with.

use mosaic_plugin::{FileState, FolderReport, Plugin, PluginSet};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Turns a manifest's text into a plugin, or every error in it. The path is for messages.
pub type Loader = Arc<dyn Fn(&str, &Path) -> Result<Arc<dyn Plugin>, Vec<String>> + Send + Sync>;

/// The folder's manifest files and their contents (or why one could not be read), by path.
pub type Snapshot = BTreeMap<PathBuf, Result<String, String>>;

/// What one [`PluginFolder::apply`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// `name@version` of each plugin added or put in place of an older content.
    pub loaded: Vec<String>,
    /// `name@version` of each plugin that left the set.
    pub removed: Vec<String>,
    /// Each refused file with its errors.
    pub rejected: Vec<(String, Vec<String>)>,
}

impl Applied {
    /// Whether the plugin set changed.
    pub fn changed_set(&self) -> bool {
        !self.loaded.is_empty() || !self.removed.is_empty()
    }
}

/// One file as last read.
struct Entry {
    /// Hash of the content last read, loaded or not: the same content is not read again.
    digest: u64,
    /// The plugin this file put in the set.
    serving: Option<Arc<dyn Plugin>>,
    /// The errors of the latest content, when it was refused.
    rejected: Vec<String>,
}

/// A plugins folder bound to a plugin set.
pub struct PluginFolder {
    dir: PathBuf,
    set: PluginSet,
    loader: Loader,
    entries: BTreeMap<PathBuf, Entry>,
    /// Why the folder could not be listed the last time, if it could not.
    error: Option<String>,
}

impl PluginFolder {
    /// A folder whose manifests go into `set`, read by `loader`. Nothing is read yet.
    pub fn new(dir: impl Into<PathBuf>, set: PluginSet, loader: Loader) -> Self {
        Self {
            dir: dir.into(),
            set,
            loader,
            entries: BTreeMap::new(),
            error: None,
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads the folder now and applies what changed.
    pub fn scan(&mut self) -> Applied {
        match read_snapshot(&self.dir) {
            Ok(snapshot) => self.apply(snapshot),
            Err(error) => {
                tracing::error!(dir = %self.dir.display(), %error, "plugins folder unreadable; its plugins keep serving as they were");
                self.error = Some(error);
                Applied::default()
            }
        }
    }

    /// Applies `snapshot`, the folder's whole content, to the set.
    pub fn apply(&mut self, snapshot: Snapshot) -> Applied {
        self.error = None;
        let mut applied = Applied::default();
        let gone: Vec<PathBuf> = self
            .entries
            .keys()
            .filter(|path| !snapshot.contains_key(*path))
            .cloned()
            .collect();
        for path in gone {
            if let Some(plugin) = self.entries.remove(&path).and_then(|entry| entry.serving) {
                let descriptor = plugin.descriptor();
                if self
                    .set
                    .remove(&descriptor.name, &descriptor.version)
                    .is_ok()
                {
                    tracing::info!(file = %path.display(), plugin = %descriptor.id(), "plugin removed with its manifest");
                    applied.removed.push(descriptor.id());
                }
            }
        }
        for (path, content) in snapshot {
            let text = match content {
                Ok(text) => text,
                Err(error) => {
                    self.refuse(
                        &path,
                        None,
                        vec![format!("could not be read: {error}")],
                        &mut applied,
                    );
                    continue;
                }
            };
            let digest = digest(&text);
            if self
                .entries
                .get(&path)
                .is_some_and(|entry| entry.digest == digest)
            {
                continue;
            }
            match (self.loader)(&text, &path) {
                Ok(plugin) => self.install(&path, digest, plugin, &mut applied),
                Err(errors) => self.refuse(&path, Some(digest), errors, &mut applied),
            }
        }
        applied
    }

    /// What status shows.
    pub fn report(&self) -> FolderReport {
        FolderReport {
            dir: self.dir.display().to_string(),
            error: self.error.clone(),
            files: self
                .entries
                .iter()
                .map(|(path, entry)| FileState {
                    file: file_name(path),
                    serving: entry
                        .serving
                        .as_ref()
                        .map(|plugin| plugin.descriptor().id()),
                    rejected: entry.rejected.clone(),
                })
                .collect(),
        }
    }

    /// Puts `plugin`, the new content of `path`, in the set, unless another file or a native
    /// plugin already has its `name@version`.
    fn install(
        &mut self,
        path: &Path,
        digest: u64,
        plugin: Arc<dyn Plugin>,
        applied: &mut Applied,
    ) {
        let id = plugin.descriptor().id();
        let previous = self
            .entries
            .get(path)
            .and_then(|entry| entry.serving.clone());
        let previous_id = previous.as_ref().map(|plugin| plugin.descriptor().id());
        if previous_id.as_deref() != Some(id.as_str())
            && let Some(holder) = self.holder_of(&id)
        {
            let error = format!(
                "plugin `{id}` is already installed ({holder}); give this manifest another name or version"
            );
            self.refuse(path, Some(digest), vec![error], applied);
            return;
        }
        if let Some(old) = &previous
            && previous_id.as_deref() != Some(id.as_str())
        {
            let old = old.descriptor();
            let _ = self.set.remove(&old.name, &old.version);
            applied.removed.push(old.id());
        }
        self.set.replace(Arc::clone(&plugin));
        tracing::info!(file = %path.display(), plugin = %id, "plugin loaded from its manifest");
        applied.loaded.push(id);
        self.entries.insert(
            path.to_owned(),
            Entry {
                digest,
                serving: Some(plugin),
                rejected: Vec::new(),
            },
        );
    }

    /// Records that the latest content of `path` was refused; the file's previous plugin,
    /// if any, goes on serving.
    fn refuse(
        &mut self,
        path: &Path,
        digest: Option<u64>,
        errors: Vec<String>,
        applied: &mut Applied,
    ) {
        tracing::error!(
            file = %path.display(),
            "plugin manifest refused; {}:\n  {}",
            match self.entries.get(path).and_then(|entry| entry.serving.as_ref()) {
                Some(plugin) => format!("its previous version `{}` keeps serving", plugin.descriptor().id()),
                None => "it serves nothing".to_owned(),
            },
            errors.join("\n  ")
        );
        applied.rejected.push((file_name(path), errors.clone()));
        let entry = self.entries.entry(path.to_owned()).or_insert(Entry {
            digest: 0,
            serving: None,
            rejected: Vec::new(),
        });
        // An unreadable file is read again next time; refused content is not.
        entry.digest = digest.unwrap_or(0);
        entry.rejected = errors;
    }

    /// Who already has `id` in the set: another file of this folder, or the build itself.
    fn holder_of(&self, id: &str) -> Option<String> {
        let (name, version) = id.rsplit_once('@')?;
        self.set.snapshot().find(name, Some(version))?;
        Some(
            self.entries
                .iter()
                .find(|(_, entry)| {
                    entry
                        .serving
                        .as_ref()
                        .is_some_and(|plugin| plugin.descriptor().id() == id)
                })
                .map_or_else(
                    || "a plugin built into MosAIc".to_owned(),
                    |(path, _)| format!("by {}", file_name(path)),
                ),
        )
    }
}

/// Whether `path` is a manifest: a visible `.yaml` or `.yml` file (editors' backup and swap
/// files, and hidden files, are not).
pub fn is_manifest(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    !name.starts_with('.')
        && path
            .extension()
            .is_some_and(|extension| extension == "yaml" || extension == "yml")
}

/// Every manifest in `dir` with its content. A folder that does not exist is empty: its
/// manifests were removed with it.
pub fn read_snapshot(dir: &Path) -> Result<Snapshot, String> {
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Snapshot::new()),
        Err(error) => return Err(format!("cannot list {}: {error}", dir.display())),
    };
    let mut snapshot = Snapshot::new();
    for item in listing {
        let item = item.map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
        let path = item.path();
        if is_manifest(&path) && path.is_file() {
            let content = std::fs::read_to_string(&path).map_err(|error| error.to_string());
            snapshot.insert(path, content);
        }
    }
    Ok(snapshot)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

fn digest(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
#[path = "folder_tests.rs"]
mod tests;
