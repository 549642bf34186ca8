//! [`FolderWatch`]: the plugins folder watched, each settled change applied to the set.
//!
//! Like the configuration file's watch, a change is read only once the folder is stable: no
//! event for the debounce period, then the same content read twice, a debounce period apart.
//! An editor's save (a temporary file renamed over the manifest) or a copy written in pieces
//! so becomes one change, and a manifest is never loaded half-written.

use crate::folder::{Applied, PluginFolder, read_snapshot};
use mosaic_plugin::FolderReport;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::PathBuf;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Told after each change of the folder was applied: what it did and the folder's report.
pub type OnChange = Box<dyn Fn(&Applied, FolderReport) + Send + Sync>;

/// Why the folder cannot be watched.
#[derive(Debug, thiserror::Error)]
pub enum FolderWatchError {
    /// The folder does not exist or is not a folder.
    #[error("plugins folder {0} does not exist or is not a folder; create it or fix `plugins.dir`")]
    NotAFolder(PathBuf),
    /// The operating system refused the watch.
    #[error("cannot watch the plugins folder {path}: {source}")]
    Notify {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: notify::Error,
    },
    /// Called outside a tokio runtime.
    #[error("the plugins folder watch needs a tokio runtime")]
    NoRuntime,
}

/// Watches one plugins folder until dropped.
pub struct FolderWatch {
    // Dropping the notify watcher ends the OS watch and closes the event channel.
    _watcher: RecommendedWatcher,
    task: JoinHandle<()>,
}

impl Drop for FolderWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FolderWatch {
    /// How long the folder must stay quiet, and then unchanged, before a change is applied.
    pub const DEBOUNCE: Duration = Duration::from_millis(250);

    /// Watches `folder`'s directory and applies each settled change, then calls `on_change`.
    /// Must be called inside a tokio runtime.
    pub fn spawn(folder: PluginFolder, on_change: OnChange) -> Result<Self, FolderWatchError> {
        Self::spawn_with(folder, on_change, Self::DEBOUNCE)
    }

    /// [`FolderWatch::spawn`] with an explicit debounce delay.
    pub fn spawn_with(
        folder: PluginFolder,
        on_change: OnChange,
        debounce: Duration,
    ) -> Result<Self, FolderWatchError> {
        let runtime =
            tokio::runtime::Handle::try_current().map_err(|_| FolderWatchError::NoRuntime)?;
        let dir = folder.dir().to_owned();
        if !dir.is_dir() {
            return Err(FolderWatchError::NotAFolder(dir));
        }
        let (events_tx, events) = mpsc::unbounded_channel();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            match event {
                Ok(event) if changes(&event) => {
                    // Fails only once the watch task is gone, when nobody is listening.
                    let _ = events_tx.send(());
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "plugins folder watch error"),
            }
        })
        .map_err(|source| FolderWatchError::Notify {
            path: dir.clone(),
            source,
        })?;
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|source| FolderWatchError::Notify {
                path: dir.clone(),
                source,
            })?;
        let task = runtime.spawn(run(folder, on_change, events, debounce));
        Ok(Self {
            _watcher: watcher,
            task,
        })
    }
}

/// Whether an event may have changed the folder. Opening and reading a file (our own reads
/// included) does not; closing it after writing does.
fn changes(event: &Event) -> bool {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Other => true,
    }
}

async fn run(
    mut folder: PluginFolder,
    on_change: OnChange,
    mut events: mpsc::UnboundedReceiver<()>,
    debounce: Duration,
) {
    while events.recv().await.is_some() {
        let dir = folder.dir().to_owned();
        let Some(snapshot) = stable(&dir, &mut events, debounce).await else {
            return;
        };
        let applied = match snapshot {
            Ok(snapshot) => folder.apply(snapshot),
            Err(error) => {
                tracing::error!(dir = %dir.display(), %error, "plugins folder unreadable; its plugins keep serving as they were");
                continue;
            }
        };
        if applied.changed_set() || !applied.rejected.is_empty() {
            on_change(&applied, folder.report());
        }
    }
}

/// The folder's content once it is stable. `None` when the event source closed.
async fn stable(
    dir: &std::path::Path,
    events: &mut mpsc::UnboundedReceiver<()>,
    debounce: Duration,
) -> Option<Result<crate::folder::Snapshot, String>> {
    loop {
        if !settled(events, debounce).await {
            return None;
        }
        let first = read_snapshot(dir);
        match tokio::time::timeout(debounce, events.recv()).await {
            // Written again: wait for that write to settle too.
            Ok(Some(())) => continue,
            Ok(None) => return None,
            Err(_quiet) => {}
        }
        let second = read_snapshot(dir);
        if first == second {
            return Some(second);
        }
    }
}

/// Waits until no event arrived for `debounce`. False when the event source closed.
async fn settled(events: &mut mpsc::UnboundedReceiver<()>, debounce: Duration) -> bool {
    loop {
        match tokio::time::timeout(debounce, events.recv()).await {
            Err(_quiet) => return true,
            Ok(Some(())) => continue,
            Ok(None) => return false,
        }
    }
}
