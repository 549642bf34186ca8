//! [`Linear`]: one instance: sending a GraphQL document, the cursors of Linear's pages, and
//! the hooks of its [`Instance`] — the health probe, the quota, and the two resources it
//! serves, whose operations are in `projects.rs` and `issues.rs`.

use super::documents::{Viewer, effect_of};
use super::errors::read_answer;
use graphql_client::GraphQLQuery;
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{PmProjects, PmWorkItems};
use mosaic_provider_kit::http::{ApiClient, health_of};
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
}

/// The cursor of the next page: Linear's `endCursor` while `hasNextPage`.
pub(super) fn next_cursor(has_next_page: bool, end_cursor: Option<String>) -> Option<String> {
    end_cursor.filter(|cursor| has_next_page && !cursor.is_empty())
}

#[async_trait::async_trait]
impl Instance for Linear {
    /// `viewer { id }`: the user the credentials belong to.
    async fn health(&self) -> Health {
        health_of(
            self.run::<Viewer>(super::documents::viewer::Variables)
                .await,
        )
    }

    /// What Linear's `X-RateLimit-Requests-*` headers said last.
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
