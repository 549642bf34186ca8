//! `kb.spaces.list`: `GET /wiki/api/v2/spaces`, in key order, paged by the `cursor` of
//! `_links.next`.

use super::client::{Confluence, V2, page_params};
use super::mapping::{Listing, SpaceJson, next_cursor};
use mosaic_core::ProviderError;
use mosaic_core::input::kb::SpacesList;
use mosaic_core::model::{Page, Space};
use mosaic_plugin::kinds::KbSpaces;

#[async_trait::async_trait]
impl KbSpaces for Confluence {
    /// One page of the spaces the credentials can see.
    async fn spaces_list(&self, input: &SpacesList) -> Result<Page<Space>, ProviderError> {
        let mut query = page_params(input.per_page, input.cursor.as_deref())?;
        query.push(("sort", "key".to_owned()));
        let listing: Listing<SpaceJson> = self.get(&format!("{V2}/spaces"), &query).await?;
        Ok(Page {
            next_cursor: next_cursor(&listing.links)?,
            items: listing
                .results
                .into_iter()
                .map(|space| space.unify(&self.site))
                .collect(),
        })
    }
}
