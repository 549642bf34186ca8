//! Hot reload: watches the configuration file and hands every real change, loaded and
//! validated, to the gateway over a channel. The gateway applies a valid configuration as
//! one unit and keeps the running one when the new file is invalid (or serves no call, see
//! [`crate::gaps`]).
//!
//! The watch is on the file's parent directory, not the file: editors save by writing a new
//! file and renaming it over the old one, which ends a watch on the old file's inode. A
//! change is read only once the file is stable: no event for the debounce period, then the
//! same content read twice, a debounce period apart. Bursts of events (write, chmod, rename)
//! so become one reload, and a file written in place in pieces is not read half-written
//! while the writer keeps going, even when a pause between two pieces outlasts the debounce
//! or a piece is written without an event (an overflowed or coarse watch). A reload whose
//! content is unchanged (a `touch`, an editor saving without edits) is skipped by comparing
//! a hash of the content — unless the reload was asked for ([`Nudge::reload`]): the plugin set
//! the file is read against changed, so the same text may now mean other instances.

use crate::error::ConfigErrors;
use crate::load::load;
use crate::model::GatewayConfig;
use mosaic_plugin::PluginSet;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::ffi::OsString;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// The outcome of one reload: a valid configuration, or every error in the new file.
pub type Reload = Result<GatewayConfig, ConfigErrors>;

/// How the watcher reads environment variables when it loads the file.
pub type SharedEnv = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Why the file cannot be watched.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The path has no file name (`/`, `..`).
    #[error("{0} does not name a file")]
    NotAFile(PathBuf),
    /// The path could not be made absolute.
    #[error("cannot resolve {path}: {source}")]
    Resolve {
        /// The path as given.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The operating system refused the watch.
    #[error("cannot watch {path}: {source}")]
    Notify {
        /// The directory watched.
        path: PathBuf,
        /// Why.
        #[source]
        source: notify::Error,
    },
    /// Called outside a tokio runtime.
    #[error("the configuration watcher needs a tokio runtime")]
    NoRuntime,
}

/// Watches one configuration file until dropped.
pub struct ConfigWatcher {
    // Dropping the notify watcher ends the OS watch and closes the event channel.
    _watcher: RecommendedWatcher,
    task: JoinHandle<()>,
    nudge: Nudge,
}

/// Asks a [`ConfigWatcher`] to load its file again although the file did not change: the
/// plugin set changed (a manifest was added, changed or removed), and instances built from
/// a changed plugin must be rebuilt. Cheap to clone.
#[derive(Clone)]
pub struct Nudge {
    events: mpsc::UnboundedSender<()>,
    forced: Arc<AtomicBool>,
}

impl Nudge {
    /// Loads the file again (after the usual debounce), even if its content is unchanged.
    pub fn reload(&self) {
        self.forced.store(true, Ordering::SeqCst);
        // Fails only once the watcher is gone, when nobody is listening.
        let _ = self.events.send(());
    }
}

impl ConfigWatcher {
    /// How long the file must stay quiet, and then unchanged, before it is reloaded: a change
    /// is read at the earliest twice this long after its last write.
    pub const DEBOUNCE: Duration = Duration::from_millis(250);

    /// Watches `path`, loading changes with the process environment and the plugin set as it is at each load. Must be
    /// called inside a tokio runtime. Reloads arrive on the returned receiver.
    pub fn spawn(
        path: impl Into<PathBuf>,
        plugins: PluginSet,
    ) -> Result<(Self, mpsc::Receiver<Reload>), WatchError> {
        let env: SharedEnv = Arc::new(|name: &str| std::env::var(name).ok());
        Self::spawn_with(path, plugins, env, Self::DEBOUNCE)
    }

