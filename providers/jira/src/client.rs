//! [`Jira`]: one instance: its requests, the cursors of Jira's pages, and the hooks of its
//! [`Instance`] — the health probe, the quota, and the two resources it serves, whose
//! operations are in `projects.rs` and `issues.rs`.

use super::config::{JiraConnection, SearchApi};
use super::status::StatusMapping;
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{PmProjects, PmWorkItems};
use mosaic_provider_kit::http::{ApiClient, health_of};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The longest page token accepted back from a caller; Jira's are a few hundred characters.
const MAX_TOKEN_LEN: usize = 4096;

/// A running Jira instance.
pub struct Jira {
    pub(super) api: ApiClient,
    pub(super) web_url: String,
    pub(super) search: SearchApi,
    pub(super) statuses: StatusMapping,
    pub(super) default_issue_type: String,
}

impl Jira {
    /// An instance over a checked connection and its HTTP client.
    pub fn new(api: ApiClient, connection: &JiraConnection) -> Self {
        Self {
            api,
            web_url: connection.web_url.as_str().trim_end_matches('/').to_owned(),
            search: connection.search,
            statuses: connection.statuses.clone(),
            default_issue_type: connection.default_issue_type.clone(),
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
}

/// An offset cursor (`startAt`) this provider issued: decimal digits.
pub(super) fn offset_cursor(cursor: Option<&str>) -> Result<u64, ProviderError> {
    match cursor {
        None => Ok(0),
        Some(text) => text.parse().map_err(|_| {
            ProviderError::Invalid(format!(
                "cursor `{text}` is not one this provider issued (expected an offset)"
            ))
        }),
    }
}

/// A `nextPageToken` given back: Jira's tokens are opaque, so only their shape is checked —
/// printable ASCII without spaces, of a sane length — before it goes into a query parameter.
pub(super) fn page_token(token: &str) -> Result<String, ProviderError> {
    let printable = token.bytes().all(|b| b.is_ascii_graphic());
    if token.is_empty() || token.len() > MAX_TOKEN_LEN || !printable {
        return Err(ProviderError::Invalid(format!(
            "cursor is not one this provider issued (a Jira page token is printable ASCII, at most {MAX_TOKEN_LEN} characters)"
        )));
    }
    Ok(token.to_owned())
}

#[async_trait::async_trait]
impl Instance for Jira {
    /// `GET /rest/api/3/myself`: the account the credentials belong to.
    async fn health(&self) -> Health {
        health_of(self.get::<Value>("/rest/api/3/myself", &[]).await)
    }

    /// What Jira's `X-RateLimit-*` headers said last.
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    fn pm_projects(&self) -> Option<&dyn PmProjects> {
        Some(self)
    }

    fn pm_work_items(&self) -> Option<&dyn PmWorkItems> {
        Some(self)
    }
}
