//! [`Confluence`]: one instance: its requests, the spaces pages are addressed by, cursors given
//! back by callers, and the hooks of its [`Instance`] — the health probe, the quota, and the
//! two resources it serves, whose operations are in `spaces.rs` and `pages.rs`.

use super::config::ConfluenceConnection;
use super::mapping::{Listing, SpaceJson};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{KbPages, KbSpaces};
use mosaic_provider_kit::http::{ApiClient, PageQuery, health_of};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The v2 API's root below the instance's base URL.
pub const V2: &str = "/wiki/api/v2";

/// The longest cursor accepted back from a caller; Confluence's are a few hundred characters.
const MAX_CURSOR_LEN: usize = 4096;

/// A running Confluence instance.
pub struct Confluence {
    pub(super) api: ApiClient,
    /// The site's root, for web links.
    pub(super) site: String,
}

impl Confluence {
    /// An instance over a checked connection and its HTTP client.
    pub fn new(api: ApiClient, connection: &ConfluenceConnection) -> Self {
        Self {
            api,
            site: connection
                .site_url
                .as_str()
                .trim_end_matches('/')
                .to_owned(),
        }
    }

    /// A GET's answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.api.get(path, query).await?.json()
    }

    /// The space with key `key`: `GET /wiki/api/v2/spaces?keys=KEY`.
    pub(super) async fn space(&self, key: &str) -> Result<SpaceJson, ProviderError> {
        let query = [("keys", key.to_owned()), ("limit", "1".to_owned())];
        let listing: Listing<SpaceJson> = self.get(&format!("{V2}/spaces"), &query).await?;
        listing
            .results
            .into_iter()
            .find(|space| space.key.eq_ignore_ascii_case(key))
            .ok_or_else(|| ProviderError::NotFound(format!("no space `{key}`")))
    }
}

/// A caller's page size and cursor as v2's `limit` and `cursor` parameters. Confluence's
/// cursors are opaque, so only their shape is checked — printable ASCII without spaces, of a
/// sane length — before one goes into a query parameter.
pub(super) fn page_params(
    per_page: Option<u32>,
    cursor: Option<&str>,
) -> Result<Vec<(&'static str, String)>, ProviderError> {
    let limit = PageQuery::new(per_page, None)?.per_page;
    let mut params = vec![("limit", limit.to_string())];
    if let Some(cursor) = cursor {
        let printable = cursor.bytes().all(|b| b.is_ascii_graphic());
        if cursor.is_empty() || cursor.len() > MAX_CURSOR_LEN || !printable {
            return Err(ProviderError::Invalid(format!(
                "cursor is not one this provider issued (a Confluence cursor is printable ASCII, at most {MAX_CURSOR_LEN} characters)"
            )));
        }
        params.push(("cursor", cursor.to_owned()));
    }
    Ok(params)
}

/// The API path of page `id`. Confluence's page ids are numbers: anything else names no page,
/// and is answered without asking.
pub(super) fn page_path(space: &str, id: &str) -> Result<String, ProviderError> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProviderError::NotFound(format!(
            "no page `{id}` in space `{space}` (Confluence page ids are numbers)"
        )));
    }
    Ok(format!("{V2}/pages/{id}"))
}

#[async_trait::async_trait]
impl Instance for Confluence {
    /// `GET /wiki/api/v2/spaces?limit=1`: a space the credentials can see, or none.
    async fn health(&self) -> Health {
        let probe = [("limit", "1".to_owned())];
        health_of(self.get::<Value>(&format!("{V2}/spaces"), &probe).await)
    }

    /// What Confluence's `X-RateLimit-*` headers said last.
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    fn kb_spaces(&self) -> Option<&dyn KbSpaces> {
        Some(self)
    }

    fn kb_pages(&self) -> Option<&dyn KbPages> {
        Some(self)
    }
}
