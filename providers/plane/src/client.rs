//! [`Plane`]: one instance's requests. Paths, Plane's cursor pages, projects and what a
//! project defines (states, labels, members) are here; searching is in `search.rs`, reads and
//! writes of one work item in `issues.rs`.

use super::config::PlaneConnection;
use super::mapping::{PlaneLabel, PlaneMember, PlanePage, PlaneProject, PlaneState, WebUrls};
use mosaic_core::input::pm::{
    IssuesSearch, ProjectsList, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition,
    WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, Project, WorkItem};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_provider_kit::http::health_of;
use mosaic_provider_kit::http::{ApiClient, encode_segment};
use mosaic_provider_kit::tracker::ProjectTracker;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The largest page Plane serves (`max_per_page`).
pub const MAX_PAGE: u64 = 100;

/// The most pages of one list read to take all of it (10 000 projects, states or labels).
const MAX_LIST_PAGES: u32 = 100;

/// A running Plane instance.
pub struct Plane {
    pub(super) api: ApiClient,
    /// `/workspaces/{slug}`, encoded.
    workspace: String,
    /// `issues` or `work-items`.
    pub(super) items: &'static str,
    pub(super) web: WebUrls,
}

/// What a scan of a list found: the items kept, and the offset to go on from (none when the
/// list has no more).
pub(super) struct Scanned<T> {
    pub items: Vec<T>,
    pub next: Option<u64>,
}

impl Plane {
    /// An instance over a checked connection and its HTTP client.
    pub fn new(api: ApiClient, connection: &PlaneConnection) -> Result<Self, ProviderError> {
        Ok(Self {
            api,
            workspace: format!("/workspaces/{}", encode_segment(&connection.workspace)?),
            items: connection.api.segment(),
            web: WebUrls::new(&connection.web_url, &connection.workspace),
        })
    }

    /// A path below the workspace (`rest` starts with `/`).
    pub(super) fn workspace_path(&self, rest: &str) -> String {
        format!("{}{rest}", self.workspace)
    }

    /// A path below a project (`rest` starts with `/`).
    pub(super) fn project_path(&self, project: &str, rest: &str) -> Result<String, ProviderError> {
        Ok(format!(
            "{}/projects/{}{rest}",
            self.workspace,
            encode_segment(project)?
        ))
    }

    /// The work item list of a project.
    pub(super) fn items_path(&self, project: &str) -> Result<String, ProviderError> {
        self.project_path(project, &format!("/{}/", self.items))
    }

    /// One work item of a project (`rest` is what follows its id, `/` or `/comments/`).
    pub(super) fn item_path(
        &self,
        project: &str,
        item: &str,
        rest: &str,
    ) -> Result<String, ProviderError> {
        self.project_path(
            project,
            &format!("/{}/{}{rest}", self.items, encode_segment(item)?),
        )
    }

