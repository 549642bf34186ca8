//! [`Actions`]: a running instance, the requests its operations are made of, and the hooks
//! where it differs from the plugin contract's defaults. The operations are in the files of
//! their resources: `pipelines.rs`, `runs.rs`, `trigger.rs`, `logs.rs`.

use super::config::CancelMode;
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{CiPipelines, CiRuns};
use mosaic_provider_kit::http::{ApiClient, encode_segment, health_of};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// How often `ci.runs.wait` reads a run again. GitHub grants a token 5,000 requests an hour,
/// shared with the `github` forge plugin when both use one token; a read of a running run
/// costs two (the run, and its jobs for the current step), so a wait at this pace spends
/// about 480 an hour, a tenth of the budget, while a workflow's steps take tens of seconds to
/// minutes: reading faster would mostly see the same answer.
pub const RUN_POLL_INTERVAL: Duration = Duration::from_secs(15);

/// A running GitHub Actions instance.
pub struct Actions {
    pub(super) api: ApiClient,
    /// How `ci.runs.cancel` stops a run.
    pub(super) cancel: CancelMode,
    /// Set once the server refused `return_run_details` (an older Enterprise Server), so
    /// later dispatches go straight to finding their run among the workflow's runs.
    pub(super) without_run_details: AtomicBool,
}

/// `/repos/{owner}/{name}/actions`.
pub(super) fn actions_path(repo: &str) -> Result<String, ProviderError> {
    Ok(format!(
        "{}/actions",
        mosaic_provider_kit::github::repo_path(repo)?
    ))
}

/// A run id as GitHub writes them: a number.
pub(super) fn run_number(run_id: &str) -> Result<u64, ProviderError> {
    run_id.trim().parse().map_err(|_| {
        ProviderError::Invalid(format!(
            "GitHub Actions run ids are numbers, got `{run_id}`"
        ))
    })
}

/// A workflow as GitHub's `{workflow_id}` takes it: its id or its file name (`ci.yml`), as
/// one path segment.
pub(super) fn workflow_segment(pipeline: &str) -> Result<String, ProviderError> {
    let pipeline = pipeline.trim();
    let file = pipeline.rsplit('/').next().unwrap_or(pipeline);
    encode_segment(file)
}

#[async_trait::async_trait]
impl Instance for Actions {
    /// `GET /rate_limit`: cheap, and free of quota on GitHub.
    async fn health(&self) -> Health {
        health_of(self.api.get("/rate_limit", &[]).await)
    }

    /// The `X-RateLimit-*` headers of the last answer.
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    fn run_poll_interval(&self) -> Duration {
        RUN_POLL_INTERVAL
    }

    fn ci_pipelines(&self) -> Option<&dyn CiPipelines> {
        Some(self)
    }

    fn ci_runs(&self) -> Option<&dyn CiRuns> {
        Some(self)
    }
}
