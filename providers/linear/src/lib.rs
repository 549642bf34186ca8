//! The `linear` plugin: Linear's GraphQL API for every `pm.*` operation.
//!
//! ```yaml
//! - name: linear
//!   plugin: linear
//!   settings:
//!     api_key: ${LINEAR_API_KEY}        # base_url defaults to https://api.linear.app
//! ```
//!
//! - `dialect.rs`: how Linear writes its refusals and its quota (error bodies, rate-limit headers).
//! - `config.rs`: settings; requests go through the shared HTTP client's `send_raw`, which
//!   keeps the body of every answer, refusals included (GraphQL puts its error codes there);
//!   `errors.rs`:
//!   the answer envelope and `errors[]` as typed errors; `documents.rs` and `graphql/`: the
//!   query documents, checked against the vendored schema at build time; `client.rs`: the
//!   instance (sending a document, cursors, health, quota); `projects.rs`:
//!   `pm.projects.list`; `issues.rs`: the other `pm.*` operations, search, reads and writes of
//!   work items; `context.rs`: the lookups writes need; `transitions.rs`: choosing a workflow
//!   state; `filter.rs`: the unified search as an `IssueFilter`; `status.rs`: state types and
//!   categories; `mapping.rs`: answers and the unified model.
//!
//! How Linear is spoken to:
//! - One endpoint, `POST {base_url}/graphql`, with `{query, variables, operationName}`.
//!   Personal API keys go bare in `Authorization`, OAuth tokens as `Bearer …` (`api_key` or
//!   `access_token`). Every document is a constant; caller values travel only as variables.
//! - Projects are teams, by key; work items are issues, by identifier (`WEB-12`, which
//!   `issue(id:)` accepts). Team pages are `https://linear.app/{urlKey}/team/{KEY}`, with the
//!   organization's URL key read alongside the teams.
//! - Pages are Relay connections: `first` (the caller's 1–100), `after` (the cursor, Linear's
//!   `endCursor`, checked for shape before it is sent back), `pageInfo.hasNextPage`. Searches
//!   order by last update, newest first.
//! - Writes: team key → team id; label names → ids among the team's and the workspace's labels;
//!   assignee e-mail or display name → user id; priority `urgent`/`high`/`medium`/`low`/`none`
//!   → 1/2/3/4/0. An unknown one is `invalid_input` before any mutation. Linear has no issue
//!   types: one named is `invalid_input`. Descriptions and comments are Markdown, as in
//!   Linear.
//! - Transitions choose a workflow state of the team: see `transitions.rs`.
//! - Errors: see `errors.rs` — by `extensions.code` (`AUTHENTICATION_ERROR`, `FORBIDDEN`,
//!   `RATELIMITED`, `INPUT_ERROR` …), whatever the HTTP status (200, 400 or 401).
//! - Quota: `X-RateLimit-Requests-Limit`/`-Remaining`/`-Reset` (the reset in Unix
//!   milliseconds) on every answer; a spent quota is `rate_limited` with the time to the reset.
//! - Health: `viewer { id }`.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_linear_fake as fake;

mod client;
pub mod config;
mod context;
pub mod dialect;
pub mod documents;
mod errors;
pub mod filter;
mod issues;
pub mod mapping;
mod projects;
pub mod status;
mod transitions;

use client::Linear;
use config::{LinearConnection, LinearSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;

/// The `linear` plugin.
pub struct LinearPlugin {
    descriptor: PluginDescriptor,
}

impl Default for LinearPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "linear",
                "1.0.0",
                "Linear GraphQL API: teams, issue search, work items, workflow states, comments (Markdown)",
                vec![ServiceKind::Pm],
                schemars::schema_for!(LinearSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"api_key": "${LINEAR_API_KEY}"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(LinearPlugin::default())
}

impl Plugin for LinearPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(LinearBuilder { connection }))
    }
}

#[derive(Debug)]
struct LinearBuilder {
    connection: LinearConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for LinearBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection)
    }
}

/// A Linear instance over a checked connection.
pub fn connect(
    context: &BuildContext,
    connection: LinearConnection,
) -> Result<Arc<dyn Provider>, BuildError> {
    let failed = |message: String| BuildError {
        instance: context.instance().to_owned(),
        message,
    };
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url,
            auth: Auth::Authorization(connection.authorization),
            headers: vec![("accept", "application/json".to_owned())],
            // Every call is a POST to one endpoint: nothing to revalidate.
            conditional_requests: false,
            dialect: dialect::LINEAR,
        },
    )
    .map_err(failed)?;
    Ok(mosaic_plugin::serve(Linear::new(api)))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
