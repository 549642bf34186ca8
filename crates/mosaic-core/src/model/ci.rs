//! Unified CI/CD entities: pipelines (workflows, jobs) and their runs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A pipeline definition (GitHub workflow, Woodpecker repo pipeline, Jenkins job).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Pipeline {
    /// The provider's native id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The repository it builds, `owner/name`.
    pub repo: String,
    /// The definition file, when there is one.
    pub path: Option<String>,
    /// The pipeline's page.
    pub web_url: String,
}

/// Where a run is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Waiting for a runner.
    Queued,
    /// Executing.
    Running,
    /// Finished successfully.
    Success,
    /// Finished with a failure.
    Failure,
    /// Cancelled before finishing.
    Cancelled,
    /// Skipped by the provider.
    Skipped,
}

/// One run of a pipeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Run {
    /// The provider's native id.
    pub id: String,
    /// The run number inside its pipeline, when the provider numbers runs.
    pub number: Option<u64>,
    /// The pipeline's native id.
    pub pipeline_id: String,
    /// Current status.
    pub status: RunStatus,
    /// The branch or tag it ran on.
    #[serde(rename = "ref")]
    pub git_ref: String,
    /// The commit it ran on.
    pub commit_sha: Option<String>,
    /// Creation time, RFC 3339.
    pub created_at: Option<String>,
    /// Finish time, RFC 3339.
    pub finished_at: Option<String>,
    /// The run's page.
    pub web_url: String,
}

/// The log output of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunLogs {
    /// The run's native id.
    pub run_id: String,
    /// Log text (the tail, when truncated).
    pub content: String,
    /// Whether `content` was cut to the requested size.
    pub truncated: bool,
}
