//! [`Linear`]: one instance's operations. Sending a document, health, projects, search and
//! reading one work item are here; writes and the lookups they need are in `issues.rs`,
//! transitions in `transitions.rs`.

use super::documents::{
    IssueGet, IssueSearch, Teams, Viewer, effect_of, issue_get, issue_search, teams,
};
use super::errors::read_answer;
use super::filter::{after, issue_filter, page_size};
use super::mapping::{issue_parts, project};
use graphql_client::GraphQLQuery;
use mosaic_core::input::pm::{
    IssuesSearch, ProjectsList, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition,
    WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, Project, WorkItem};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_provider_kit::http::ApiClient;
use mosaic_provider_kit::http::{health_of, not_found};
use mosaic_provider_kit::tracker::{ProjectTracker, split_key};
use reqwest::Method;

/// A running Linear instance.
pub struct Linear {
    api: ApiClient,
}

impl Linear {
    /// An instance posting to its GraphQL endpoint.
    pub fn new(api: ApiClient) -> Self {
        Self { api }
    }

    /// Sends operation `Q` with its variables and reads its answer. A mutation is a write
    /// ([`effect_of`]): once Linear may have applied it, a failure is `WriteUnconfirmed`.
    pub(super) async fn run<Q: GraphQLQuery>(
        &self,
        variables: Q::Variables,
    ) -> Result<Q::ResponseData, ProviderError> {
        let query = Q::build_query(variables);
        let effect = effect_of(query.query, query.operation_name);
        let body = serde_json::to_value(query).map_err(|error| {
            ProviderError::Invalid(format!("cannot write the request as JSON: {error}"))
        })?;
        let answer = self
            .api
            .send_raw(Method::POST, "/graphql", &[], Some(&body), effect)
            .await?;
        read_answer(&answer, effect)
    }

    async fn list_projects(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        let data = self
            .run::<Teams>(teams::Variables {
                first: page_size(input.per_page)?,
                after: after(input.cursor.as_deref())?,
            })
            .await?;
        let url_key = data.organization.url_key;
        let page = data.teams.page_info;
        Ok(Page {
            items: data
                .teams
                .nodes
                .into_iter()
                .map(|team| project(team.id, team.key, team.name, &url_key))
                .collect(),
            next_cursor: next_cursor(page.has_next_page, page.end_cursor),
        })
    }

    async fn search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError> {
        let data = self
            .run::<IssueSearch>(issue_search::Variables {
                filter: issue_filter(input),
                first: page_size(input.per_page)?,
                after: after(input.cursor.as_deref())?,
            })
            .await?;
        let page = data.issues.page_info;
        Ok(Page {
            items: data
                .issues
                .nodes
                .into_iter()
                .map(|issue| issue_parts!(issue).unify())
                .collect::<Result<_, _>>()?,
            next_cursor: next_cursor(page.has_next_page, page.end_cursor),
        })
    }

    /// One work item by its identifier (`issue(id:)` takes `WEB-12` as well as an id).
    pub(super) async fn get_issue(&self, key: &str) -> Result<WorkItem, ProviderError> {
        split_key(key)?;
        let data = self
            .run::<IssueGet>(issue_get::Variables { id: key.to_owned() })
            .await
            .map_err(not_found(format!("work item `{key}`")))?;
        issue_parts!(data.issue).unify()
    }
}

/// The cursor of the next page: Linear's `endCursor` while `hasNextPage`.
fn next_cursor(has_next_page: bool, end_cursor: Option<String>) -> Option<String> {
    end_cursor.filter(|cursor| has_next_page && !cursor.is_empty())
}

#[async_trait::async_trait]
impl ProjectTracker for Linear {
    /// `viewer { id }`: the user the credentials belong to.
    async fn health(&self) -> Health {
        health_of(
            self.run::<Viewer>(super::documents::viewer::Variables)
                .await,
        )
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
