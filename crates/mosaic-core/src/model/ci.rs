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
    /// The step or job running now, when the provider says.
    #[serde(default)]
    pub current_step: Option<String>,
    /// The run's page.
    pub web_url: String,
}

impl RunStatus {
    /// Whether a run in this status is over: it will not change again.
    pub fn is_finished(self) -> bool {
        match self {
            Self::Queued | Self::Running => false,
            Self::Success | Self::Failure | Self::Cancelled | Self::Skipped => true,
        }
    }
}

/// Part of the log output of a run: the bytes from `offset` to `next_offset`.
///
/// Tailing a running build: read with `offset` 0, then with each answer's `next_offset`,
/// until `complete`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunLogs {
    /// The run's id.
    pub run_id: String,
    /// Log text.
    pub content: String,
    /// Where `content` starts in the whole log, in bytes.
    pub offset: u64,
    /// Where to read on from next time: the byte after `content`.
    pub next_offset: u64,
    /// Whether there was more log than the requested size: before `content` for a read of
    /// the tail, after it for a read from an offset.
    pub truncated: bool,
    /// Whether the run is finished and `next_offset` is the end of its log: nothing more
    /// will be written.
    pub complete: bool,
}

/// What `ci.runs.wait` saw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunWaited {
    /// The run as last read.
    pub run: Run,
    /// Whether it finished; `false` when the timeout passed first.
    pub finished: bool,
    /// How many times the run was read while waiting.
    pub polls: u32,
    /// How long the wait took, in milliseconds.
    pub waited_ms: u64,
}
