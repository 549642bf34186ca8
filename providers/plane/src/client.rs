//! [`Plane`]: one instance: its paths and requests, reading Plane's cursor pages, and the
//! hooks of its [`Instance`] — the health probe, the quota, and the two resources it serves,
//! whose operations are in `projects.rs` and `issues.rs`.

use super::config::PlaneConnection;
use super::mapping::{PlanePage, WebUrls};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{PmProjects, PmWorkItems};
use mosaic_provider_kit::http::{ApiClient, encode_segment, health_of};
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
}

#[async_trait::async_trait]
impl Instance for Plane {
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

    /// What Plane's `X-RateLimit-*` headers said last.
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
