//! [`Bookstack`]: one instance: its requests, the lookups several operations share (a book by
//! its slug, a page's Markdown), offset paging, and the hooks of its [`Instance`] — the
//! health probe, the quota, and the two resources it serves, whose operations are in
//! `spaces.rs` and `pages.rs`.

use super::mapping::{BookstackBook, BookstackList, BookstackPage, WebUrls, export_body};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{KbPages, KbSpaces};
use mosaic_provider_kit::http::{ApiClient, health_of};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A running BookStack instance.
pub struct Bookstack {
    pub(super) api: ApiClient,
    pub(super) web: WebUrls,
}

impl Bookstack {
    /// An instance over its HTTP client, with pages below `web_url`.
    pub fn new(api: ApiClient, web_url: &str) -> Self {
        Self {
            api,
            web: WebUrls::new(web_url),
        }
    }

    /// A GET's answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.api.get(path, query).await?.json()
    }

    /// A write with a JSON body, its answer as `T`.
    pub(super) async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<T, ProviderError> {
        self.api.send(method, path, &[], Some(body)).await?.json()
    }

    /// The book whose slug is `key` (in lower case, as BookStack writes slugs); none is
    /// `not_found` naming the space.
    pub(super) async fn book(&self, key: &str) -> Result<BookstackBook, ProviderError> {
        let slug = space_slug(key);
        let query = [("filter[slug]", slug.clone()), ("count", "1".to_owned())];
        let found: BookstackList<BookstackBook> = self.get("/books", &query).await?;
        found
            .data
            .into_iter()
            .find(|book| book.slug == slug)
            .ok_or_else(|| {
                ProviderError::NotFound(format!(
                    "space `{key}` (no BookStack book has the slug `{slug}`)"
                ))
            })
    }

    /// Page `id` as BookStack answers it.
    pub(super) async fn page(&self, id: u64) -> Result<BookstackPage, ProviderError> {
        self.get(&format!("/pages/{id}"), &[]).await
    }

    /// A page's body as Markdown: what it was written in, or, for a page written in the
    /// WYSIWYG editor (HTML only), BookStack's own Markdown export of it.
    pub(super) async fn markdown_of(&self, page: &BookstackPage) -> Result<String, ProviderError> {
        if let Some(markdown) = page.written_markdown() {
            return Ok(markdown.to_owned());
        }
        let export = self
            .api
            .get(&format!("/pages/{}/export/markdown", page.id), &[])
            .await?;
        let text = String::from_utf8(export.body.to_vec()).map_err(|_| {
            ProviderError::Protocol(format!(
                "the Markdown export of page {} is not UTF-8",
                page.id
            ))
        })?;
        Ok(export_body(&text, &page.name))
    }
}

/// A space key as the slug BookStack writes: lower case.
pub(super) fn space_slug(key: &str) -> String {
    key.trim().to_lowercase()
}

/// A page id as BookStack's: a positive number.
pub(super) fn page_number(id: &str) -> Result<u64, ProviderError> {
    id.trim()
        .parse::<u64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            ProviderError::Invalid(format!(
                "page_id `{id}` is not a BookStack page id (a positive number)"
            ))
        })
}

#[async_trait::async_trait]
impl Instance for Bookstack {
    /// One book: proves the token, its API permission and the API answer.
    async fn health(&self) -> Health {
        let probe = self
            .get::<Value>("/books", &[("count", "1".to_owned())])
            .await;
        health_of(probe)
    }

    /// What BookStack's `X-RateLimit-*` headers said last.
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    fn kb_spaces(&self) -> Option<&dyn KbSpaces> {
        Some(self)
    }

    fn kb_pages(&self) -> Option<&dyn KbPages> {
        Some(self)
    }
}
