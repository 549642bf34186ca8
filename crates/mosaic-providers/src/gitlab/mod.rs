//! The `gitlab` plugin: GitLab's REST API v4 (gitlab.com and self-managed) for every `git.*`
//! operation, on projects (repositories) and merge requests (pull requests).
//!
//! ```yaml
//! - name: gitlab
//!   plugin: gitlab
//!   settings:
//!     base_url: https://gitlab.com/api/v4     # self-managed: https://HOST/api/v4
//!     token: ${GITLAB_TOKEN}                  # personal, group or project access token
//! ```
//!
//! - Auth: `PRIVATE-TOKEN: TOKEN`.
//! - Projects are addressed by their full path, URL-encoded as one id
//!   (`client-a/platform/backend` → `/projects/client-a%2Fplatform%2Fbackend`), so nested
//!   groups work. Issue and merge request numbers are GitLab's `iid`s.
//! - Pages: `X-Next-Page` (and `Link`). Quota: `RateLimit-*` headers and `Retry-After` on 429.
//! - States: `opened` → open, `closed` → closed, `merged` → merged; a `locked` merge request
//!   (being merged) is open. Updates close and reopen with `state_event`.
//! - Assignees are user ids: each login is looked up among the project's members
//!   (`GET /projects/{id}/users?search=`); a login that is not one is `invalid_input` naming it. Labels are sent comma-separated.
//! - `git.files.get` without a ref reads the project's default branch (GitLab requires a ref).
//! - Drafts are opened with GitLab's `Draft: ` title prefix.
//! - Merging: `merge` and `squash` (with its own commit message); `rebase` is refused as
//!   unsupported — GitLab's project merge method decides whether merges are merge commits,
//!   semi-linear or fast-forward.
//! - Web pages GitLab's answers do not carry (files, notes, commits in some versions) are built
//!   from the web root (the base URL without `/api/v4`) in GitLab's URL scheme.

mod client;
pub mod mapping;

pub use client::DRAFT_PREFIX;

use crate::forge::{ForgeProvider, forge_support};
use crate::http::{ApiClient, Auth, ClientSettings};
use crate::token_settings::{Connection, TokenSettings, validate_token_settings};
use client::GitLab;
use mosaic_core::{
    BuildError, FieldError, InstanceBuilder, OpId, Plugin, Provider, ServiceKind, Support,
};
use std::sync::Arc;

/// gitlab.com's API root.
pub const DEFAULT_BASE_URL: &str = "https://gitlab.com/api/v4";

/// The `gitlab` plugin.
#[derive(Clone, Copy, Debug, Default)]
pub struct GitLabPlugin;

impl Plugin for GitLabPlugin {
    fn name(&self) -> &'static str {
        "gitlab"
    }

    fn version(&self) -> &'static str {
        "1.0.0"
    }

    fn description(&self) -> &'static str {
        "GitLab REST API v4 (gitlab.com and self-managed): projects, branches, files, commits, issues, merge requests"
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
        let connection = validate_token_settings("gitlab", settings, Some(DEFAULT_BASE_URL))?;
        Ok(Box::new(GitLabBuilder { connection }))
    }
}

struct GitLabBuilder {
    connection: Connection,
}

#[async_trait::async_trait]
impl InstanceBuilder for GitLabBuilder {
    async fn build(self: Box<Self>, instance: &str) -> Result<Arc<dyn Provider>, BuildError> {
        let connection = self.connection;
        let api_root = connection
            .base_url
            .as_str()
            .trim_end_matches('/')
            .to_owned();
        let web_root = api_root
            .strip_suffix("/api/v4")
            .unwrap_or(&api_root)
            .to_owned();
        let api = ApiClient::new(ClientSettings {
            instance: instance.to_owned(),
            base_url: connection.base_url,
            auth: Auth::Header("private-token", connection.token),
            headers: vec![("accept", "application/json".into())],
            revalidation_bytes: connection.revalidation_bytes,
        })
        .map_err(|message| BuildError {
            instance: instance.to_owned(),
            message,
        })?;
        Ok(Arc::new(ForgeProvider(GitLab { api, web_root })))
    }
}
