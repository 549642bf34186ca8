//! `kb.pages.update`: `PUT /wiki/api/v2/pages/{id}` with the whole page — title, storage
//! body and `version.number` one above the version it is based on.
//!
//! - The page is read first, for its current version, title and body. A caller's `version`
//!   that is not the current one is a conflict before anything is written.
//! - A title-only update sends the current storage body back unchanged, since v2 replaces the
//!   body with whatever is sent.
//! - A new Markdown body replaces the whole storage body; when the current one holds what
//!   Markdown cannot carry (other macros, images, inline-comment anchors, …: see
//!   `storage::Reading::unkept`) the update is refused as a conflict naming what it would
//!   destroy, and nothing is written.
//! - Confluence's stale-version refusal (409, or 400 naming the version) is a conflict that
//!   carries the version the page is at now, read again.
//! - The page is read back after the write.

use super::client::{Confluence, page_path};
use super::mapping::SpaceJson;
use super::storage;
use mosaic_core::ProviderError;
use mosaic_core::input::kb::PageUpdate;
use mosaic_core::model::KbPage;
use mosaic_provider_kit::http::AfterWrite;
use reqwest::Method;
use serde_json::json;

impl Confluence {
    pub(super) async fn update(&self, input: &PageUpdate) -> Result<KbPage, ProviderError> {
        let space = self.space(&input.space).await?;
        let id = input.page_id.as_str();
        let current = self.page_in(&space, id).await?;
        let at = current.version.number;
        if let Some(based_on) = input.version
            && based_on != at
        {
            return Err(ProviderError::Conflict(format!(
                "page {id} is at version {at}, not {based_on}: read it again and apply the change to version {at}"
            )));
        }
        if input.title.is_none() && input.body.is_none() {
            return current.unify(&space.key, &self.site);
        }
        let body = match &input.body {
            None => current.storage()?.to_owned(),
            Some(markdown) => {
                let reading = storage::read(current.storage()?);
                if !reading.unkept.is_empty() {
                    return Err(ProviderError::Conflict(format!(
                        "page {id} holds what Markdown cannot carry, which this update would destroy: {}; edit the page in Confluence, or update only its title",
                        reading.unkept.join(", ")
                    )));
                }
                storage::from_markdown(markdown)
            }
        };
        let title = input.title.as_deref().unwrap_or(&current.title);
        let request = json!({
            "id": id,
            "status": "current",
            "title": title,
            "spaceId": space.id,
            "body": {"representation": "storage", "value": body},
            "version": {"number": at + 1},
        });
        let path = page_path(&space.key, id)?;
        let sent = self.api.send(Method::PUT, &path, &[], Some(&request)).await;
        if let Err(ProviderError::Conflict(message)) = &sent {
            return Err(self.stale(&space, id, at, message).await);
        }
        sent.writing(id)?;
        self.page_in(&space, id)
            .await
            .and_then(|page| page.unify(&space.key, &self.site))
            .after_write(id, "reading it back")
    }

    /// The conflict of a write based on version `based_on` that Confluence refused as stale,
    /// with the version the page is at now when it can be read.
    async fn stale(
        &self,
        space: &SpaceJson,
        id: &str,
        based_on: u64,
        message: &str,
    ) -> ProviderError {
        let now = match self.page_in(space, id).await {
            Ok(page) => format!("its current version is {}", page.version.number),
            Err(_) => "its current version could not be read".to_owned(),
        };
        ProviderError::Conflict(format!(
            "page {id} changed since version {based_on}: {now} (Confluence: {message})"
        ))
    }
}
