//! `kb.pages.search` over `GET /api/search`: BookStack's own search syntax, its pages of
//! results, and the space filter BookStack cannot apply.
//!
//! - The query is sent as the caller wrote it, with `{type:page}` added, BookStack's filter
//!   for pages (books, chapters and shelves are hits too otherwise); BookStack's syntax in the
//!   caller's words (`"exact phrase"`, `[tag]`, `{created_by:me}`) keeps its meaning. Hits of
//!   another type are dropped all the same.
//! - BookStack's search has no filter by book (`{in_book:…}` does not exist), so a search
//!   inside a space reads pages of 100 hits and keeps the book's, reading at most
//!   [`MAX_SCAN_PAGES`] of BookStack's pages per call (1 000 hits). A call that reaches that
//!   bound answers what it found, perhaps nothing, with a cursor to go on from: a caller
//!   following the cursors sees every match, however rare in the whole base.
//! - MosAIc's cursor is the offset of the next hit in BookStack's unfiltered results.
//!   BookStack pages by number (`page`, 1-based, and `count`, at most 100), so, without a
//!   filter, from an offset that is a multiple of what is still wanted one page of exactly
//!   that size is asked for; otherwise pages of 100, skipping what precedes the offset.

use super::client::Bookstack;
use super::mapping::{BookstackHit, BookstackList};
use mosaic_core::ProviderError;

/// BookStack's largest search page (`SearchApiController`: `count` at most 100).
pub const MAX_COUNT: u64 = 100;

/// The most of BookStack's search pages one call reads.
pub const MAX_SCAN_PAGES: u32 = 10;

/// What one call found: the page hits kept, and the offset to go on from (none when
/// BookStack has no more).
pub struct Scanned {
    /// The hits kept, in BookStack's order.
    pub hits: Vec<BookstackHit>,
    /// The offset of the next hit not yet read.
    pub next: Option<u64>,
}

/// The query BookStack is sent: the caller's words, for pages only.
pub fn query_text(words: &str) -> String {
    format!("{} {{type:page}}", words.trim())
}

impl Bookstack {
    /// Reads BookStack's results for `words` from offset `start`, keeping the pages of
    /// `book` (every page when none), until `want` are kept, the results end, or
    /// [`MAX_SCAN_PAGES`] pages were read.
    pub(super) async fn scan(
        &self,
        words: &str,
        start: u64,
        want: usize,
        book: Option<u64>,
    ) -> Result<Scanned, ProviderError> {
        let query = query_text(words);
        let mut hits = Vec::new();
        let mut offset = start;
        for _ in 0..MAX_SCAN_PAGES {
            let need = (want - hits.len()) as u64;
            let count = if book.is_none() && offset.is_multiple_of(need) {
                need
            } else {
                MAX_COUNT
            };
            let number = offset / count;
            let skip = (offset % count) as usize;
            let page: BookstackList<BookstackHit> = self
                .get(
                    "/search",
                    &[
                        ("query", query.clone()),
                        ("page", (number + 1).to_string()),
                        ("count", count.to_string()),
                    ],
                )
                .await?;
            let read = page.data.len() as u64;
            for (index, hit) in page.data.into_iter().enumerate().skip(skip) {
                if hits.len() == want {
                    return Ok(Scanned {
                        hits,
                        next: Some(number * count + index as u64),
                    });
                }
                if hit.is_page() && book.is_none_or(|book| hit.book_id == Some(book)) {
                    hits.push(hit);
                }
            }
            offset = number * count + read;
            // BookStack's `total` counts every match; an empty page ends a total that
            // overstated what this token may see.
            if read == 0 || offset >= page.total {
                return Ok(Scanned { hits, next: None });
            }
            if hits.len() == want {
                break;
            }
        }
        Ok(Scanned {
            hits,
            next: Some(offset),
        })
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
