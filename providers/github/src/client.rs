//! [`GitHub`]: a running instance, the requests every operation is made of (secondary rate
//! limits reclassified on the way), and the hooks where it differs from the plugin contract's
//! defaults. The operations are in the files of their resources: `repos.rs`, `issues.rs`,
//! `pulls.rs`.

use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{GitIssues, GitPulls, GitRepos};
pub(super) use mosaic_provider_kit::github::{page_params, repo_path};
use mosaic_provider_kit::http::health_of;
use mosaic_provider_kit::http::{ApiClient, Reply};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A running GitHub instance.
pub struct GitHub {
    pub(super) api: ApiClient,
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
