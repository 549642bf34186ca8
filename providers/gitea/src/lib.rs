//! The `gitea` plugin: Gitea's API v1 (Gitea 1.22; Forgejo serves the same API) for every
//! `git.*` operation.
//!
//! ```yaml
//! - name: gitea-internal
//!   plugin: gitea
//!   settings:
//!     base_url: https://git.example.com/api/v1   # required: Gitea is always self-hosted
//!     token: ${GITEA_TOKEN}
//! ```
//!
//! - `lib.rs`: the plugin's descriptor and its builder.
//! - `dialect.rs`: how Gitea writes its refusals and its quota (error bodies, rate-limit headers).
//! - `config.rs`: the settings, checked without I/O.
//! - `client.rs`: the running instance, its request helpers, and its hooks (health, quota,
//!   the resources it serves).
//! - `repos.rs`, `issues.rs`, `pulls.rs`: the operations, one file per resource, each the
//!   resource's trait of the Git kind SDK: repositories, branches, files and commits; issues
//!   and their comments; pull requests and theirs.
//! - `commits.rs`: commit pages cut out of Gitea's; `labels.rs`: label names to ids.
//! - `mapping.rs`: Gitea's JSON and the unified model.
//!
//! How Gitea differs, and what the adapter does about it:
//! - Auth: `Authorization: token TOKEN`. There is no default base URL; it must include the
//!   `/api/v1` prefix. Pages are `page` and `limit`; Gitea serves at most
//!   `[api] MAX_RESPONSE_ITEMS` (50 by default) whatever is asked, and the `Link` header then
//!   leads on, so a page may hold fewer items than asked.
//! - Quota: Gitea has no API rate limit of its own and sends no rate-limit headers; when a
//!   proxy in front of it does (`X-RateLimit-*`, `Retry-After`, 429), they are read and the
//!   quota is reported. Gitea's JSON answers carry no `ETag`, so reads are revalidated with
//!   `If-None-Match` only where something in front of Gitea adds validators.
//! - `git.repos.list` without an owner lists the token user's repositories (`/user/repos`:
//!   owned and collaborated); with one, `/users/{owner}/repos`, which Gitea serves for users
//!   and organizations alike. Repositories are `owner/name`; nested paths are refused.
//! - `git.files.get` without a ref reads the default branch; the answer names the branch, read
//!   from the `ref` of the entry's API URL (one more request only when Gitea gives none). A
//!   directory, symlink or submodule is `invalid_input`.
//! - `git.commits.list` with a path: Gitea ignores the page size there and serves pages of
//!   its own (`[git] COMMITS_RANGE_SIZE`), so the caller's pages are cut out of Gitea's (see
//!   `commits.rs`); a path no commit touched is an empty list (Gitea answers 404).
//! - Issues: lists ask for `type=issues`; `git.issues.get` of a pull request's number is
//!   `not_found` pointing at `git.pulls.get`. Labels are written by id, so names are looked up
//!   among the repository's and its organization's labels; an unknown name is `invalid_input`
//!   naming it, before anything is written. A label filter naming a label that does not exist
//!   answers an empty list (Gitea would drop the name from its filter and list everything).
//!   Label changes go through `PUT …/issues/{n}/labels` after the other fields' `PATCH`.
//! - Pull requests: comments are the pull request's issue comments. Gitea has no draft flag
//!   on creation; a draft is opened with its work-in-progress title prefix `WIP: `, which is
//!   what makes Gitea show and treat it as a draft (it refuses to merge one), and `draft` is
//!   read from Gitea's `draft` field or, before 1.22, from the title. `state: closed` lists
//!   closed and merged ones, `merged` only the merged (Gitea has no such filter).
//! - Merges: `merge`, `squash` and `rebase` are Gitea's `Do` values of the same names. A
//!   `commit_message` becomes Gitea's merge title (first line) and message (the rest); with
//!   `rebase` there is no merge commit, so one is `invalid_input`. Gitea answers an empty 200,
//!   so the pull request is read back for its merge commit. Refusals are `conflict` and say
//!   why (already merged, closed, a draft, not mergeable), read from the pull request, since
//!   Gitea answers "already merged" with an empty message and "closed" with 404.
//! - Health: `GET /version`.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_gitea_fake as fake;

mod client;
mod commits;
mod config;
pub mod dialect;
mod issues;
mod labels;
pub mod mapping;
mod pulls;
mod repos;

pub use pulls::DRAFT_PREFIX;

use client::Gitea;
use mosaic_core::{BuildError, FieldError, Provider, Secret, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use mosaic_provider_kit::token_settings::{Connection, TokenSettings};
use std::sync::Arc;

/// The `gitea` plugin.
pub struct GiteaPlugin {
    descriptor: PluginDescriptor,
}

impl Default for GiteaPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                config::PLUGIN,
                "1.0.0",
                "Gitea (and Forgejo) API v1: repositories, branches, files, commits, issues, pull requests",
                vec![ServiceKind::Git],
                schemars::schema_for!(TokenSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"base_url": "https://git.example.com/api/v1", "token": "${GITEA_TOKEN}"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(GiteaPlugin::default())
}

impl Plugin for GiteaPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(GiteaBuilder { connection }))
    }
}

/// Checked settings, waiting for the instance name.
#[derive(Debug)]
struct GiteaBuilder {
    connection: Connection,
}

#[async_trait::async_trait]
impl InstanceBuilder for GiteaBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        let connection = self.connection;
        let api = ApiClient::new(
            context,
            ClientSettings {
                base_url: connection.base_url,
                auth: Auth::Authorization(Secret::new(format!(
                    "token {}",
                    connection.token.expose()
                ))),
                headers: vec![("accept", "application/json".into())],
                conditional_requests: connection.conditional_requests,
                dialect: dialect::GITEA,
            },
        )
        .map_err(|message| BuildError {
            instance: context.instance().to_owned(),
            message,
        })?;
        Ok(mosaic_plugin::serve(Gitea { api }))
    }
}

#[cfg(test)]
mod tests;
