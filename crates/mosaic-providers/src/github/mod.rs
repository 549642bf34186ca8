//! The `github` plugin: GitHub's REST API (github.com and GitHub Enterprise Server) for every
//! `git.*` operation.
//!
//! ```yaml
//! - name: github
//!   plugin: github
//!   settings:
//!     base_url: https://api.github.com       # GHES: https://HOST/api/v3
//!     token: ${GITHUB_TOKEN}
//! ```
//!
//! - Auth: `Authorization: Bearer TOKEN`, with `Accept: application/vnd.github+json` and
//!   `X-GitHub-Api-Version: 2022-11-28`.
//! - Quota: `X-RateLimit-*` on every answer; the primary limit answers 403 with remaining 0, the
//!   secondary one 403 or 429 with `Retry-After` — both are `rate_limited`. A `304` to a
//!   conditional request does not count against the quota.
//! - GitHub lists pull requests among issues: `git.issues.list` leaves them out (a page may hold
//!   fewer items than asked), and `git.issues.get` of a pull request's number is `not_found`
//!   pointing at `git.pulls.get`.
//! - `git.pulls.list` with `state: merged` asks for closed ones and keeps those with `merged_at`.
//! - Pull request comments are conversation comments (the issue comments endpoint).
//! - `git.repos.list` with an owner tries the organization's list, then the user's.
//! - `git.files.get` without a ref reads the repository's default branch, named in the answer.

mod client;
pub mod mapping;

use crate::forge::{ForgeProvider, forge_support};
use crate::http::{ApiClient, Auth, ClientSettings};
use crate::token_settings::{Connection, TokenSettings, validate_token_settings};
use client::GitHub;
use mosaic_core::{
    BuildError, FieldError, InstanceBuilder, OpId, Plugin, Provider, ServiceKind, Support,
};
use std::sync::Arc;

/// The public API's root.
pub const DEFAULT_BASE_URL: &str = "https://api.github.com";

/// The `github` plugin.
#[derive(Clone, Copy, Debug, Default)]
pub struct GitHubPlugin;

impl Plugin for GitHubPlugin {
    fn name(&self) -> &'static str {
        "github"
    }

    fn version(&self) -> &'static str {
        "1.0.0"
    }

    fn description(&self) -> &'static str {
        "GitHub REST API (github.com and Enterprise Server): repositories, branches, files, commits, issues, pull requests"
    }

    fn kinds(&self) -> &'static [ServiceKind] {
        &[ServiceKind::Git]
    }

    fn supports(&self, op: OpId) -> Support {
        forge_support(op, |_| Support::Supported)
    }

    fn settings_schema(&self) -> schemars::Schema {
        schemars::schema_for!(TokenSettings)
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = validate_token_settings("github", settings, Some(DEFAULT_BASE_URL))?;
        Ok(Box::new(GitHubBuilder { connection }))
    }
}

struct GitHubBuilder {
    connection: Connection,
}

#[async_trait::async_trait]
impl InstanceBuilder for GitHubBuilder {
    async fn build(self: Box<Self>, instance: &str) -> Result<Arc<dyn Provider>, BuildError> {
        let connection = self.connection;
        let api = ApiClient::new(ClientSettings {
            instance: instance.to_owned(),
            base_url: connection.base_url,
            auth: Auth::Authorization(format!("Bearer {}", connection.token)),
            headers: vec![
                // GitHub answers `application/json` under its own media type; naming both lets any
                // server that negotiates strictly (a proxy, a mock) answer too.
                (
                    "accept",
                    "application/vnd.github+json, application/json".into(),
                ),
                ("x-github-api-version", "2022-11-28".into()),
            ],
            revalidation_bytes: connection.revalidation_bytes,
        })
        .map_err(|message| BuildError {
            instance: instance.to_owned(),
            message,
        })?;
        Ok(Arc::new(ForgeProvider(GitHub { api })))
    }
}
