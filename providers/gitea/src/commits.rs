//! Pages of `git.commits.list`.
//!
//! Without a path Gitea pages commits like any list. With a path it ignores `limit` and serves
//! pages of its own size (`[git] COMMITS_RANGE_SIZE`, 50 by default), so the caller's page is
//! cut out of Gitea's: the cursor names Gitea's page and an offset inside it (`3:20`). The
//! request then asks for the largest `limit`, which Gitea caps at that same page size when it
//! computes its `Link` header, so the header's pages are the pages it serves.

use mosaic_core::ProviderError;
use mosaic_core::input::git::CommitsList;
use mosaic_core::model::Page;
use mosaic_provider_kit::http::PageQuery;

/// The `limit` asked for with a path: more than any Gitea serves (`[api] MAX_RESPONSE_ITEMS`
/// defaults to 50), so that Gitea caps it to the page size it really uses.
const PATH_LIMIT: u32 = 100;

/// One caller page of commits and where it lies in Gitea's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct CommitPage {
    /// The caller's page size.
    pub per_page: u32,
    /// Gitea's page number.
    pub page: u32,
    /// Items of Gitea's page already handed out (path lists only).
    pub offset: usize,
    /// Whether the list is of one path's commits.
    pub by_path: bool,
}

impl CommitPage {
    /// The page `input` asks for; a cursor of another shape is refused.
    pub fn new(input: &CommitsList) -> Result<Self, ProviderError> {
        let by_path = input.path.is_some();
        let cursor = input.cursor.as_deref();
        let (page_cursor, offset) = match cursor.and_then(|text| text.split_once(':')) {
            Some((page, offset)) if by_path => {
                let offset = offset.parse::<usize>().map_err(|_| foreign(cursor))?;
                (Some(page), offset)
            }
            Some(_) => return Err(foreign(cursor)),
            None => (cursor, 0),
        };
        let page = PageQuery::new(input.per_page, page_cursor).map_err(|_| foreign(cursor))?;
        Ok(Self {
            per_page: page.per_page,
            page: page.page,
            offset,
            by_path,
        })
    }

    /// The query: page, size, ref and path, without the per-commit extras (diff stats,
    /// signature verification, file lists) that Gitea documents as costly and MosAIc does not
    /// show.
    pub fn query(&self, input: &CommitsList) -> Vec<(&'static str, String)> {
        let limit = if self.by_path {
            PATH_LIMIT
        } else {
            self.per_page
        };
        let mut query = vec![
            ("page", self.page.to_string()),
            ("limit", limit.to_string()),
            ("stat", "false".to_owned()),
            ("verification", "false".to_owned()),
            ("files", "false".to_owned()),
        ];
        if let Some(git_ref) = &input.git_ref {
            query.push(("sha", git_ref.clone()));
        }
        if let Some(path) = &input.path {
            query.push(("path", path.clone()));
        }
        query
    }

    /// The caller's page out of Gitea's answer; `next` is the cursor of Gitea's `Link` header.
    pub fn cut<T, U>(
        &self,
        items: Vec<T>,
        next: Option<&str>,
        unify: impl FnMut(T) -> U,
    ) -> Page<U> {
        if !self.by_path {
            return Page {
                items: items.into_iter().map(unify).collect(),
                next_cursor: next.map(str::to_owned),
            };
        }
        let served = items.len();
        let end = self.offset.saturating_add(self.per_page as usize);
        let next_cursor = if end < served {
            Some(format!("{}:{end}", self.page))
        } else if served == 0 {
            // Past the last commit: a `Link` computed for smaller pages may still point on.
            None
        } else {
            next.map(str::to_owned)
        };
        Page {
            items: items
                .into_iter()
                .skip(self.offset)
                .take(self.per_page as usize)
                .map(unify)
                .collect(),
            next_cursor,
        }
    }
}

fn foreign(cursor: Option<&str>) -> ProviderError {
    ProviderError::Invalid(format!(
        "cursor `{}` is not one this provider issued for this list",
        cursor.unwrap_or_default()
    ))
}
