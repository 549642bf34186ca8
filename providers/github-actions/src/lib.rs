//! The `github-actions` plugin: GitHub Actions (github.com and GitHub Enterprise Server) for
//! every `ci.*` operation.
//!
//! ```yaml
//! - name: actions
//!   plugin: github-actions
//!   settings:
//!     base_url: https://api.github.com       # the default; GHES: https://ghe.example.com/api/v3
//!     token: ${GITHUB_TOKEN}
//!     cancel: normal                          # or `force`
//! ```
//!
//! - `lib.rs`: the plugin's descriptor, its builder and [`connect`].
//! - `config.rs`: the settings, checked without I/O.
//! - `client.rs`: the running instance and its hooks (health, quota, poll interval).
//! - `pipelines.rs`, `runs.rs`, `trigger.rs`, `logs.rs`: the operations.
//! - `mapping.rs`: GitHub Actions' JSON and the unified model.
//!
//! What is GitHub's is shared with the `github` plugin through the kit
//! (`mosaic_provider_kit::github`): the settings shape, `Authorization: Bearer TOKEN`,
//! `X-GitHub-Api-Version` pinned, and GitHub's dialect — its error bodies, `X-RateLimit-*`
//! quota, and its secondary rate limits (403 with `Retry-After`, with
//! `x-ratelimit-remaining: 0`, or with only its message) read as `rate_limited` with the wait.
//!
//! How GitHub Actions maps to pipelines and runs:
//! - a pipeline is a workflow; its id is the workflow's id, and the workflow's file name
//!   (`ci.yml`, or its path `.github/workflows/ci.yml`) is accepted in its place;
//! - a run is a workflow run; a completed run's `updated_at` is its finish time; the current
//!   step of a run in progress is its job in progress;
//! - a trigger is a `workflow_dispatch` at a branch or tag (`trigger.rs`);
//! - a cancel is GitHub's cancel, or its force-cancel with `cancel: force`;
//! - a run's log is its jobs' logs in order, each fetched from GitHub's log storage without
//!   the token (`logs.rs`).

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_github_actions_fake as fake;

mod client;
mod config;
mod logs;
pub mod mapping;
mod pipelines;
mod runs;
mod trigger;

pub use client::RUN_POLL_INTERVAL;
pub use config::{ActionsSettings, CancelMode};
pub use trigger::MAX_INPUTS;

use client::Actions;
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::github::github_client;
use mosaic_provider_kit::token_settings::Connection;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// The `github-actions` plugin.
pub struct GitHubActionsPlugin {
    descriptor: PluginDescriptor,
}

impl Default for GitHubActionsPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                config::PLUGIN,
                "1.0.0",
                "GitHub Actions (github.com and Enterprise Server): workflows, their runs, dispatch, cancel and job logs",
                vec![ServiceKind::Ci],
                schemars::schema_for!(ActionsSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"base_url": "https://api.github.com", "token": "${GITHUB_TOKEN}"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(GitHubActionsPlugin::default())
}

impl Plugin for GitHubActionsPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let checked = config::validate(settings)?;
        Ok(Box::new(ActionsBuilder {
            connection: checked.connection,
            cancel: checked.cancel,
        }))
    }
}

/// Checked settings, waiting for the instance name.
#[derive(Debug)]
struct ActionsBuilder {
    connection: Connection,
    cancel: CancelMode,
}

#[async_trait::async_trait]
impl InstanceBuilder for ActionsBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection, self.cancel, Vec::new())
    }
}

/// A GitHub Actions instance over a checked connection, cancelling as `cancel` says, sending
/// `extra_headers` with every request besides GitHub's own (a mock asked for one of its
/// documented answers with `Prefer`).
pub fn connect(
    context: &BuildContext,
    connection: Connection,
    cancel: CancelMode,
    extra_headers: Vec<(&'static str, String)>,
) -> Result<Arc<dyn Provider>, BuildError> {
    let api = github_client(context, connection, extra_headers)?;
    Ok(mosaic_plugin::serve(Actions {
        api,
        cancel,
        without_run_details: AtomicBool::new(false),
    }))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
