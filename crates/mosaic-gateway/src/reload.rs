//! Hot reload: apply each valid change of the configuration file atomically; log an invalid
//! one and keep serving with the configuration already running.
//!
//! A change that is valid but serves no call (no providers, no routes, no way to
//! authenticate, no allowing policy: what an empty or half-written file gives) is refused
//! like an invalid one, unless the file lists it under `intentionally_empty`.

use crate::gateway::Gateway;
use mosaic_config::{ConfigWatcher, Nudge, Reload, WatchError};
use mosaic_plugin::PluginSet;
use std::path::PathBuf;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// A running watch; dropping it stops watching.
pub struct ReloadWatch {
    watcher: ConfigWatcher,
    task: JoinHandle<()>,
}

impl ReloadWatch {
    /// A handle that reloads the configuration although the file did not change: for a
    /// changed plugin set, whose instances must be rebuilt.
    pub fn nudge(&self) -> Nudge {
        self.watcher.nudge()
    }
}

impl Drop for ReloadWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Gateway {
    /// Watches `path` and applies every valid change to this gateway.
    pub fn watch(&self, path: PathBuf, plugins: PluginSet) -> Result<ReloadWatch, WatchError> {
        self.install_plugins(plugins.clone());
        let (watcher, changes) = ConfigWatcher::spawn(path.clone(), plugins)?;
        let task = tokio::spawn(self.clone().apply_changes(path, changes));
        Ok(ReloadWatch { watcher, task })
    }

    /// Applies configurations from `changes` until the channel closes.
    pub async fn apply_changes(self, path: PathBuf, mut changes: mpsc::Receiver<Reload>) {
        while let Some(change) = changes.recv().await {
            match change.and_then(mosaic_config::GatewayConfig::complete) {
                Ok(config) => match self.reload(config).await {
                    Ok(()) => {
                        metrics::counter!(crate::metrics::CONFIG_RELOADS, "outcome" => "ok")
                            .increment(1);
                        tracing::info!(path = %path.display(), "configuration reloaded");
                    }
                    Err(error) => {
                        metrics::counter!(crate::metrics::CONFIG_RELOADS, "outcome" => "failed")
                            .increment(1);
                        tracing::error!(path = %path.display(), %error, "configuration change not applied; the previous one keeps serving");
                    }
                },
                Err(errors) => {
                    metrics::counter!(crate::metrics::CONFIG_RELOADS, "outcome" => "rejected")
                        .increment(1);
                    tracing::error!(path = %path.display(), "configuration change rejected; the previous one keeps serving:\n{errors}");
                }
            }
        }
    }
}
