//! The `jira` plugin: Jira Cloud's platform REST API v3 for every `pm.*` operation.
//!
//! ```yaml
//! - name: jira
//!   plugin: jira
//!   settings:
//!     base_url: https://acme.atlassian.net
//!     email: bot@acme.example
//!     api_token: ${JIRA_API_TOKEN}
//! ```
//!
//! - `dialect.rs`: how Jira writes its refusals and its quota (error bodies, rate-limit headers).
//! - `config.rs`: settings; `client.rs`: the instance (requests, cursors, health, quota);
//!   `projects.rs`: `pm.projects.list`; `issues.rs`: the other `pm.*` operations, search,
//!   reads and writes of work items; `transitions.rs`: choosing a workflow move;
//!   `mapping.rs`: Jira's JSON and the unified model.
//! - [`mosaic_provider_kit::adf`]: descriptions and comments are Atlassian Document Format in Jira and Markdown for
//!   MosAIc's callers; converted both ways without losing headings, lists, code blocks, links
//!   or mentions.
//! - [`jql`]: the unified `pm.issues.search` query as JQL, with every caller value quoted so
//!   that none can change the query.
//! - [`status`]: Jira's three status categories, plus status and resolution, as the five unified
//!   ones — the same rules on the read side, in searches and in transitions.
//!
//! How Jira is spoken to:
//! - Auth: `Authorization: Basic base64(email:api_token)` (Jira Cloud API tokens) or
//!   `Bearer TOKEN` (OAuth 2.0 through `https://api.atlassian.com/ex/jira/{cloudId}`, with
//!   `web_url` set to the site; or a Data Center personal access token, for a Data Center that
//!   serves REST v3). The base URL is the site's root with any context path
//!   (`https://jira.example.com/jira`); API paths go below it.
//! - Projects: `GET /rest/api/3/project/search`, offset pages (`startAt`, `maxResults`), key
//!   order; the cursor is the next offset.
//! - Search: the JQL of [`jql::search_jql`] sent to `GET /rest/api/3/search/jql`, paged by
//!   Jira's `nextPageToken` (the cursor; checked to be printable ASCII before it is sent back),
//!   or with `search: legacy` to `GET /rest/api/3/search`, paged by offset — the endpoint Jira
//!   Cloud retired in 2025 but Data Center and the vendored API description have.
//! - Work items are addressed by key. Create answers only a key, so the item is read back;
//!   update (`PUT`, 204) and transition (`POST`, 204) are read back too. Assignees are written
//!   by account id, looked up with `GET /rest/api/3/user/search` from an e-mail, account id or
//!   display name (no match, or several, is `invalid_input`). Labels with spaces, which Jira
//!   refuses, are `invalid_input` before anything is sent. The issue type is the caller's, or
//!   `default_issue_type` (`Task`).
//! - Transitions: see `transitions.rs`; when no transition reaches the target the answer is
//!   `conflict` naming the current status and the statuses that can be reached.
//! - Quota: `X-RateLimit-Limit`/`-Remaining` and Jira's `X-RateLimit-Reset` (a time,
//!   `2026-01-31T12:30Z`); a 429 with `Retry-After` is `rate_limited` with the wait.
//! - Errors: Jira's `errorMessages` and field `errors` are the message; 400 is
//!   `invalid_input`, 401 `unauthenticated`, 403 `forbidden`, 404 `not_found` naming the work
//!   item or project.
//! - Ids and web URLs: Jira's `id` and `key`; pages are `{web_url}/browse/KEY`.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_jira_fake as fake;

mod client;
pub mod config;
pub mod dialect;
mod issues;
pub mod jql;
pub mod mapping;
mod projects;
pub mod status;
mod transitions;

use client::Jira;
use config::{JiraConnection, JiraSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;

/// The `jira` plugin.
pub struct JiraPlugin {
    descriptor: PluginDescriptor,
}

impl Default for JiraPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "jira",
                "1.0.0",
                "Jira Cloud REST API v3: projects, JQL search, work items, transitions, comments (ADF as Markdown)",
                vec![ServiceKind::Pm],
                schemars::schema_for!(JiraSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"base_url": "https://acme.atlassian.net", "email": "bot@acme.example", "api_token": "${JIRA_API_TOKEN}"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(JiraPlugin::default())
}

impl Plugin for JiraPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(JiraBuilder { connection }))
    }
}

#[derive(Debug)]
struct JiraBuilder {
    connection: JiraConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for JiraBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection, Vec::new())
    }
}

/// A Jira instance over a checked connection, sending `extra_headers` with every request (a
/// mock asked for one of its documented answers with `Prefer`, say).
pub fn connect(
    context: &BuildContext,
    connection: JiraConnection,
    extra_headers: Vec<(&'static str, String)>,
) -> Result<Arc<dyn Provider>, BuildError> {
    let mut headers = vec![("accept", "application/json".to_owned())];
    headers.extend(extra_headers);
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url.clone(),
            auth: Auth::Authorization(connection.authorization.clone()),
            headers,
            conditional_requests: connection.conditional_requests,
            dialect: dialect::JIRA,
        },
    )
    .map_err(|message| BuildError {
        instance: context.instance().to_owned(),
        message,
    })?;
    Ok(mosaic_plugin::serve(Jira::new(api, &connection)))
}
