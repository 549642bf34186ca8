//! [`Gitea`]: a running instance, the request helpers its operations share, and the hooks
//! where it differs from the plugin contract's defaults. The operations are in the files of
//! their resources: `repos.rs`, `issues.rs`, `pulls.rs`.

use super::mapping::GiteaVersion;
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{GitIssues, GitPulls, GitRepos};
use mosaic_provider_kit::forge::owner_and_name;
use mosaic_provider_kit::http::{ApiClient, PageQuery, health_of};
use serde::de::DeserializeOwned;

/// A running Gitea instance.
pub struct Gitea {
    pub(super) api: ApiClient,
}

/// `/repos/{owner}/{name}`: Gitea repositories have exactly one owner level.
pub(super) fn repo_path(repo: &str) -> Result<String, ProviderError> {
    let (owner, name) = owner_and_name(repo, "Gitea")?;
    Ok(format!("/repos/{owner}/{name}"))
}

/// Gitea's page parameters: `page` and `limit`.
pub(super) fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("page", page.page.to_string()),
        ("limit", page.per_page.to_string()),
    ]
}

impl Gitea {
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
impl Instance for Gitea {
    /// `GET /version`: one small answer that shows the API is there.
    async fn health(&self) -> Health {
        health_of(self.get::<GiteaVersion>("/version", &[]).await)
    }

    /// What a proxy in front of Gitea reported last; Gitea itself sends no rate-limit headers.
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
