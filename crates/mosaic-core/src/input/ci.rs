//! Inputs of the `ci.*` operations. CI resources are addressed by the repository they build.

use super::rules::{NOT_BLANK, REPO};
use super::{Input, MAX_PER_PAGE};
use crate::catalog::Resource;
use crate::model::RunStatus;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `ci.pipelines.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PipelinesList {
    /// `owner/name` of the repository.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for PipelinesList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `ci.runs.list`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunsList {
    /// `owner/name` of the repository.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// Only runs of this pipeline (native id).
    #[serde(default)]
    pub pipeline: Option<String>,
    /// Only runs on this branch.
    #[serde(default)]
    pub branch: Option<String>,
    /// Only runs in this status.
    #[serde(default)]
    pub status: Option<RunStatus>,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for RunsList {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// One run (`ci.runs.get`, `ci.runs.cancel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRef {
    /// `owner/name` of the repository.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The run's native id.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub run_id: String,
}

impl Input for RunRef {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `ci.runs.trigger`: start a pipeline at a ref.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunTrigger {
    /// `owner/name` of the repository.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The pipeline's native id.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub pipeline: String,
    /// Branch, tag or SHA to build.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    #[serde(rename = "ref")]
    pub git_ref: String,
    /// Pipeline inputs or variables.
    #[serde(default)]
    pub inputs: BTreeMap<String, String>,
    /// The run should finish within this many minutes; cost-aware routes weigh a target's
    /// queue against it.
    #[schemars(range(min = 1, max = MAX_DEADLINE_MINUTES))]
    #[serde(default)]
    pub deadline_minutes: Option<u32>,
}

/// The longest deadline a trigger may give: a week.
pub const MAX_DEADLINE_MINUTES: u32 = 7 * 24 * 60;

impl Input for RunTrigger {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `ci.runs.logs`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunLogsGet {
    /// `owner/name` of the repository.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The run's native id.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub run_id: String,
    /// Return at most this many bytes (default 65536, at most 1048576): from `offset` when
    /// it is given, otherwise the log's last bytes.
    #[schemars(range(min = 1, max = MAX_LOG_BYTES))]
    #[serde(default)]
    pub max_bytes: Option<u32>,
    /// Read from this byte of the whole log: 0 for its start, or a previous answer's
    /// `next_offset` to read what was written since.
    #[serde(default)]
    pub offset: Option<u64>,
}

/// The log size returned when the caller gives none.
pub const DEFAULT_LOG_BYTES: u32 = 64 * 1024;
/// The largest log tail a caller may ask for.
pub const MAX_LOG_BYTES: u32 = 1024 * 1024;

impl Input for RunLogsGet {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}

/// `ci.runs.wait`: wait until a run is finished, or until the timeout passes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunWait {
    /// `owner/name` of the repository.
    #[schemars(pattern(REPO), example = "acme/api")]
    pub repo: String,
    /// The run's id.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub run_id: String,
    /// Stop waiting after this many seconds, finished or not (default 600, at most 3600).
    #[schemars(range(min = 1, max = MAX_WAIT_SECONDS))]
    #[serde(default)]
    pub timeout_seconds: Option<u32>,
}

/// How long `ci.runs.wait` waits when the caller gives no timeout.
pub const DEFAULT_WAIT_SECONDS: u32 = 600;
/// The longest `ci.runs.wait` may wait.
pub const MAX_WAIT_SECONDS: u32 = 3600;

impl Input for RunWait {
    fn resource(&self) -> Resource {
        Resource::new(&self.repo)
    }
}
