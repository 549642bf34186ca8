//! Pagination for every list: `per_page` items from an opaque cursor, and the cursor of the
//! next page while more remain. The cursor is the offset of the next item, which callers must
//! treat as opaque (other providers use tokens or page numbers).

use mosaic_core::ProviderError;
use mosaic_core::input::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
use mosaic_core::model::Page;

/// Which slice of a list a call asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    offset: usize,
    size: usize,
}

impl Window {
    /// The window for a page size and cursor as callers give them.
    pub(crate) fn new(per_page: Option<u32>, cursor: Option<&str>) -> Result<Self, ProviderError> {
        let size = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if size == 0 || size > MAX_PER_PAGE {
            return Err(ProviderError::Invalid(format!(
                "per_page must be between 1 and {MAX_PER_PAGE}, got {size}"
            )));
        }
        let offset = match cursor {
            None => 0,
            Some(cursor) => cursor.parse::<usize>().map_err(|_| {
                ProviderError::Invalid(format!(
                    "cursor `{cursor}` was not issued by this provider; pass the `next_cursor` of a previous page"
                ))
            })?,
        };
        // A page size of at most 100 always fits in usize.
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        Ok(Self { offset, size })
    }

    /// The window's items, converted; only the items on the page are converted (cloned).
    pub(crate) fn page<S, T>(
        self,
        items: impl Iterator<Item = S>,
        convert: impl FnMut(S) -> T,
    ) -> Page<T> {
        let mut rest = items.skip(self.offset);
        let items: Vec<T> = rest.by_ref().take(self.size).map(convert).collect();
        let more = rest.next().is_some();
        Page {
            items,
            next_cursor: more.then(|| (self.offset + self.size).to_string()),
        }
    }
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
