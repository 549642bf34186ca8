//! Confluence's JSON and the unified model: v2 spaces and pages, v1 search results, and the
//! cursor of a list's `_links.next`.
//!
//! Web links are built from the configured site, never from an answer's `_links.base`, so
//! that an instance reached through Atlassian's OAuth gateway still links to the site.

use super::storage;
use mosaic_core::ProviderError;
use mosaic_core::model::{KbPage, PageSummary, Space};
use reqwest::Url;
use serde::Deserialize;

/// A v2 list: `{"results": [...], "_links": {"next": "/wiki/api/v2/…?cursor=…"}}`.
#[derive(Clone, Debug, Deserialize)]
pub struct Listing<T> {
    /// The items.
    pub results: Vec<T>,
    /// Where the next page is.
    #[serde(default, rename = "_links")]
    pub links: ListLinks,
}

/// The links of a list.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListLinks {
    /// The next page's site-relative URL, absent on the last page.
    #[serde(default)]
    pub next: Option<String>,
}

/// The links of one entity.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EntityLinks {
    /// The page or space's web path below `{site}/wiki`.
    #[serde(default)]
    pub webui: Option<String>,
}

/// A v2 space.
#[derive(Clone, Debug, Deserialize)]
pub struct SpaceJson {
    /// Its id.
    pub id: String,
    /// Its key (`ENG`).
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its links.
    #[serde(default, rename = "_links")]
    pub links: EntityLinks,
}

impl SpaceJson {
    /// The unified space.
    pub fn unify(self, site: &str) -> Space {
        let web_url = web_url(site, self.links.webui.as_deref(), || {
            format!("/spaces/{}", self.key)
        });
        Space {
            id: self.id,
            key: self.key,
            name: self.name,
            web_url,
        }
    }
}

/// A v2 page, with its body when asked for with `body-format=storage`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageJson {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The id of its space.
    pub space_id: String,
    /// The id of the page it is under.
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Its current version.
    pub version: VersionJson,
    /// Its body.
    #[serde(default)]
    pub body: Option<BodyJson>,
    /// Its links.
    #[serde(default, rename = "_links")]
    pub links: EntityLinks,
}

/// A version of a page.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionJson {
    /// Its number, from 1.
    pub number: u64,
    /// When it was made: the page's last change.
    #[serde(default)]
    pub created_at: Option<String>,
}

/// A page's bodies by representation.
#[derive(Clone, Debug, Deserialize)]
pub struct BodyJson {
    /// The storage-format body.
    #[serde(default)]
    pub storage: Option<StorageJson>,
}

/// One representation of a body.
#[derive(Clone, Debug, Deserialize)]
pub struct StorageJson {
    /// The body's text.
    pub value: String,
}

impl PageJson {
    /// The storage-format body; a page answered without one is the provider's fault, since
    /// it was asked for.
    pub fn storage(&self) -> Result<&str, ProviderError> {
        self.body
            .as_ref()
            .and_then(|body| body.storage.as_ref())
            .map(|storage| storage.value.as_str())
            .ok_or_else(|| {
                ProviderError::Protocol(format!(
                    "page {} came without `body.storage` although `body-format=storage` was asked for",
                    self.id
                ))
            })
    }

    /// The unified page, in space `space_key`, its body as Markdown.
    pub fn unify(self, space_key: &str, site: &str) -> Result<KbPage, ProviderError> {
        let body = storage::to_markdown(self.storage()?);
        let web_url = web_url(site, self.links.webui.as_deref(), || {
            format!("/spaces/{space_key}/pages/{}", self.id)
        });
        Ok(KbPage {
            id: self.id,
            space: space_key.to_owned(),
            title: self.title,
            body,
            version: self.version.number,
            parent_id: self.parent_id.filter(|parent| !parent.is_empty()),
            updated_at: self.version.created_at,
            web_url,
        })
    }
}

