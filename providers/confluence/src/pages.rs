//! `kb.pages.*`: search with CQL through v1's `GET /wiki/rest/api/search` (v2 has no search),
//! and pages through v2's `/wiki/api/v2/pages`, bodies in storage format
//! (`body-format=storage`) converted to and from Markdown (`storage/`).
//!
//! Pages are addressed by space key and id; a page of another space is not found. Creates
//! and updates read the page back, so the answer is what Confluence stored. Updates follow
//! `update.rs`.

use super::client::{Confluence, V2, page_params, page_path};
use super::cql::search_cql;
use super::mapping::{PageJson, SearchPage, SpaceJson, next_cursor};
use super::storage;
use mosaic_core::ProviderError;
use mosaic_core::input::kb::{PageCreate, PageRef, PageUpdate, PagesSearch};
use mosaic_core::model::{KbPage, Page, PageSummary};
use mosaic_plugin::kinds::KbPages;
use mosaic_provider_kit::http::{AfterWrite, id_in};
use reqwest::Method;
use serde_json::{Value, json};

/// The path of v1's search.
const SEARCH: &str = "/wiki/rest/api/search";

impl Confluence {
    /// Page `id` with its storage body, checked to be in `space`.
    pub(super) async fn page_in(
        &self,
        space: &SpaceJson,
        id: &str,
    ) -> Result<PageJson, ProviderError> {
        let path = page_path(&space.key, id)?;
        let query = [("body-format", "storage".to_owned())];
        let page: PageJson = self.get(&path, &query).await.map_err(|error| match error {
            ProviderError::NotFound(message) => ProviderError::NotFound(format!(
                "no page `{id}` in space `{}` ({message})",
                space.key
            )),
            other => other,
        })?;
        if page.space_id != space.id {
            return Err(ProviderError::NotFound(format!(
                "no page `{id}` in space `{}` (it is in another space)",
                space.key
            )));
        }
        Ok(page)
    }
}

#[async_trait::async_trait]
impl KbPages for Confluence {
    /// One page of the CQL search of [`search_cql`], paged by the `cursor` of `_links.next`;
    /// each hit's space comes with `expand=content.space`.
    async fn pages_search(&self, input: &PagesSearch) -> Result<Page<PageSummary>, ProviderError> {
        let mut query = page_params(input.per_page, input.cursor.as_deref())?;
        query.push(("cql", search_cql(&input.query, input.space.as_deref())));
        query.push(("expand", "content.space".to_owned()));
        let page: SearchPage = self.get(SEARCH, &query).await?;
        Ok(Page {
            next_cursor: next_cursor(&page.links)?,
            items: page
                .results
                .into_iter()
                .map(|hit| hit.unify(&self.site))
                .collect::<Result<_, _>>()?,
        })
    }

    async fn pages_get(&self, input: &PageRef) -> Result<KbPage, ProviderError> {
        let space = self.space(&input.space).await?;
        let page = self.page_in(&space, &input.page_id).await?;
        page.unify(&space.key, &self.site)
    }

    /// `POST /wiki/api/v2/pages` with the body as storage format, then the page read back.
    async fn pages_create(&self, input: &PageCreate) -> Result<KbPage, ProviderError> {
        let space = self.space(&input.space).await?;
        let mut body = json!({
            "spaceId": space.id,
            "status": "current",
            "title": input.title,
            "body": {"representation": "storage", "value": storage::from_markdown(&input.body)},
        });
        if let Some(parent) = &input.parent_id {
            body["parentId"] = json!(parent);
        }
        let created: Value = self
            .api
            .send(Method::POST, &format!("{V2}/pages"), &[], Some(&body))
            .await?
            .json()?;
        let id = id_in(&created).ok_or_else(|| {
            mosaic_provider_kit::http::unconfirmed(None, "its answer named no page id")
        })?;
        self.page_in(&space, &id)
            .await
            .and_then(|page| page.unify(&space.key, &self.site))
            .after_write(&id, "reading it back")
    }

    async fn pages_update(&self, input: &PageUpdate) -> Result<KbPage, ProviderError> {
        self.update(input).await
    }
}
