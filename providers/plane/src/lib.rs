//! The `plane` plugin: Plane's REST API v1 (Plane Cloud and self-hosted Plane) for every
//! `pm.*` operation.
//!
//! ```yaml
//! - name: plane
//!   plugin: plane
//!   settings:
//!     base_url: https://plane.example.com/api/v1   # default: https://api.plane.so/api/v1
//!     api_key: ${PLANE_API_KEY}
//!     workspace: acme
//!     api: work-items                              # `issues` for Plane before 2025
//! ```
//!
//! - `dialect.rs`: how Plane writes its refusals and its quota (error bodies, rate-limit headers).
//! - `config.rs`: settings; `client.rs`: the instance (paths, requests, Plane's pages,
//!   health, quota); `projects.rs`: `pm.projects.list` and what a project defines;
//!   `issues.rs`: the other `pm.*` operations, search, reads and writes of work items;
//!   `fields.rs`: the checks and lookups of what a write sends; `search.rs`: the search's
//!   filter and the cursors; `mapping.rs`: Plane's JSON and the unified model; `status.rs`:
//!   state groups and status categories.
//! - [`mosaic_provider_kit::html`]: descriptions and comments are HTML in Plane and Markdown for MosAIc's callers.
//!
//! How Plane is spoken to:
//! - Auth: `X-API-Key: KEY` (an API token of the workspace). The base URL keeps its path
//!   prefix, `/api/v1`; every path is below the workspace's slug, `/workspaces/{slug}/…`.
//! - Paths: Plane renamed issues to work items in 2025 and serves both names; `api:
//!   work-items` (the default) calls `/projects/{id}/work-items/` and `/work-items/{PROJ}-{n}/`,
//!   `api: issues` the older `/projects/{id}/issues/` and `/issues/{PROJ}-{n}/`.
//! - Projects: the key is Plane's `identifier`; a key is found among the workspace's projects
//!   (all pages). Work items are read by key with Plane's `/{PROJ}-{sequence}/` lookup.
//! - Pages: Plane's cursor pages (`per_page` up to 100, `cursor` `LIMIT:PAGE:0`, answers with
//!   `results` and `next_page_results`); MosAIc's cursors are offsets Plane's pages are cut
//!   from (see `search.rs`), and one not issued here is `invalid_input`.
//! - Search: Plane filters nothing a search asks for, so status, assignee, labels, time and
//!   text are filtered here; see `search.rs` for how pages and cursors stay correct.
//! - Writes: title → `name`, Markdown → `description_html` and `comment_html`, labels by name
//!   → the project's label ids (an unknown name is `invalid_input` before anything is
//!   written), the assignee by e-mail, display name or id → a project member's id, priority
//!   `urgent`, `high`, `medium`, `low`, `none`. Plane's API v1 sets no work item type: only
//!   the default (`Issue`) may be named. Transitions set a state of the project (`status.rs`);
//!   none that matches is `conflict` naming the states there are.
//! - Quota: Plane sends `X-RateLimit-Remaining` and `X-RateLimit-Reset` (Unix seconds; the
//!   API key's limit, 60 a minute by default, is not sent); a 429 carries `Retry-After` and is
//!   `rate_limited` with that wait.
//! - Errors: Plane's `{"error": …}` and Django REST framework's `{"detail": …}` are the
//!   message; 400 is `invalid_input`, 401 `unauthenticated`, 403 `forbidden` (also a workspace
//!   the key does not belong to), 404 `not_found` naming the work item or project.
//! - Ids and pages: Plane's UUIDs; a work item's page is
//!   `{web_url}/{workspace}/projects/{project id}/issues/{item id}`, a project's
//!   `…/projects/{project id}/issues`, a comment's the item's with `#comment-{id}`. `web_url`
//!   is `base_url` without `/api/v1` (Plane Cloud's is `https://app.plane.so`) unless set.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_plane_fake as fake;

mod client;
pub mod config;
pub mod dialect;
mod fields;
mod issues;
pub mod mapping;
mod projects;
pub mod search;
pub mod status;

use client::Plane;
use config::{PlaneConnection, PlaneSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;

/// The `plane` plugin.
pub struct PlanePlugin {
    descriptor: PluginDescriptor,
}

impl Default for PlanePlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "plane",
                "1.0.0",
                "Plane REST API v1 (Cloud and self-hosted): projects, work items, states, labels, comments (HTML as Markdown)",
                vec![ServiceKind::Pm],
                schemars::schema_for!(PlaneSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"base_url": "https://plane.example.com/api/v1", "api_key": "${PLANE_API_KEY}", "workspace": "acme"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(PlanePlugin::default())
}

impl Plugin for PlanePlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(PlaneBuilder { connection }))
    }
}

#[derive(Debug)]
struct PlaneBuilder {
    connection: PlaneConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for PlaneBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection, Vec::new())
    }
}

/// A Plane instance over a checked connection, sending `extra_headers` with every request (a
/// mock asked for one of its documented answers with `Prefer`, say).
pub fn connect(
    context: &BuildContext,
    connection: PlaneConnection,
    extra_headers: Vec<(&'static str, String)>,
) -> Result<Arc<dyn Provider>, BuildError> {
    let failed = |message: String| BuildError {
        instance: context.instance().to_owned(),
        message,
    };
    let mut headers = vec![("accept", "application/json".to_owned())];
    headers.extend(extra_headers);
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url.clone(),
            auth: Auth::Header("x-api-key", connection.api_key.clone()),
            headers,
            conditional_requests: connection.conditional_requests,
            dialect: dialect::PLANE,
        },
    )
    .map_err(failed)?;
    let plane = Plane::new(api, &connection).map_err(|error| failed(error.to_string()))?;
    Ok(mosaic_plugin::serve(plane))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
