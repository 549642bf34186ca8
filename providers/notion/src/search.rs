//! Reading `POST /search` (developers.notion.com/reference/post-search): Notion's one list of
//! everything shared with the integration. It matches titles only and filters by object type
//! alone, never by space, so the pages of a space are those whose walk up their parents
//! (`tree.rs`) reaches it.
//!
//! One call reads at most [`MAX_SEARCH_PAGES`] of Notion's pages and [`MAX_LOOKUPS`] parents;
//! reaching either bound answers what was found with a cursor to go on from — a page may
//! then hold fewer items than asked for, even none, and still have a `next_cursor`.
//!
//! [`MAX_LOOKUPS`]: super::tree::MAX_LOOKUPS

use super::client::Notion;
use super::cursor::Position;
use super::ids::NotionId;
use super::mapping::{Found as Result_, NotionList, summary};
use super::tree::{Found, Stopped, Walk};
use mosaic_core::ProviderError;
use mosaic_core::input::kb::PagesSearch;
use mosaic_core::model::{Page, PageSummary};
use reqwest::Method;
use serde_json::{Value, json};

/// The most of Notion's search pages one call reads.
pub const MAX_SEARCH_PAGES: usize = 10;

/// The largest page Notion's search answers.
pub const MAX_PAGE: usize = 100;

/// The page size when the caller names none.
pub const DEFAULT_PER_PAGE: u32 = 30;

impl Notion {
    /// One of Notion's search pages from `position`.
    pub(super) async fn search_page(
        &self,
        mut request: Value,
        position: &Position,
        size: usize,
    ) -> Result<NotionList, ProviderError> {
        request["page_size"] = json!(size);
        if let Some(start) = &position.start {
            request["start_cursor"] = json!(start);
        }
        self.request(Method::POST, "/search", Some(&request)).await
    }

    /// Whether the space a caller asked for is the one found.
    pub(super) fn is_asked(&self, asked: &str, found: &Found) -> bool {
        match &self.spaces {
            Some(_) => found.key.eq_ignore_ascii_case(asked),
            None => NotionId::parse(asked).is_ok_and(|id| id == found.root),
        }
    }

    /// `kb.pages.search`: pages whose title matches, in Notion's order, each with its space.
    pub(super) async fn search(
        &self,
        input: &PagesSearch,
    ) -> Result<Page<PageSummary>, ProviderError> {
        if let Some(space) = &input.space {
            self.space_root(space)?;
        }
        let want = input
            .per_page
            .unwrap_or(DEFAULT_PER_PAGE)
            .clamp(1, MAX_PAGE as u32) as usize;
        let mut position = Position::read(input.cursor.as_deref())?;
        let size = if input.space.is_some() || self.spaces.is_some() {
            MAX_PAGE
        } else {
            (position.skip + want).min(MAX_PAGE)
        };
        let request =
            json!({"query": input.query, "filter": {"property": "object", "value": "page"}});
        let mut items = Vec::new();
        let mut walk = Walk::new();
        let mut progressed = false;
        for _ in 0..MAX_SEARCH_PAGES {
            let list = self.search_page(request.clone(), &position, size).await?;
            let count = list.results.len();
            let next_page = list.has_more.then_some(list.next_cursor).flatten();
            for (index, value) in list.results.into_iter().enumerate().skip(position.skip) {
                let Some(Result_::Page(page)) = Result_::read(value)? else {
                    continue;
                };
                if page.trashed() {
                    continue;
                }
                match self.space_of(&page, &mut walk).await {
                    Ok(Some(found)) => {
                        if input
                            .space
                            .as_deref()
                            .is_none_or(|asked| self.is_asked(asked, &found))
                        {
                            items.push(summary(&page, &found.key));
                        }
                    }
                    Ok(None) => {}
                    Err(Stopped::Bound) if progressed => {
                        let here = Position {
                            start: position.start.clone(),
                            skip: index,
                        };
                        return Ok(Page {
                            items,
                            next_cursor: Some(here.write()),
                        });
                    }
                    Err(stopped) => return Err(stopped.into_error(&page.id)),
                }
                progressed = true;
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
