//! The `github` plugin: GitHub's REST API (github.com and GitHub Enterprise Server) for every
//! `git.*` operation.
//!
//! ```yaml
//! - name: github
//!   plugin: github
//!   settings:
//!     base_url: https://api.github.com       # the default; GHES: https://ghe.example.com/api/v3
//!     token: ${GITHUB_TOKEN}
//! ```
//!
//! - `lib.rs`: the plugin's descriptor, its builder and [`connect`].
//! - the client, its headers and GitHub's dialect (error bodies, rate-limit headers) are the
//!   kit's (`mosaic_provider_kit::github`), shared with the `github-actions` plugin.
//! - `config.rs`: the settings, checked without I/O; the default API root.
//! - `client.rs`: the running instance, its requests, and its hooks (health, quota, the
//!   resources it serves).
//! - `repos.rs`, `issues.rs`, `pulls.rs`: the operations, one file per resource, each the
//!   resource's trait of the Git kind SDK: repositories, branches, files and commits; issues
//!   and their comments; pull requests and theirs.
//! - `mapping.rs`: GitHub's JSON and the unified model.
//!
//! How GitHub is spoken to, and what the adapter does about its particulars:
//! - Auth: `Authorization: Bearer TOKEN` (classic and fine-grained personal access tokens,
//!   app installation tokens), with `Accept: application/vnd.github+json` and
//!   `X-GitHub-Api-Version: 2022-11-28`. The base URL includes any path prefix, so GitHub
//!   Enterprise Server is `https://HOST/api/v3`.
//! - Pages: `per_page` (1–100, the caller's size) and `page`; the cursor is the next page's
//!   number from the `Link` header, never a URL.
//! - Quota: `X-RateLimit-*` on every answer is the instance's quota. The primary limit answers
//!   403 (or 429) with remaining 0 and the reset time; a secondary limit answers 403 or 429
//!   with `Retry-After`, or 403 with only its message ("secondary rate limit"), which GitHub
//!   asks to answer by waiting at least a minute — all three are `rate_limited` with the wait.
//! - Revalidation: GETs repeat with `If-None-Match`; GitHub's `304` does not count against
//!   the quota. `GET /rate_limit` (the health check) is free of quota too.
//! - Errors: 404 names what was missing (GitHub also answers 404 for a private repository
//!   the token cannot see); 422 keeps GitHub's message and its `errors[]` ("Validation Failed;
//!   head: invalid"); 405 and 409 of a merge are `conflict`.
//! - `git.repos.list` with an owner tries the organization's list (which includes private
//!   repositories the token sees), then, on 404, the user's.
//! - `git.files.get` without a ref asks for the repository first and reads its default
//!   branch, which the answer names. A directory, symlink to a directory, or submodule is
//!   `invalid_input`. A file over 1 MB, whose content the contents API leaves out
//!   (`encoding: none`), is read from the Git blob API by its SHA (up to 100 MB; the HTTP
//!   layer reads answers up to 32 MiB).
//! - Issues: GitHub lists pull requests among issues; `git.issues.list` leaves them out, so a
//!   page may hold fewer items than asked while `next_cursor` goes on. `git.issues.get` of a
//!   pull request's number is `not_found` pointing at `git.pulls.get`. Writes through
//!   `git.issues.update` and `git.issues.comment` on a pull request's number act on the pull
//!   request, as on GitHub, where every pull request is an issue. Labels are written by name
//!   (GitHub creates a label it does not know); a label filter naming a label with a comma is
//!   `invalid_input`, as the filter is one comma-separated parameter.
//! - Pull requests: `state: merged` lists closed ones and keeps those merged (pages may hold
//!   fewer items); `closed` means closed or merged. Drafts are GitHub's `draft` flag (a
//!   repository without drafts answers 422 with GitHub's message). Merge methods `merge`,
//!   `squash` and `rebase` are GitHub's own. Comments are conversation comments, posted to the
//!   pull request's issue.
//! - Ids, numbers and web URLs are GitHub's own (`id`, `number`, `html_url`).

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_github_fake as fake;

mod client;
mod config;
mod issues;
pub mod mapping;
mod pulls;
mod repos;

pub use mosaic_provider_kit::github::{API_VERSION, DEFAULT_BASE_URL, dialect};

use client::GitHub;
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::github::github_client;
use mosaic_provider_kit::token_settings::{Connection, TokenSettings};
use std::sync::Arc;

/// The `github` plugin.
pub struct GitHubPlugin {
    descriptor: PluginDescriptor,
}

impl Default for GitHubPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                config::PLUGIN,
                "1.0.0",
                "GitHub REST API (github.com and Enterprise Server): repositories, branches, files, commits, issues, pull requests",
                vec![ServiceKind::Git],
                schemars::schema_for!(TokenSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"base_url": "https://api.github.com", "token": "${GITHUB_TOKEN}"})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(GitHubPlugin::default())
}

impl Plugin for GitHubPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(GitHubBuilder { connection }))
    }
}

/// Checked settings, waiting for the instance name.
#[derive(Debug)]
struct GitHubBuilder {
    connection: Connection,
}

#[async_trait::async_trait]
impl InstanceBuilder for GitHubBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection, Vec::new())
    }
}

/// A GitHub instance over a checked connection, sending `extra_headers` with every request
/// besides GitHub's own (for a proxy in front that wants one, or a mock asked for one of its
/// documented answers with `Prefer`).
pub fn connect(
    context: &BuildContext,
    connection: Connection,
    extra_headers: Vec<(&'static str, String)>,
) -> Result<Arc<dyn Provider>, BuildError> {
    let api = github_client(context, connection, extra_headers)?;
    Ok(mosaic_plugin::serve(GitHub { api }))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
