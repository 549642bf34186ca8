//! The `notion` plugin: Notion's REST API, version 2026-03-11, for every `kb.*` operation,
//! with page bodies through Notion's Markdown endpoints.
//!
//! ```yaml
//! - name: notion
//!   plugin: notion
//!   settings:
//!     token: ${NOTION_TOKEN}      # an internal integration's secret or an OAuth token
//!     spaces:                     # optional: root pages named as spaces
//!       ENG: 1f2e3d4c5b6a49788796a5b4c3d2e1f0
//! ```
//!
//! - `config.rs`: settings; `ids.rs`: Notion's ids; `dialect.rs`: how Notion writes its
//!   refusals (and its 529); `client.rs`: the instance and its requests; `mapping.rs`:
//!   Notion's JSON and the unified model; `spaces.rs`: `kb.spaces.list`; `search.rs`:
//!   `kb.pages.search` over `POST /search`; `tree.rs`: the walk from a page to its space;
//!   `pages.rs`: reads and writes of pages; `body.rs`: bodies through the Markdown endpoints,
//!   completing truncated ones; `cursor.rs`: MosAIc's cursors over Notion's;
//!   `markdown/`: Notion's enhanced Markdown to and from the provider kit's document model,
//!   and so CommonMark.
//!
//! How Notion is spoken to:
//! - Auth: `Authorization: Bearer TOKEN`; every request carries `Notion-Version: 2026-03-11`.
//! - Spaces: Notion has no teamspace API. A space is a root page: those named in `spaces`
//!   (by key), or else every page and data source at the top of the workspace that is shared
//!   with the integration, keyed by its id.
//! - Search: `POST /search` matches titles only (no body text) and cannot filter by space;
//!   the space of each hit is found by walking up its parents, at most 32 parent lookups and
//!   10 search pages a call. A call that reaches the bound answers the hits found so far with
//!   a `next_cursor` to go on from (possibly fewer than `per_page`, even none). The excerpt is
//!   the matching title, Notion answers none.
//! - Bodies: `GET /pages/{id}/markdown`, completing a truncated page by fetching each block
//!   of `unknown_block_ids` (at most 25); `PATCH /pages/{id}/markdown` with `replace_content`;
//!   `POST /pages` with `markdown`. Notion's enhanced Markdown and CommonMark are converted
//!   both ways through the kit's document model (`markdown/`), Notion's own blocks and tags
//!   passing through as raw HTML.
//! - Versions: Notion keeps none. A page's version is its `last_edited_time` in Unix seconds
//!   (Notion rounds it to the minute); an update's `version` is compared with it, best
//!   effort, and a stale one is a conflict naming the current version.
//! - Trash: a page is trashed when `in_trash` or the older `archived` says so; a trashed page
//!   is not found and not listed.
//! - Rate limits: a 429 `rate_limited` and a 529 `service_overload` are `rate_limited` with
//!   their `Retry-After`. Notion sends no quota headers; a limiting proxy's `X-RateLimit-*`
//!   (GitHub's, the reset in Unix seconds) are read. Client-side pacing is the gateway's.
//! - Errors: Notion's `{"object": "error", "status", "code", "message"}` with its message:
//!   400 `invalid_input`, 401 `unauthenticated`, 403 `forbidden`, 404 `not_found`, 409
//!   `conflict`.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_notion_fake as fake;

mod body;
mod client;
pub mod config;
mod cursor;
pub mod dialect;
pub mod ids;
pub mod mapping;
pub mod markdown;
mod pages;
mod search;
mod spaces;
mod tree;

use client::Notion;
use config::{NotionConnection, NotionSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor, RateLimit, Secret};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;
use std::time::Duration;

/// The Notion API version every request pins.
pub const NOTION_VERSION: &str = "2026-03-11";

/// The `notion` plugin.
pub struct NotionPlugin {
    descriptor: PluginDescriptor,
}

impl Default for NotionPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "notion",
                "1.0.0",
                "Notion REST API 2026-03-11: root pages as spaces (Notion has no teamspace API), title search (POST /search matches titles only and cannot filter by space: spaces are found by walking parents, bounded per call), page bodies as Markdown, versions from last_edited_time (best effort)",
                vec![ServiceKind::Kb],
                schemars::schema_for!(NotionSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"token": "${NOTION_TOKEN}", "spaces": {"ENG": "1f2e3d4c5b6a49788796a5b4c3d2e1f0"}}))
            // Notion's documented average: three requests a second per integration.
            .with_default_rate_limit(RateLimit::new(3, Duration::from_secs(1))),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(NotionPlugin::default())
}

impl Plugin for NotionPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(NotionBuilder { connection }))
    }
}

#[derive(Debug)]
struct NotionBuilder {
    connection: NotionConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for NotionBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection)
    }
}

/// A Notion instance over a checked connection.
pub fn connect(
    context: &BuildContext,
    connection: NotionConnection,
) -> Result<Arc<dyn Provider>, BuildError> {
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url.clone(),
            auth: Auth::Authorization(Secret::from(format!(
                "Bearer {}",
                connection.token.expose()
            ))),
            headers: vec![
                ("accept", "application/json".to_owned()),
                ("notion-version", NOTION_VERSION.to_owned()),
            ],
            // Notion sends no `ETag`; `client.rs` reads every answer itself.
            conditional_requests: false,
            dialect: dialect::NOTION,
        },
    )
    .map_err(|message| BuildError {
        instance: context.instance().to_owned(),
        message,
    })?;
    Ok(mosaic_plugin::serve(Notion::new(api, &connection)))
}
