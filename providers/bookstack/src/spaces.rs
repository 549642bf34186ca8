//! `kb.spaces.list`: BookStack's books, in offset pages (`GET /api/books?count&offset`,
//! ordered by id so that pages neither skip nor repeat a book while books are added).

use super::client::Bookstack;
use super::mapping::{BookstackBook, BookstackList};
use mosaic_core::ProviderError;
use mosaic_core::input::kb::SpacesList;
use mosaic_core::model::{Page, Space};
use mosaic_plugin::kinds::KbSpaces;

/// The page size when the caller gives none.
pub const DEFAULT_PER_PAGE: u32 = 30;

/// An offset cursor this instance issued: a number.
pub fn offset_of(cursor: Option<&str>) -> Result<u64, ProviderError> {
    match cursor {
        None => Ok(0),
        Some(text) => text.trim().parse::<u64>().map_err(|_| {
            ProviderError::Invalid(format!(
                "cursor `{text}` is not one this provider issued (expected an offset)"
            ))
        }),
    }
}

#[async_trait::async_trait]
impl KbSpaces for Bookstack {
    async fn spaces_list(&self, input: &SpacesList) -> Result<Page<Space>, ProviderError> {
        let count = u64::from(input.per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, 100));
        let offset = offset_of(input.cursor.as_deref())?;
        let query = [
            ("count", count.to_string()),
            ("offset", offset.to_string()),
            ("sort", "id".to_owned()),
        ];
        let page: BookstackList<BookstackBook> = self.get("/books", &query).await?;
        let read = page.data.len() as u64;
        let next = offset + read;
        let more = read > 0 && next < page.total;
        Ok(Page {
            items: page
                .data
                .into_iter()
                .map(|book| book.unify(&self.web))
                .collect(),
            next_cursor: more.then(|| next.to_string()),
        })
    }
}
