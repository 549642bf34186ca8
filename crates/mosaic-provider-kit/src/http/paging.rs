//! Page size and cursor for forge APIs that page by number.
//!
//! A cursor MosAIc hands out is the next page's number, read from the `Link` header's
//! `rel="next"` URL (GitHub, Gitea, GitLab) or from GitLab's `X-Next-Page`. Taking only the
//! number, never the URL, means a cursor cannot point a request anywhere but the instance's own
//! API.

use mosaic_core::ProviderError;
use reqwest::Url;
use reqwest::header::{HeaderMap, LINK};

/// The page size when the caller gives none, as the forges default to.
pub const DEFAULT_PER_PAGE: u32 = 30;

/// The largest page size any of the forges accepts.
pub const MAX_PER_PAGE: u32 = 100;

/// One page to fetch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageQuery {
    /// Items per page, 1 to [`MAX_PER_PAGE`].
    pub per_page: u32,
    /// 1-based page number.
    pub page: u32,
}

impl PageQuery {
    /// The page a caller asks for: its page size (bounded) and a cursor from an earlier
    /// answer, which must be a page number.
    pub fn new(per_page: Option<u32>, cursor: Option<&str>) -> Result<Self, ProviderError> {
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE);
        let page = match cursor {
            None => 1,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| {
                    ProviderError::Invalid(format!(
                        "cursor `{text}` is not one this provider issued (expected a page number)"
                    ))
                })?,
        };
        Ok(Self { per_page, page })
    }
}

/// The next page's cursor, from `X-Next-Page` or the `Link` header; `None` on the last page.
pub fn next_cursor(headers: &HeaderMap) -> Option<String> {
    if let Some(next) = headers
        .get("x-next-page")
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
    {
        // GitLab sends the header empty on the last page.
        return next.parse::<u32>().ok().map(|page| page.to_string());
    }
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(next_link_page)
}

/// The `page` parameter of the `rel="next"` entry of one `Link` header value.
fn next_link_page(header: &str) -> Option<String> {
    header.split(',').find_map(|entry| {
        let (target, params) = entry.split_once(';')?;
        let is_next = params.split(';').any(|param| {
            let param = param.trim().replace(' ', "");
            param == "rel=\"next\"" || param == "rel=next"
        });
        if !is_next {
            return None;
        }
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        let url = Url::parse(target).ok()?;
        let page = url
            .query_pairs()
            .find(|(name, _)| name == "page")
            .map(|(_, value)| value.into_owned())?;
        page.parse::<u32>().ok().map(|page| page.to_string())
    })
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
