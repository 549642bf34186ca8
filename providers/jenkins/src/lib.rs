//! The `jenkins` plugin: Jenkins' remote access API (Jenkins 2.x, with the Folders, Pipeline
//! and Git plugins as most installations have them) for every `ci.*` operation.
//!
//! ```yaml
//! - name: ci
//!   plugin: jenkins
//!   settings:
//!     base_url: https://ci.example.com/jenkins
//!     user: ana
//!     api_token: ${JENKINS_API_TOKEN}
//!     repositories:
//!       - repo: "acme/*"
//!         folder: "acme/{name}"
//! ```
//!
//! - `config.rs`: settings; `folders.rs`: repositories to folders; `ids.rs`: pipeline and run
//!   ids; `dialect.rs`: Jenkins' HTML error pages; `client.rs`: the instance (requests, the
//!   crumb, health); `pipelines.rs`, `runs.rs`, `trigger.rs`, `cancel.rs`, `logs.rs`: the
//!   operations; `mapping.rs`: Jenkins' JSON and the unified model.
//!
//! How Jenkins is spoken to:
//! - Auth: HTTP Basic with a user and one of their API tokens. Requests authenticated with an
//!   API token need no CSRF crumb; when Jenkins (or a proxy) still asks for one, a `403` that
//!   says so fetches `/crumbIssuer/api/json` once, keeps it, and the POST is sent again.
//! - Repositories are folders: the `repositories` setting maps `owner/name` globs to folder
//!   paths (`{owner}/{name}` by default, `job/acme/job/api`); the repository's pipelines are
//!   the jobs in it, and a multibranch project's branch jobs. A pipeline's id is its job's
//!   path as Jenkins' own URL gives it, never re-encoded from names.
//! - Runs are builds: `job/acme/job/api/job/ci#42`; a build still in the queue is
//!   `…#queue-7` until it starts. Every JSON read names its fields with `tree=`, and lists
//!   of builds take a `{0,N}` range.
//! - Triggers post `buildWithParameters` (the ref in the `BRANCH` parameter, or the
//!   configured one) or `build`, then follow the queue item until it has a build number,
//!   within `queue_wait_seconds`.
//! - Logs are the progressive console text, from an offset (`X-Text-Size`, `X-More-Data`).
//! - Cancel: `stop`, then `term` and `kill` for Pipeline builds that keep running; a queued
//!   run's item is cancelled; a finished run is a `conflict`.
//! - Errors are HTML pages: the message is the page's heading or title, never the page.
//! - Quota: Jenkins sends none; a proxy's `X-RateLimit-*` and `Retry-After` are read.

/// The provider's stateful fake, for the fakes assembly.
#[cfg(feature = "fake")]
pub use mosaic_jenkins_fake as fake;

mod cancel;
mod client;
pub mod config;
pub mod dialect;
pub mod folders;
pub mod ids;
pub mod logs;
pub mod mapping;
mod pipelines;
mod runs;
mod trigger;

use client::Jenkins;
use config::{JenkinsConnection, JenkinsSettings};
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use std::sync::Arc;

/// The `jenkins` plugin.
pub struct JenkinsPlugin {
    descriptor: PluginDescriptor,
}

impl Default for JenkinsPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "jenkins",
                "1.0.0",
                "Jenkins remote access API: jobs in a repository's folder (multibranch branches among them) as pipelines, builds and queue items as runs, progressive console logs, stop escalating to term and kill",
                vec![ServiceKind::Ci],
                schemars::schema_for!(JenkinsSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({
                "base_url": "https://ci.example.com/jenkins",
                "user": "ana",
                "api_token": "${JENKINS_API_TOKEN}",
                "repositories": [{"repo": "acme/*", "folder": "acme/{name}"}]
            })),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(JenkinsPlugin::default())
}

impl Plugin for JenkinsPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = config::validate(settings)?;
        Ok(Box::new(JenkinsBuilder { connection }))
    }
}

#[derive(Debug)]
struct JenkinsBuilder {
    connection: JenkinsConnection,
}

#[async_trait::async_trait]
impl InstanceBuilder for JenkinsBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        connect(context, self.connection)
    }
}

/// A Jenkins instance over a checked connection.
pub fn connect(
    context: &BuildContext,
    connection: JenkinsConnection,
) -> Result<Arc<dyn Provider>, BuildError> {
    let api = ApiClient::new(
        context,
        ClientSettings {
            base_url: connection.base_url.clone(),
            auth: Auth::Authorization(connection.authorization.clone()),
            headers: vec![("accept", "application/json".to_owned())],
            // Jenkins sends no `ETag` on its JSON.
            conditional_requests: false,
            dialect: dialect::JENKINS,
        },
    )
    .map_err(|message| BuildError {
        instance: context.instance().to_owned(),
        message,
    })?;
    Ok(mosaic_plugin::serve(Jenkins::new(api, &connection)))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
