//! `kb.pages.*`: a page read with its body, created under a space's root or a page of the
//! space, and updated — title with `PATCH /pages/{id}`, body with `PATCH /pages/{id}/markdown`
//! — then read back. The search is in `search.rs`.
//!
//! Notion keeps no page versions. The version handed out is the page's `last_edited_time` in
//! Unix seconds, and an update's `version` is compared with it before anything is written: a
//! different one is a conflict naming the current version. Best effort: Notion rounds
//! `last_edited_time` to the minute, so two edits within one minute share a version, and an
//! edit between the comparison and the write is not seen.

use super::client::Notion;
use super::ids::NotionId;
use super::mapping::{NotionPage, kb_page};
use super::tree::Walk;
use mosaic_core::ProviderError;
use mosaic_core::input::kb::{PageCreate, PageRef, PageUpdate, PagesSearch};
use mosaic_core::model::{KbPage, Page, PageSummary};
use mosaic_plugin::kinds::KbPages;
use mosaic_provider_kit::http::{AfterWrite, id_in, unconfirmed};
use reqwest::Method;
use serde_json::{Value, json};

/// A page of a space as read: the page, its space's key and root.
struct InSpace {
    page: NotionPage,
    key: String,
    root: NotionId,
}

impl Notion {
    /// Page `page_id`, when it exists, is not trashed and belongs to space `space`; one that
    /// is trashed or of another space is not found in `space`.
    async fn page_in(
        &self,
        space: &str,
        page_id: &str,
    ) -> Result<(NotionId, InSpace), ProviderError> {
        let missing = || ProviderError::NotFound(format!("page {page_id} in space {space}"));
        let root = self.space_root(space)?;
        let id = NotionId::parse(page_id).map_err(|_| missing())?;
        // A page Notion does not find is refused with Notion's message, which names the id
        // and the likely cause (a page not shared with the integration).
        let page: NotionPage = self.get(&format!("/pages/{id}")).await?;
        if page.trashed() {
            return Err(missing());
        }
        let found = self
            .space_of(&page, &mut Walk::new())
            .await
            .map_err(|stopped| stopped.into_error(page_id))?;
        match found {
            Some(found) if found.root == root => Ok((
                id,
                InSpace {
                    page,
                    key: found.key,
                    root,
                },
            )),
            _ => Err(missing()),
        }
    }

    /// Page `id` of the space at `root` with its body, as the unified model has it.
    async fn read_page(
        &self,
        id: &NotionId,
        key: &str,
        root: &NotionId,
    ) -> Result<KbPage, ProviderError> {
        let page: NotionPage = self.get(&format!("/pages/{id}")).await?;
        let body = self.body(id).await?;
        kb_page(&page, key, Some(root), body)
    }
}

/// The title property's value.
fn title_value(title: &str) -> Value {
    json!({"title": [{"type": "text", "text": {"content": title}}]})
}

#[async_trait::async_trait]
impl KbPages for Notion {
    async fn pages_search(&self, input: &PagesSearch) -> Result<Page<PageSummary>, ProviderError> {
        self.search(input).await
    }

    async fn pages_get(&self, input: &PageRef) -> Result<KbPage, ProviderError> {
        let (id, found) = self.page_in(&input.space, &input.page_id).await?;
        let body = self.body(&id).await?;
        kb_page(&found.page, &found.key, Some(&found.root), body)
    }

    async fn pages_create(&self, input: &PageCreate) -> Result<KbPage, ProviderError> {
        let (parent, key, root) = match &input.parent_id {
            Some(parent_id) => {
                let (parent, found) = self.page_in(&input.space, parent_id).await?;
                (parent, found.key, found.root)
            }
            None => {
                let root = self.space_root(&input.space)?;
                let key = match &self.spaces {
                    Some(spaces) => spaces
                        .iter()
                        .find(|(_, id)| *id == root)
                        .map_or_else(|| input.space.clone(), |(key, _)| key.clone()),
                    None => root.to_string(),
                };
                (root.clone(), key, root)
            }
        };
        let request = json!({
            "parent": {"type": "page_id", "page_id": parent.as_str()},
            "properties": {"title": title_value(&input.title)},
            "markdown": super::markdown::to_notion(&input.body),
        });
        let created: Value = self.request(Method::POST, "/pages", Some(&request)).await?;
        let id = id_in(&created)
            .and_then(|id| NotionId::parse(&id).ok())
            .ok_or_else(|| unconfirmed(None, "Notion's answer names no page id"))?;
        self.read_page(&id, &key, &root)
            .await
            .after_write(&id, "reading it back")
    }

    async fn pages_update(&self, input: &PageUpdate) -> Result<KbPage, ProviderError> {
        let (id, found) = self.page_in(&input.space, &input.page_id).await?;
        if let Some(version) = input.version {
            let current = found.page.version()?;
            if version != current {
                return Err(ProviderError::Conflict(format!(
                    "page {id} is at version {current}, not {version} (versions are Notion's last_edited_time, {}, in Unix seconds)",
                    found.page.last_edited_time
                )));
            }
        }
        let mut written = false;
        if let Some(title) = &input.title {
            let request = json!({"properties": {found.page.title_property(): title_value(title)}});
            self.request::<Value>(Method::PATCH, &format!("/pages/{id}"), Some(&request))
                .await
                .writing(&id)?;
            written = true;
        }
        if let Some(body) = &input.body {
            let replaced = self.replace_body(&id, body).await;
            if written {
                replaced.after_write(&id, "replacing its body")?;
            } else {
                replaced.writing(&id)?;
            }
        }
        let read = self.read_page(&id, &found.key, &found.root).await;
        if input.title.is_none() && input.body.is_none() {
            // Nothing was written: the read is an ordinary one.
            return read;
        }
        read.after_write(&id, "reading it back")
    }
}
