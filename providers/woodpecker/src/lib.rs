//! The `woodpecker` plugin: Woodpecker CI's server API (2.x and 3.x) for every `ci.*`
//! operation.
//!
//! ```yaml
//! - name: ci
//!   plugin: woodpecker
//!   settings:
//!     base_url: https://ci.example.com/api
//!     token: ${WOODPECKER_TOKEN}
//! ```
//!
//! - `config.rs`: settings; `dialect.rs`: how Woodpecker writes its refusals; `client.rs`:
//!   the instance (requests, repository ids, health); `pipelines.rs`: `ci.pipelines.list`;
//!   `runs.rs`: the runs, trigger and cancel; `logs.rs`: `ci.runs.logs`; `mapping.rs`:
//!   Woodpecker's JSON and the unified model.
//!
//! How Woodpecker is spoken to:
//! - Auth: `Authorization: Bearer TOKEN`, a user's personal access token. The base URL keeps
//!   its path prefix, `/api`.
//! - Repositories by `owner/name` through `GET /repos/lookup/{owner}/{name}`, then by id; the
//!   id is kept and looked up again when it answers 404 (`client.rs`).
//! - Pipelines: Woodpecker has no pipeline definitions (its "pipeline" is a run of every
//!   matching workflow file), so each repository has one unified pipeline, `default`, named
//!   as the repository; another pipeline id is `invalid_input` saying so.
//! - Runs: Woodpecker pipelines by `number`; `current_step` is the running step of the
//!   pipeline's workflows. Lists page by `page` and `perPage`, at most 50.
//! - Trigger: a manual pipeline of a branch with variables; `204` with
//!   `Pipeline-Filtered: true` (no workflow matched) is `invalid_input` saying nothing started.
//! - Logs: per step, in workflow then step order, from base64 `data` lines.
//! - Cancel: `204`; a finished pipeline is a `conflict` naming its state.
//! - Errors: plain text or no body; 401 `unauthenticated`, 403 `forbidden`, 404 `not_found`
//!   naming what is missing, 429 from a proxy `rate_limited` with its `Retry-After`.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_woodpecker_fake as fake;

mod client;
pub mod config;
pub mod dialect;
mod logs;
pub mod mapping;
mod pipelines;
pub mod runs;

use client::Woodpecker;
use config::{WoodpeckerConnection, WoodpeckerSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;

/// The `woodpecker` plugin.
pub struct WoodpeckerPlugin {
    descriptor: PluginDescriptor,
}

impl Default for WoodpeckerPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "woodpecker",
                "1.0.0",
                "Woodpecker CI server API (2.x, 3.x): one unified pipeline per repository, runs as Woodpecker pipelines by number, manual triggers of a branch, logs per step",
                vec![ServiceKind::Ci],
                schemars::schema_for!(WoodpeckerSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({
                "base_url": "https://ci.example.com/api",
                "token": "${WOODPECKER_TOKEN}"
            })),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(WoodpeckerPlugin::default())
}

impl Plugin for WoodpeckerPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(WoodpeckerBuilder { connection }))
    }
}

#[derive(Debug)]
struct WoodpeckerBuilder {
    connection: WoodpeckerConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for WoodpeckerBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection)
    }
}

/// A Woodpecker instance over a checked connection.
pub fn connect(
    context: &BuildContext,
    connection: WoodpeckerConnection,
) -> Result<Arc<dyn Provider>, BuildError> {
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url.clone(),
            auth: Auth::Authorization(connection.authorization.clone()),
            headers: vec![("accept", "application/json".to_owned())],
            // Woodpecker sends no `ETag`, and every read goes out as it is.
            conditional_requests: false,
            dialect: dialect::WOODPECKER,
        },
    )
    .map_err(|message| BuildError {
        instance: context.instance().to_owned(),
        message,
    })?;
    Ok(mosaic_plugin::serve(Woodpecker::new(
        api,
        &connection.web_url,
    )))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
