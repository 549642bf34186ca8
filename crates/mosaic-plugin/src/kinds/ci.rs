//! The CI/CD kind SDK, one trait per resource.

use mosaic_core::ProviderError;
use mosaic_core::input::ci::{PipelinesList, RunLogsGet, RunRef, RunTrigger, RunsList};
use mosaic_core::model::{Page, Pipeline, Run, RunLogs};

/// Pipelines (workflows, jobs): `ci.pipelines.list`.
#[async_trait::async_trait]
pub trait CiPipelines: Send + Sync {
    /// `ci.pipelines.list`.
    async fn pipelines_list(&self, input: &PipelinesList) -> Result<Page<Pipeline>, ProviderError>;
}

/// Runs of a pipeline: `ci.runs.*`.
#[async_trait::async_trait]
pub trait CiRuns: Send + Sync {
    /// `ci.runs.list`.
    async fn runs_list(&self, input: &RunsList) -> Result<Page<Run>, ProviderError>;
    /// `ci.runs.get`.
    async fn runs_get(&self, input: &RunRef) -> Result<Run, ProviderError>;
    /// `ci.runs.trigger`.
    async fn runs_trigger(&self, input: &RunTrigger) -> Result<Run, ProviderError>;
    /// `ci.runs.cancel`.
    async fn runs_cancel(&self, input: &RunRef) -> Result<Run, ProviderError>;
    /// `ci.runs.logs`.
    async fn runs_logs(&self, input: &RunLogsGet) -> Result<RunLogs, ProviderError>;
}