    /// [`ConfigWatcher::spawn`] with an explicit environment and debounce delay.
    pub fn spawn_with(
        path: impl Into<PathBuf>,
        plugins: PluginSet,
        env: SharedEnv,
        debounce: Duration,
    ) -> Result<(Self, mpsc::Receiver<Reload>), WatchError> {
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| WatchError::NoRuntime)?;
        let given = path.into();
        let path = std::path::absolute(&given).map_err(|source| WatchError::Resolve {
            path: given.clone(),
            source,
        })?;
        let (Some(name), Some(dir)) = (path.file_name(), path.parent()) else {
            return Err(WatchError::NotAFile(given));
        };
        let name = name.to_owned();
        let dir = dir.to_owned();
        // Behind a symlink (a Kubernetes ConfigMap swaps a `..data` link), changes show up
        // as events on other names in the directory; take them all, the hash sorts them out.
        let any_name = path
            .symlink_metadata()
            .is_ok_and(|meta| meta.file_type().is_symlink());
        let (events_tx, events) = mpsc::unbounded_channel();
        let forced = Arc::new(AtomicBool::new(false));
        let nudge = Nudge {
            events: events_tx.clone(),
            forced: Arc::clone(&forced),
        };
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            match event {
                Ok(event) if relevant(&event, &name, any_name) => {
                    // Fails only once the watcher task is gone, when nobody is listening.
                    let _ = events_tx.send(());
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "configuration file watch error"),
            }
        })
        .map_err(|source| WatchError::Notify {
            path: dir.clone(),
            source,
        })?;
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|source| WatchError::Notify {
                path: dir.clone(),
                source,
            })?;
        let (reloads_tx, reloads) = mpsc::channel(8);
        let reloader = Reloader {
            last: std::fs::read_to_string(&path)
                .ok()
                .map(|text| digest(&text)),
            path,
            plugins,
            env,
            debounce,
            forced,
        };
        let task = runtime.spawn(reloader.run(events, reloads_tx));
        Ok((
            Self {
                _watcher: watcher,
                task,
                nudge,
            },
            reloads,
        ))
    }

    /// A handle that asks for a reload of the unchanged file.
    pub fn nudge(&self) -> Nudge {
        self.nudge.clone()
    }
}

impl Drop for ConfigWatcher {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Whether an event may have changed the file. Opening and reading it (our own reload
/// included) does not; closing it after writing does.
fn relevant(event: &Event, name: &OsString, any_name: bool) -> bool {
    let changes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Other => true,
    };
    changes
        && (any_name
            || event
                .paths
                .iter()
                .any(|path| path.file_name() == Some(name.as_os_str())))
}

/// The task that turns debounced events into reloads.
struct Reloader {
    path: PathBuf,
    plugins: PluginSet,
    env: SharedEnv,
    debounce: Duration,
    /// Hash of the content last loaded; `None` when the last read failed.
    last: Option<u64>,
    /// Set by a [`Nudge`]: the next load happens even if the content is unchanged.
    forced: Arc<AtomicBool>,
}

impl Reloader {
    async fn run(mut self, mut events: mpsc::UnboundedReceiver<()>, reloads: mpsc::Sender<Reload>) {
        while events.recv().await.is_some() {
            let Some(content) = self.stable(&mut events).await else {
                return;
            };
            let Some(reload) = self.reload(content) else {
                continue;
            };
            if reloads.send(reload).await.is_err() {
                return;
            }
        }
    }

    /// The file's content once it is stable: quiet for the debounce period, then the same
    /// when read again a debounce period later. `None` when the event source closed.
    async fn stable(&self, events: &mut mpsc::UnboundedReceiver<()>) -> Option<Content> {
        loop {
            if !settled(events, self.debounce).await {
                return None;
            }
            let first = read(&self.path).await;
            match tokio::time::timeout(self.debounce, events.recv()).await {
                // Written again: wait for that write to settle too.
                Ok(Some(())) => continue,
                Ok(None) => return None,
                Err(_quiet) => {}
            }
            let second = read(&self.path).await;
            if first == second {
                return Some(second);
            }
        }
    }

    /// Loads the content if it changed since the last load.
    fn reload(&mut self, content: Content) -> Option<Reload> {
        let text = match content {
            Ok(text) => text,
            Err(error) => {
                self.last = None;
                return Some(Err(ConfigErrors::whole_file(format!(
                    "could not read {}: {error}",
                    self.path.display()
                ))));
            }
        };
        let hash = digest(&text);
        let forced = self.forced.swap(false, Ordering::SeqCst);
        if !forced && self.last == Some(hash) {
            return None;
        }
        self.last = Some(hash);
        Some(load(&text, &*self.env, &self.plugins.snapshot()))
    }
}

/// The file's text, or why it could not be read.
type Content = Result<String, String>;

async fn read(path: &std::path::Path) -> Content {
    tokio::fs::read_to_string(path)
        .await
        .map_err(|error| error.to_string())
}

/// Waits until no event arrived for `debounce`. False when the event source closed.
pub(crate) async fn settled(events: &mut mpsc::UnboundedReceiver<()>, debounce: Duration) -> bool {
    loop {
        match tokio::time::timeout(debounce, events.recv()).await {
            Err(_quiet) => return true,
            Ok(Some(())) => continue,
            Ok(None) => return false,
        }
    }
}

fn digest(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
