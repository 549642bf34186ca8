//! The `confluence` plugin: Confluence Cloud's REST API v2 for spaces and pages, and v1's CQL
//! search, for every `kb.*` operation.
//!
//! ```yaml
//! - name: confluence
//!   plugin: confluence
//!   settings:
//!     base_url: https://acme.atlassian.net
//!     email: bot@acme.example
//!     api_token: ${CONFLUENCE_API_TOKEN}
//! ```
//!
//! - `dialect.rs`: how Confluence writes its refusals and its quota (v2's `errors[]`, v1's
//!   `{statusCode, message}`, rate-limit headers).
//! - `config.rs`: settings; `client.rs`: the instance (requests, spaces by key, cursors,
//!   health, quota); `spaces.rs`: `kb.spaces.list`; `pages.rs`: search, get and create;
//!   `update.rs`: updates; `mapping.rs`: Confluence's JSON and the unified model.
//! - [`storage`]: page bodies are storage format (XHTML) in Confluence and Markdown for
//!   MosAIc's callers, converted both ways through the provider kit's document model; what
//!   Markdown cannot carry is named, and an update that would destroy it is refused.
//! - [`cql`]: the unified search as CQL, with every caller value quoted.
//!
//! How Confluence is spoken to:
//! - Auth: `Authorization: Basic base64(email:api_token)` against the site, or an OAuth 2.0
//!   `Bearer` token through `https://api.atlassian.com/ex/confluence/{cloudId}` (`token` with
//!   `cloud_id`); web links always point at the site (`base_url`).
//! - Spaces: `GET /wiki/api/v2/spaces?sort=key`; a space key is looked up with `?keys=KEY`.
//! - Pages: `GET /wiki/api/v2/pages/{id}?body-format=storage`, `POST /wiki/api/v2/pages`,
//!   `PUT /wiki/api/v2/pages/{id}` with `version.number` one above the current one. v1's
//!   `/wiki/rest/api/content` (retired, it answers 410) is never called.
//! - Search: `GET /wiki/rest/api/search?cql=…&expand=content.space`; the `@@@hl@@@` and
//!   `@@@endhl@@@` markers around matches are stripped from excerpts.
//! - Paging: v2 and search answer `_links.next`, a site-relative URL; only its `cursor`
//!   parameter is kept (and handed out as the cursor), since following the link would leave
//!   the OAuth gateway's base URL.
//! - Quota: `X-RateLimit-*` as Jira's; a 429 with `Retry-After` is `rate_limited` with the wait.
//! - Errors: 401 `unauthenticated`, 403 `forbidden`, 404 `not_found` naming the page or
//!   space, with Confluence's own message; a stale version `conflict` with the current one.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_confluence_fake as fake;

mod client;
pub mod config;
pub mod cql;
pub mod dialect;
pub mod mapping;
mod pages;
mod spaces;
pub mod storage;
mod update;

use client::Confluence;
use config::{ConfluenceConnection, ConfluenceSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;

/// The `confluence` plugin.
pub struct ConfluencePlugin {
    descriptor: PluginDescriptor,
}

impl Default for ConfluencePlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "confluence",
                "1.0.0",
                "Confluence Cloud REST API v2: spaces, CQL search, pages (storage format as Markdown, versioned updates)",
                vec![ServiceKind::Kb],
                schemars::schema_for!(ConfluenceSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"base_url": "https://acme.atlassian.net", "email": "bot@acme.example", "api_token": "${CONFLUENCE_API_TOKEN}"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(ConfluencePlugin::default())
}

impl Plugin for ConfluencePlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(ConfluenceBuilder { connection }))
    }
}

#[derive(Debug)]
struct ConfluenceBuilder {
    connection: ConfluenceConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for ConfluenceBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection, Vec::new())
    }
}

/// A Confluence instance over a checked connection, sending `extra_headers` with every
/// request (a mock asked for one of its documented answers with `Prefer`, say).
pub fn connect(
    context: &BuildContext,
    connection: ConfluenceConnection,
    extra_headers: Vec<(&'static str, String)>,
) -> Result<Arc<dyn Provider>, BuildError> {
    let mut headers = vec![("accept", "application/json".to_owned())];
    headers.extend(extra_headers);
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.api_url.clone(),
            auth: Auth::Authorization(connection.authorization.clone()),
            headers,
            conditional_requests: connection.conditional_requests,
            dialect: dialect::CONFLUENCE,
        },
    )
    .map_err(|message| BuildError {
        instance: context.instance().to_owned(),
        message,
    })?;
    Ok(mosaic_plugin::serve(Confluence::new(api, &connection)))
}
