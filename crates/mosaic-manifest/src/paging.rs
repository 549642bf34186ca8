//! Pages of a list, as a manifest's pagination says: which page a caller's `per_page` and
//! `cursor` ask for, the query parameters that ask the provider for it, and the cursor of the
//! next one, read from the `Link` header, the body, or whether the page came full.
//!
//! A cursor handed out is a page number, an offset, or the provider's own cursor; a page
//! number or offset is only ever sent as a parameter, never as a URL, so a cursor cannot point
//! a request anywhere but the instance's own API.

use crate::compile::PageAt;
use crate::compile::Paging;
use mosaic_core::ProviderError;
use reqwest::Url;
use reqwest::header::{HeaderMap, LINK};
use serde_json::Value;

/// The page size when the caller gives none.
pub const DEFAULT_PER_PAGE: u32 = 30;

/// The largest page size asked of a provider.
pub const MAX_PER_PAGE: u32 = 100;

impl Paging {
    /// The page `input`'s `per_page` and `cursor` ask for.
    pub(crate) fn page_at(&self, input: &Value) -> Result<PageAt, ProviderError> {
        let per_page = input
            .get("per_page")
            .and_then(Value::as_u64)
            .map_or(DEFAULT_PER_PAGE, |size| {
                size.clamp(1, u64::from(MAX_PER_PAGE)) as u32
            });
        let cursor = input.get("cursor").and_then(Value::as_str);
        let number =
            |first: u64, what: &str| -> Result<u64, ProviderError> {
                match cursor {
                    None => Ok(first),
                    Some(text) => text.parse::<u64>().ok().filter(|n| *n >= first).ok_or_else(
                        || {
                            ProviderError::Invalid(format!(
                                "cursor `{text}` is not one this provider issued (expected {what})"
                            ))
                        },
                    ),
                }
            };
        Ok(match self {
            Self::LinkHeader { .. } | Self::Page { .. } => PageAt::Number {
                page: number(1, "a page number")?,
                per_page,
            },
            Self::Offset { .. } => PageAt::Offset {
                offset: number(0, "an offset")?,
                per_page,
            },
            Self::Cursor { .. } => PageAt::Cursor {
                cursor: cursor.map(str::to_owned),
                per_page,
            },
        })
    }

    /// The query parameters that ask for `page`.
    pub(crate) fn query(&self, page: &PageAt) -> Vec<(String, String)> {
        match (self, page) {
            (
                Self::LinkHeader { page: name, size }
                | Self::Page {
                    page: name, size, ..
                },
                PageAt::Number { page, per_page },
            ) => {
                vec![
                    (name.clone(), page.to_string()),
                    (size.clone(), per_page.to_string()),
                ]
            }
            (
                Self::Offset {
                    offset: name, size, ..
                },
                PageAt::Offset { offset, per_page },
            ) => {
                vec![
                    (name.clone(), offset.to_string()),
                    (size.clone(), per_page.to_string()),
                ]
            }
            (
                Self::Cursor {
                    cursor: name, size, ..
                },
                PageAt::Cursor { cursor, per_page },
            ) => {
                let mut query = vec![(size.clone(), per_page.to_string())];
                if let Some(cursor) = cursor {
                    query.push((name.clone(), cursor.clone()));
                }
                query
            }
            _ => Vec::new(),
        }
    }

    /// The next page's cursor after `page`, from the answer's headers and body and the number
    /// of items the provider sent (`sent`); `None` on the last page.
    pub(crate) fn next_cursor(
        &self,
        page: &PageAt,
        headers: &HeaderMap,
        body: &Value,
        input: &Value,
        sent: usize,
    ) -> Result<Option<String>, ProviderError> {
        let more = |expression: &Option<crate::expr::Expression>,
                    per_page: u32|
         -> Result<bool, ProviderError> {
            match expression {
                Some(expression) => {
                    let answer = expression.run_one(body, input).map_err(|error| {
                        ProviderError::Protocol(format!(
                            "reading whether there is a next page: {error}"
                        ))
                    })?;
                    Ok(answer == Value::Bool(true))
                }
                None => Ok(sent >= per_page as usize && sent > 0),
            }
        };
        Ok(match (self, page) {
            (Self::LinkHeader { page: name, .. }, _) => next_link_page(headers, name),
            (
                Self::Page {
                    more: expression, ..
                },
                PageAt::Number { page, per_page },
            ) => more(expression, *per_page)?.then(|| (page + 1).to_string()),
            (
                Self::Offset {
                    more: expression, ..
                },
                PageAt::Offset { offset, per_page },
            ) => more(expression, *per_page)?
                .then(|| (offset + u64::try_from(sent).unwrap_or(0)).to_string()),
            (Self::Cursor { next, .. }, _) => {
                let answer = next.run_one(body, input).map_err(|error| {
                    ProviderError::Protocol(format!("reading the next cursor: {error}"))
                })?;
                match answer {
                    Value::String(text) if !text.is_empty() => Some(text),
                    Value::Number(number) => Some(number.to_string()),
                    _ => None,
                }
            }
            _ => None,
        })
    }
}

/// The page number (the `name` parameter) of the `Link` header's `rel="next"` target.
pub(crate) fn next_link_page(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(','))
        .find_map(|entry| {
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
                .find(|(key, _)| key == name)?
                .1
                .into_owned();
            page.parse::<u64>().ok().map(|page| page.to_string())
        })
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
