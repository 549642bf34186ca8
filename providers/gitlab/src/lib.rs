//! The `gitlab` plugin: GitLab's REST API v4 (gitlab.com and self-managed GitLab) for every
//! `git.*` operation.
//!
//! ```yaml
//! - name: gitlab
//!   plugin: gitlab
//!   settings:
//!     base_url: https://gitlab.com/api/v4     # self-managed: https://HOST/api/v4
//!     token: ${GITLAB_TOKEN}                   # personal, group or project access token
//! ```
//!
//! - `lib.rs`: the plugin's descriptor and its builder.
//! - `dialect.rs`: how GitLab writes its refusals and its quota (error bodies, rate-limit headers).
//! - `config.rs`: the settings, checked without I/O; the default API root and the web root.
//! - `client.rs`: the running instance, its request helpers, and its hooks (health, quota,
//!   the resources it serves).
//! - `repos.rs`, `issues.rs`, `merge_requests.rs`: the operations, one file per resource,
//!   each the resource's trait of the Git kind SDK: projects, branches, files and commits;
//!   issues and their notes; merge requests and theirs.
//! - `users.rs`: usernames to user ids.
//! - `mapping.rs`: GitLab's JSON and the unified model.
//!
//! How GitLab differs, and what the adapter does about it:
//! - Auth: `PRIVATE-TOKEN: TOKEN` (personal, group and project access tokens alike). The base
//!   URL defaults to `https://gitlab.com/api/v4`; a self-managed instance's includes its
//!   `/api/v4` (and any relative URL root: `https://HOST/gitlab/api/v4`).
//! - Repositories are projects addressed by their full path, groups nesting as deep as they
//!   like (`group/sub/project`); the path is sent as one URL-encoded segment
//!   (`group%2Fsub%2Fproject`), which is how GitLab takes a project id. `.` and `..` segments
//!   are refused before any request.
//! - Issues and merge requests are addressed by `iid`, their number inside the project: the
//!   unified `number` is the `iid`, the unified `id` GitLab's global `id`. Merge requests
//!   have their own `iid` sequence, so `git.issues.get` never returns a merge request.
//! - States: `opened` is open; issues are `opened` or `closed`; merge requests also `merged`
//!   and `locked` (a merge in progress, reported as open). Issue lists ask GitLab for the
//!   state; merge request lists with `state: closed` ask for all and keep closed and merged
//!   ones (the unified filter includes merged pull requests in `closed`, GitLab's does not),
//!   so such a page may hold fewer items than asked while the cursor still goes on.
//! - Pages: `page` and `per_page` (at most 100); the cursor is GitLab's `X-Next-Page`, which
//!   is empty on the last page (the `Link` header is read when a proxy drops it).
//! - Quota: `RateLimit-Limit`, `-Remaining` and `-Reset` (a Unix time) as gitlab.com and
//!   instances with rate limits send them, and `Retry-After` with a 429. GitLab tags JSON
//!   answers with a (weak) `ETag` and answers `If-None-Match` with 304, so repeated reads are
//!   revalidated; GitLab's own throttles count a revalidated request like any other.
//! - Writes: issue updates use `state_event` (`close`, `reopen`); labels are names (GitLab
//!   creates a project label for a name it does not know, as its documentation says), sent as
//!   a JSON list, which its API takes as well as the comma-separated string; an empty list
//!   removes every label. Assignees are user ids: each username is looked up among the users
//!   of the project (`GET /projects/{id}/users?search=`, exact match), and a name nobody has
//!   is `invalid_input` naming it, before anything is written. GitLab Free keeps only the
//!   first assignee of an issue; Premium keeps them all.
//! - Label filters are GitLab's `labels=a,b` (issues carrying all of them); a name holding a
//!   comma cannot be sent and is `invalid_input`. GitLab reads the names `None` and `Any` as
//!   "no label" and "any label".
//! - `git.files.get` needs a ref on GitLab; without one the project's default branch is read
//!   first (one more request, revalidated when repeated) and named in the answer. A directory
//!   is answered 404 by GitLab, so it is `not_found` like a missing file.
//! - Drafts: GitLab's merge request API has no draft flag on creation; a draft is opened with
//!   its `Draft: ` title prefix, which is what makes GitLab treat it as a draft.
//! - Merges: `merge` merges by the project's merge method with `squash: false` (a project
//!   that requires squashing squashes anyway), `squash` sets GitLab's `squash` (the commit
//!   message then becomes the squash commit's); `rebase` is `unsupported`: GitLab
//!   rebases through a separate, asynchronous endpoint and then merges by the project's
//!   method, which cannot promise the caller a rebase merge. GitLab answers a merge it refuses
//!   with a bare 405 (401 when the token may not merge, 422 when merging failed); the merge
//!   request is then read back to say why (already merged, closed, a draft, conflicts, a
//!   pipeline or approvals missing), as `conflict`, or `forbidden` for the 401.
//! - Comments are notes (`POST …/issues/{iid}/notes`, `…/merge_requests/{iid}/notes`).
//! - Web URLs are GitLab's own `web_url` everywhere it sends one; files and notes have none,
//!   so theirs are built from the instance's web root (the base URL without its trailing
//!   `/api/v4`): `{root}/{project}/-/blob/{ref}/{path}` and
//!   `{root}/{project}/-/issues/{iid}#note_{id}` (`-/merge_requests/` for merge requests).
//! - Health: `GET /version`, which needs a valid token.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_gitlab_fake as fake;

mod client;
mod config;
pub mod dialect;
mod issues;
pub mod mapping;
mod merge_requests;
mod repos;
mod users;

pub use config::DEFAULT_BASE_URL;
pub use merge_requests::DRAFT_PREFIX;

use client::GitLab;
use config::Config;
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use mosaic_provider_kit::token_settings::TokenSettings;
use std::sync::Arc;

/// The `gitlab` plugin.
pub struct GitLabPlugin {
    descriptor: PluginDescriptor,
}

impl Default for GitLabPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                config::PLUGIN,
                "1.0.0",
                "GitLab REST API v4 (gitlab.com and self-managed): projects in nested groups, branches, files, commits, issues, merge requests",
                vec![ServiceKind::Git],
                schemars::schema_for!(TokenSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"base_url": "https://gitlab.com/api/v4", "token": "${GITLAB_TOKEN}"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(GitLabPlugin::default())
}

impl Plugin for GitLabPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let config = config::validate(settings)?;
        Ok(Box::new(GitLabBuilder { config }))
    }
}

/// Checked settings, waiting for the instance name.
#[derive(Debug)]
struct GitLabBuilder {
    config: Config,
}

#[async_trait::async_trait]
impl InstanceBuilder for GitLabBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        let Config {
            connection,
            web_root,
        } = self.config;
        let api = ApiClient::new(
            context,
            ClientSettings {
                base_url: connection.base_url,
                auth: Auth::Header("private-token", connection.token),
                headers: vec![("accept", "application/json".into())],
                conditional_requests: connection.conditional_requests,
                dialect: dialect::GITLAB,
            },
        )
        .map_err(|message| BuildError {
            instance: context.instance().to_owned(),
            message,
        })?;
        Ok(mosaic_plugin::serve(GitLab { api, web_root }))
    }
}

#[cfg(test)]
mod tests;
