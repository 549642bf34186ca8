//! [`GitHub`]: a running instance, the requests every operation is made of (secondary rate
//! limits reclassified on the way), and the hooks where it differs from the plugin contract's
//! defaults. The operations are in the files of their resources: `repos.rs`, `issues.rs`,
//! `pulls.rs`.

use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{GitIssues, GitPulls, GitRepos};
use mosaic_provider_kit::forge::owner_and_name;
use mosaic_provider_kit::http::health_of;
use mosaic_provider_kit::http::{ApiClient, PageQuery, Reply};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A running GitHub instance.
pub struct GitHub {
    pub(super) api: ApiClient,
}

/// `/repos/{owner}/{name}`: GitHub repositories have exactly one owner level.
pub(super) fn repo_path(repo: &str) -> Result<String, ProviderError> {
    let (owner, name) = owner_and_name(repo, "GitHub")?;
    Ok(format!("/repos/{owner}/{name}"))
}

/// GitHub's page parameters: `per_page` (at most 100) and `page`.
pub(super) fn page_params(page: PageQuery) -> Vec<(&'static str, String)> {
    vec![
        ("per_page", page.per_page.to_string()),
        ("page", page.page.to_string()),
    ]
}

impl GitHub {
    /// A GET's answer (conditional when an earlier one left an `ETag`).
    pub(super) async fn reply(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Reply, ProviderError> {
        self.api.get(path, query).await
    }

    /// A GET's answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ProviderError> {
        self.reply(path, query).await?.json()
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
}

#[async_trait::async_trait]
impl Instance for GitHub {
    /// `GET /rate_limit`: cheap, and free of quota on GitHub.
    async fn health(&self) -> Health {
        health_of(self.reply("/rate_limit", &[]).await)
    }

    /// The `X-RateLimit-*` headers of the last answer.
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
