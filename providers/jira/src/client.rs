//! [`Jira`]: one instance's requests. Projects, search and health are here; work item reads
//! and writes are in `issues.rs`, transitions in `transitions.rs`.

use super::config::{JiraConnection, SearchApi};
use super::jql::search_jql;
use super::mapping::{ISSUE_FIELDS, JqlSearchPage, LegacySearchPage, ProjectPage};
use super::status::StatusMapping;
use mosaic_core::input::pm::{
    IssuesSearch, ProjectsList, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition,
    WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, Project, WorkItem};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_provider_kit::http::health_of;
use mosaic_provider_kit::http::{ApiClient, PageQuery};
use mosaic_provider_kit::tracker::ProjectTracker;
use reqwest::Method;
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

    /// A write with a JSON body whose answer is not read (Jira answers most with 204).
    pub(super) async fn send(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<mosaic_provider_kit::http::Reply, ProviderError> {
        self.api.send(method, path, &[], Some(body)).await
    }

    async fn list_projects(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        let per_page = PageQuery::new(input.per_page, None)?.per_page;
        let start_at = offset_cursor(input.cursor.as_deref())?;
        let query = [
            ("startAt", start_at.to_string()),
            ("maxResults", per_page.to_string()),
            ("orderBy", "key".to_owned()),
        ];
        let page: ProjectPage = self.get("/rest/api/3/project/search", &query).await?;
        let seen = page.start_at + page.values.len() as u64;
        let more = match (page.is_last, page.total) {
            (Some(last), _) => !last,
            (None, Some(total)) => seen < total,
            (None, None) => page.values.len() as u32 == per_page,
        };
        Ok(Page {
            next_cursor: (more && !page.values.is_empty()).then(|| seen.to_string()),
            items: page
                .values
                .into_iter()
                .map(|project| project.unify(&self.web_url))
                .collect(),
        })
    }

    async fn search_issues(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        let jql = search_jql(input, &self.statuses)?;
        let per_page = PageQuery::new(input.per_page, None)?.per_page;
        let mut query = vec![
            ("jql", jql),
            ("maxResults", per_page.to_string()),
            ("fields", ISSUE_FIELDS.to_owned()),
        ];
        let (issues, next_cursor) = match self.search {
            SearchApi::Jql => {
                if let Some(token) = &input.cursor {
                    query.push(("nextPageToken", page_token(token)?));
                }
                let page: JqlSearchPage = self.get("/rest/api/3/search/jql", &query).await?;
                let next = page
                    .next_page_token
                    .filter(|_| page.is_last != Some(true) && !page.issues.is_empty());
                (page.issues, next)
            }
            SearchApi::Legacy => {
                let start_at = offset_cursor(input.cursor.as_deref())?;
                query.push(("startAt", start_at.to_string()));
                let page: LegacySearchPage = self.get("/rest/api/3/search", &query).await?;
                let seen = page.start_at + page.issues.len() as u64;
                let more = page.total.is_some_and(|total| seen < total) && !page.issues.is_empty();
                (page.issues, more.then(|| seen.to_string()))
            }
        };
        Ok(Page {
            items: issues
                .into_iter()
                .map(|issue| issue.unify(&self.web_url, &self.statuses))
                .collect::<Result<_, _>>()?,
            next_cursor,
        })
    }
}

/// An offset cursor (`startAt`) this provider issued: decimal digits.
fn offset_cursor(cursor: Option<&str>) -> Result<u64, ProviderError> {
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
fn page_token(token: &str) -> Result<String, ProviderError> {
    let printable = token.bytes().all(|b| b.is_ascii_graphic());
    if token.is_empty() || token.len() > MAX_TOKEN_LEN || !printable {
        return Err(ProviderError::Invalid(format!(
            "cursor is not one this provider issued (a Jira page token is printable ASCII, at most {MAX_TOKEN_LEN} characters)"
        )));
    }
    Ok(token.to_owned())
}

#[async_trait::async_trait]
impl ProjectTracker for Jira {
    /// `GET /rest/api/3/myself`: the account the credentials belong to.
    async fn health(&self) -> Health {
        health_of(self.get::<Value>("/rest/api/3/myself", &[]).await)
    }

    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        self.list_projects(input).await
    }

    async fn issues_search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        self.search_issues(input).await
    }

    async fn issues_get(&self, input: &WorkItemRef) -> Result<WorkItem, ProviderError> {
        self.get_issue(&input.key).await
    }

    async fn issues_create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError> {
        self.create_issue(input).await
    }

    async fn issues_update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError> {
        self.update_issue(input).await
    }

    async fn issues_transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<WorkItem, ProviderError> {
        self.transition(input).await
    }

    async fn issues_comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError> {
        self.comment(input).await
    }
}
