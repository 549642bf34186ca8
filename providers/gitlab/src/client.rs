//! [`GitLab`]: a running instance, the request helpers its operations share, and the hooks
//! where it differs from the plugin contract's defaults. The operations are in the files of
//! their resources: `repos.rs`, `issues.rs`, `merge_requests.rs`.

use super::mapping::{GlVersion, WebRoot};
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{GitIssues, GitPulls, GitRepos};
use mosaic_provider_kit::http::{ApiClient, PageQuery, encode_path, encode_segment, health_of};
use serde::de::DeserializeOwned;

/// A running GitLab instance.
pub struct GitLab {
    pub(super) api: ApiClient,
    pub(super) web_root: WebRoot,
}

/// A project's id in a path: its full path as one URL-encoded segment
/// (`group%2Fsub%2Fproject`), after checking that no part of it is empty, `.` or `..`.
pub(super) fn project_id(repo: &str) -> Result<String, ProviderError> {
    encode_path(repo).map_err(|_| {
        ProviderError::Invalid(format!(
            "GitLab projects are `group/…/project` without empty, `.` or `..` parts, got `{repo}`"
        ))
    })?;
    encode_segment(repo)
}

/// `/projects/{id}` of a project path.
pub(super) fn project_path(repo: &str) -> Result<String, ProviderError> {
    Ok(format!("/projects/{}", project_id(repo)?))
}

/// GitLab's page parameters.
pub(super) fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("page", page.page.to_string()),
        ("per_page", page.per_page.to_string()),
    ]
}

impl GitLab {
    /// GETs `path` and reads the answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.api.get(path, query).await?.json()
    }
}

#[async_trait::async_trait]
impl Instance for GitLab {
    /// `GET /version`, which GitLab answers only to a valid token.
    async fn health(&self) -> Health {
        health_of(self.get::<GlVersion>("/version", &[]).await)
    }

    /// The `RateLimit-*` headers of the last answer.
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    fn git_repos(&self) -> Option<&dyn GitRepos> {
        Some(self)
    }

    fn git_issues(&self) -> Option<&dyn GitIssues> {
        Some(self)
    }

    fn git_pulls(&self) -> Option<&dyn GitPulls> {
        Some(self)
    }
}