    /// A GET's answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.api.get(path, query).await?.json()
    }

    /// A write with a JSON body, its answer as `T`.
    pub(super) async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &Value,
    ) -> Result<T, ProviderError> {
        self.api.send(method, path, &[], Some(body)).await?.json()
    }

    /// Page `page` (0-based) of `limit` items: Plane's cursor is `LIMIT:PAGE:0`, and the page
    /// starts at `PAGE × per_page`.
    async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&'static str, String)],
        limit: u64,
        page: u64,
    ) -> Result<PlanePage<T>, ProviderError> {
        let mut query = query.to_vec();
        query.push(("per_page", limit.to_string()));
        query.push(("cursor", format!("{limit}:{page}:0")));
        self.get(path, &query).await
    }

    /// Every item of a list, in pages of 100.
    pub(super) async fn all<T: DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<Vec<T>, ProviderError> {
        let mut all = Vec::new();
        for page in 0..u64::from(MAX_LIST_PAGES) {
            let answer: PlanePage<T> = self.page(path, &[], MAX_PAGE, page).await?;
            let full = answer.results.len() as u64 == MAX_PAGE;
            all.extend(answer.results);
            if !(answer.next_page_results && full) {
                return Ok(all);
            }
        }
        Err(ProviderError::Protocol(format!(
            "{path} has more than {} items",
            u64::from(MAX_LIST_PAGES) * MAX_PAGE
        )))
    }

    /// Reads a list from item `start` on, keeping those `keep` accepts, until `want` are kept,
    /// the list ends, or `budget` pages were read.
    ///
    /// Plane pages start at multiples of their size, so without a filter, from an offset that
    /// is a multiple of what is still wanted, one page of exactly that size is asked for;
    /// otherwise pages of 100, skipping what precedes `start`.
    pub(super) async fn scan<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&'static str, String)],
        start: u64,
        want: usize,
        keep: Option<&(dyn Fn(&T) -> bool + Sync)>,
        budget: &mut u32,
    ) -> Result<Scanned<T>, ProviderError> {
        let mut items = Vec::new();
        let mut offset = start;
        loop {
            if items.len() >= want || *budget == 0 {
                return Ok(Scanned {
                    items,
                    next: Some(offset),
                });
            }
            *budget -= 1;
            let need = (want - items.len()) as u64;
            let limit = if keep.is_none() && offset.is_multiple_of(need) {
                need
            } else {
                MAX_PAGE
            };
            let number = offset / limit;
            let skip = (offset % limit) as usize;
            let page: PlanePage<T> = self.page(path, query, limit, number).await?;
            let count = page.results.len() as u64;
            for (index, item) in page.results.into_iter().enumerate().skip(skip) {
                if items.len() == want {
                    return Ok(Scanned {
                        items,
                        next: Some(number * limit + index as u64),
                    });
                }
                if keep.is_none_or(|keep| keep(&item)) {
                    items.push(item);
                }
            }
            offset = number * limit + count;
            if !page.next_page_results || count < limit {
                return Ok(Scanned { items, next: None });
            }
        }
    }

    /// Every project of the workspace, in Plane's order.
    pub(super) async fn projects(&self) -> Result<Vec<PlaneProject>, ProviderError> {
        self.all(&self.workspace_path("/projects/")).await
    }

    /// The project whose key (`identifier`) is `key`.
    pub(super) async fn project(&self, key: &str) -> Result<PlaneProject, ProviderError> {
        self.projects()
            .await?
            .into_iter()
            .find(|project| project.identifier == key)
            .ok_or_else(|| ProviderError::NotFound(format!("project `{key}`")))
    }

    /// A project's states, in Plane's workflow order (`sequence`).
    pub(super) async fn states(&self, project: &str) -> Result<Vec<PlaneState>, ProviderError> {
        let mut states: Vec<PlaneState> =
            self.all(&self.project_path(project, "/states/")?).await?;
        states.sort_by(|a, b| a.sequence.total_cmp(&b.sequence));
        Ok(states)
    }

    /// A project's labels.
    pub(super) async fn labels(&self, project: &str) -> Result<Vec<PlaneLabel>, ProviderError> {
        self.all(&self.project_path(project, "/labels/")?).await
    }

    /// A project's members (one unpaged list).
    pub(super) async fn members(&self, project: &str) -> Result<Vec<PlaneMember>, ProviderError> {
        self.get(&self.project_path(project, "/members/")?, &[])
            .await
    }

    async fn list_projects(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        let per_page =
            mosaic_provider_kit::http::PageQuery::new(input.per_page, None)?.per_page as usize;
        let start = match &input.cursor {
            Some(cursor) => super::search::projects_offset(cursor)?,
            None => 0,
        };
        let mut budget = 2;
        let scanned: Scanned<PlaneProject> = self
            .scan(
                &self.workspace_path("/projects/"),
                &[],
                start,
                per_page,
                None,
                &mut budget,
            )
            .await?;
        Ok(Page {
            items: scanned
                .items
                .iter()
                .map(|project| project.unify(&self.web))
                .collect(),
            next_cursor: scanned.next.map(super::search::projects_cursor),
        })
    }
}

#[async_trait::async_trait]
impl ProjectTracker for Plane {
    /// One project of the workspace: proves the key, the workspace and the API answer.
    async fn health(&self) -> Health {
        let probe = self
            .get::<Value>(
                &self.workspace_path("/projects/"),
                &[("per_page", "1".to_owned())],
            )
            .await;
        health_of(probe)
    }

    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        self.list_projects(input).await
    }

    async fn issues_search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        self.search(input).await
    }

    async fn issues_get(&self, input: &WorkItemRef) -> Result<WorkItem, ProviderError> {
        self.get_item(&input.key).await
    }

    async fn issues_create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError> {
        self.create(input).await
    }

    async fn issues_update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError> {
        self.update(input).await
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
