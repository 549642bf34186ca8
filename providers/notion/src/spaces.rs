//! `kb.spaces.list`. Notion has no teamspace API, so a space is a root page: those named in
//! the settings, in key order, or else every page and data source at the top of the
//! workspace that is shared with the integration, found in `POST /search`, each keyed by its
//! id (within the bound of `search.rs`).

use super::client::Notion;
use super::cursor::Position;
use super::ids::NotionId;
use super::mapping::{Found, NotionPage, Parent, space_of_data_source, space_of_page};
use super::search::{DEFAULT_PER_PAGE, MAX_PAGE, MAX_SEARCH_PAGES};
use mosaic_core::ProviderError;
use mosaic_core::input::kb::SpacesList;
use mosaic_core::model::{Page, Space};
use mosaic_plugin::kinds::KbSpaces;
use serde_json::json;

impl Notion {
    /// The root page of the space a caller names: a configured key, or the id of a top-level
    /// page or data source.
    pub(super) fn space_root(&self, space: &str) -> Result<NotionId, ProviderError> {
        let unknown = || ProviderError::NotFound(format!("space {space}"));
        match &self.spaces {
            Some(spaces) => spaces
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(space))
                .map(|(_, id)| id.clone())
                .ok_or_else(unknown),
            None => NotionId::parse(space).map_err(|_| unknown()),
        }
    }

    /// The configured spaces from an offset, each read from its root page.
    async fn configured(
        &self,
        spaces: &[(String, NotionId)],
        input: &SpacesList,
    ) -> Result<Page<Space>, ProviderError> {
        let want = input.per_page.unwrap_or(DEFAULT_PER_PAGE) as usize;
        let offset = Position::read(input.cursor.as_deref())?;
        if offset.start.is_some() {
            return Err(ProviderError::Invalid(format!(
                "cursor `{}` was not issued by this instance",
                offset.write()
            )));
        }
        let mut items = Vec::new();
        for (key, id) in spaces.iter().skip(offset.skip).take(want) {
            let page: NotionPage =
                self.get(&format!("/pages/{id}"))
                    .await
                    .map_err(|error| match error {
                        ProviderError::NotFound(_) => ProviderError::NotFound(format!(
                            "space {key}: its root page {id} is not shared with the integration"
                        )),
                        other => other,
                    })?;
            items.push(space_of_page(&page, key));
        }
        let end = offset.skip + items.len();
        let next_cursor = (end < spaces.len()).then(|| {
            Position {
                start: None,
                skip: end,
            }
            .write()
        });
        Ok(Page { items, next_cursor })
    }

    /// The top-level pages and data sources, in Notion's search order.
    async fn discovered(&self, input: &SpacesList) -> Result<Page<Space>, ProviderError> {
        let want = input.per_page.unwrap_or(DEFAULT_PER_PAGE) as usize;
        let mut position = Position::read(input.cursor.as_deref())?;
        let mut items = Vec::new();
        for _ in 0..MAX_SEARCH_PAGES {
            let list = self.search_page(json!({}), &position, MAX_PAGE).await?;
            let count = list.results.len();
            let next_page = list.has_more.then_some(list.next_cursor).flatten();
            for (index, value) in list.results.into_iter().enumerate().skip(position.skip) {
                let space = match Found::read(value)? {
                    Some(Found::Page(page))
                        if page.parent == Parent::Workspace && !page.trashed() =>
                    {
                        space_of_page(&page, &page.id)
                    }
                    Some(Found::DataSource(source))
                        if source.database_parent == Some(Parent::Workspace)
                            && !super::mapping::trashed(source.in_trash, source.archived) =>
                    {
                        space_of_data_source(&source, &source.id)
                    }
                    _ => continue,
                };
                items.push(space);
                if items.len() == want {
                    let next = position.after(index, count, next_page);
                    return Ok(Page {
                        items,
                        next_cursor: next.map(|next| next.write()),
                    });
                }
            }
            let Some(start) = next_page else {
                return Ok(Page {
                    items,
                    next_cursor: None,
                });
            };
            position = Position::page(start);
        }
        Ok(Page {
            items,
            next_cursor: Some(position.write()),
        })
    }
}

#[async_trait::async_trait]
impl KbSpaces for Notion {
    async fn spaces_list(&self, input: &SpacesList) -> Result<Page<Space>, ProviderError> {
        match &self.spaces {
            Some(spaces) => self.configured(spaces, input).await,
            None => self.discovered(input).await,
        }
    }
}