/// A v1 search answer (`GET /wiki/rest/api/search`).
#[derive(Clone, Debug, Deserialize)]
pub struct SearchPage {
    /// The hits.
    pub results: Vec<SearchResult>,
    /// Where the next page is.
    #[serde(default, rename = "_links")]
    pub links: ListLinks,
}

/// One hit.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    /// The page found.
    pub content: SearchContent,
    /// The excerpt, with `@@@hl@@@…@@@endhl@@@` around the matches.
    #[serde(default)]
    pub excerpt: String,
    /// The page's web path below `{site}/wiki`.
    #[serde(default)]
    pub url: Option<String>,
    /// The last change.
    #[serde(default)]
    pub last_modified: Option<String>,
    /// The space it is in, as search names it (`displayUrl: /spaces/ENG`).
    #[serde(default)]
    pub result_global_container: Option<Container>,
}

/// The content of a hit.
#[derive(Clone, Debug, Deserialize)]
pub struct SearchContent {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its space, with `expand=content.space`.
    #[serde(default)]
    pub space: Option<SpaceKey>,
}

/// A space's key.
#[derive(Clone, Debug, Deserialize)]
pub struct SpaceKey {
    /// The key.
    pub key: String,
}

/// The container of a hit.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    /// Its web path (`/spaces/ENG`).
    #[serde(default)]
    pub display_url: Option<String>,
}

impl SearchResult {
    /// The unified hit; one whose space cannot be told is the provider's fault.
    pub fn unify(self, site: &str) -> Result<PageSummary, ProviderError> {
        let space = self
            .content
            .space
            .map(|space| space.key)
            .or_else(|| {
                let url = self.result_global_container?.display_url?;
                let key = url.strip_prefix("/spaces/")?.split('/').next()?;
                (!key.is_empty()).then(|| key.to_owned())
            })
            .ok_or_else(|| {
                ProviderError::Protocol(format!(
                    "search hit {} names no space (`content.space.key`)",
                    self.content.id
                ))
            })?;
        let id = self.content.id;
        let web_url = web_url(site, self.url.as_deref(), || {
            format!("/spaces/{space}/pages/{id}")
        });
        Ok(PageSummary {
            excerpt: strip_highlights(&self.excerpt),
            id,
            space,
            title: strip_highlights(&self.content.title),
            updated_at: self.last_modified,
            web_url,
        })
    }
}

/// Text without search's highlight markers, `@@@hl@@@` and `@@@endhl@@@`, and with its
/// character references decoded (search writes excerpts as HTML text).
pub fn strip_highlights(text: &str) -> String {
    let plain = text.replace("@@@hl@@@", "").replace("@@@endhl@@@", "");
    storage::decode_text(&plain).trim().to_owned()
}

/// `{site}/wiki{path}`, `path` being the answer's web path or, without one, `fallback`'s.
fn web_url(site: &str, path: Option<&str>, fallback: impl FnOnce() -> String) -> String {
    let path = match path {
        Some(path) if path.starts_with('/') => path.to_owned(),
        _ => fallback(),
    };
    format!("{}/wiki{path}", site.trim_end_matches('/'))
}

/// The cursor of a list's `_links.next`. The link is relative to the site (or to `/wiki`), and
/// following it would leave the OAuth gateway's base URL; only its `cursor` parameter is taken
/// and sent again below the instance's own API root.
pub fn next_cursor(links: &ListLinks) -> Result<Option<String>, ProviderError> {
    let Some(next) = links.next.as_deref().filter(|next| !next.is_empty()) else {
        return Ok(None);
    };
    let url = Url::parse("https://site.invalid/")
        .and_then(|base| base.join(next))
        .map_err(|error| {
            ProviderError::Protocol(format!("`_links.next` `{next}` is not a URL: {error}"))
        })?;
    let cursor = url
        .query_pairs()
        .find(|(name, _)| name == "cursor")
        .map(|(_, value)| value.into_owned())
        .filter(|cursor| !cursor.is_empty())
        .ok_or_else(|| {
            ProviderError::Protocol(format!("`_links.next` `{next}` carries no `cursor`"))
        })?;
    Ok(Some(cursor))
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
