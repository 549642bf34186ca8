//! The `bookstack` plugin: BookStack's REST API (self-hosted BookStack, v23 and later) for
//! every `kb.*` operation.
//!
//! ```yaml
//! - name: docs
//!   plugin: bookstack
//!   settings:
//!     base_url: https://docs.example.com/api
//!     token_id: ${BOOKSTACK_TOKEN_ID}
//!     token_secret: ${BOOKSTACK_TOKEN_SECRET}
//! ```
//!
//! - `dialect.rs`: how BookStack writes its refusals and its quota.
//! - `config.rs`: settings; `client.rs`: the instance (requests, the book and Markdown
//!   lookups, health, quota); `spaces.rs`: `kb.spaces.list`; `pages.rs`: the `kb.pages.*`
//!   operations; `search.rs`: the search's query, pages and space filter; `mapping.rs`:
//!   BookStack's JSON and the unified model.
//!
//! How BookStack is spoken to:
//! - Auth: `Authorization: Token ID:SECRET`, a user's API token (the user's role needs the
//!   "Access system API" permission). The base URL keeps its path prefix, `/api`.
//! - Spaces are books (`GET /api/books`); a space's key is the book's slug, in lower case.
//!   Shelves are not spaces: a book may sit on several shelves or none.
//! - Pages sit in a book or in one of its chapters: the unified `parent_id` is a chapter's id,
//!   and a page named as parent is refused (`invalid_input` saying why), since BookStack has
//!   no pages under pages. Writes send `markdown`; pages written in the WYSIWYG editor (HTML
//!   only) are read through BookStack's Markdown export.
//! - Search: `GET /api/search` with BookStack's `{type:page}` in the query; BookStack cannot
//!   search inside one book, so a search inside a space is filtered here, within a bounded
//!   number of BookStack's pages per call (`search.rs`).
//! - Pages of lists: books by offset (`count`, `offset`, `total`), search by page number;
//!   MosAIc's cursors are offsets, and one that is not a number is `invalid_input`.
//! - Versions: a page's `revision_count`. BookStack checks no version on update, so the
//!   adapter reads the page first and answers a stale `version` as `conflict` naming the
//!   current one — best effort, since a change saved between the read and the write is not
//!   seen.
//! - Quota: Laravel's `X-RateLimit-Limit` and `X-RateLimit-Remaining` (180 a minute by
//!   default, `API_REQUESTS_PER_MIN`); a 429 carries `Retry-After` and is `rate_limited` with
//!   that wait. No limiter here: limits are the gateway's.
//! - Errors: `{"error": {"code", "message"}}`, the message kept: 401 `unauthenticated`, 403
//!   `forbidden`, 404 `not_found`, 422 `invalid_input` with the fields' messages.
//! - Pages people open: a book's `{web_url}/books/{slug}`, a page's permanent
//!   `{web_url}/link/{id}`, a search hit's own `url`. `web_url` is `base_url` without `/api`
//!   unless set.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_bookstack_fake as fake;

mod client;
pub mod config;
pub mod dialect;
pub mod mapping;
mod pages;
pub mod search;
mod spaces;

use client::Bookstack;
use config::{BookstackConnection, BookstackSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor, RateLimit};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;
use std::time::Duration;

/// The `bookstack` plugin.
pub struct BookstackPlugin {
    descriptor: PluginDescriptor,
}

impl Default for BookstackPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "bookstack",
                "1.0.0",
                "BookStack REST API (self-hosted): books as spaces, pages in books and chapters as Markdown, search (filtered to a book here, within a bounded scan)",
                vec![ServiceKind::Kb],
                schemars::schema_for!(BookstackSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({
                "base_url": "https://docs.example.com/api",
                "token_id": "${BOOKSTACK_TOKEN_ID}",
                "token_secret": "${BOOKSTACK_TOKEN_SECRET}"
            }))
            // BookStack's default `API_REQUESTS_PER_MIN`: 180 a minute per user.
            .with_default_rate_limit(RateLimit::new(180, Duration::from_secs(60))),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(BookstackPlugin::default())
}

impl Plugin for BookstackPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(BookstackBuilder { connection }))
    }
}

#[derive(Debug)]
struct BookstackBuilder {
    connection: BookstackConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for BookstackBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection)
    }
}

/// A BookStack instance over a checked connection.
pub fn connect(
    context: &BuildContext,
    connection: BookstackConnection,
) -> Result<Arc<dyn Provider>, BuildError> {
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url.clone(),
            auth: Auth::Authorization(connection.authorization.clone()),
            headers: vec![("accept", "application/json".to_owned())],
            conditional_requests: connection.conditional_requests,
            dialect: dialect::BOOKSTACK,
        },
    )
    .map_err(|message| BuildError {
        instance: context.instance().to_owned(),
        message,
    })?;
    Ok(mosaic_plugin::serve(Bookstack::new(
        api,
        &connection.web_url,
    )))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
