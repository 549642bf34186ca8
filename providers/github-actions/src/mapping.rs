//! GitHub Actions' JSON and the unified CI model: workflows are pipelines, workflow runs are
//! runs, and a run's `status` with its `conclusion` is one [`RunStatus`].
//!
//! A completed run's finish time is its `updated_at`: GitHub sends no finish time of its own,
//! and nothing changes a completed run afterwards (a re-run starts a new attempt, with a new
//! `updated_at` and `status`).

use mosaic_core::ProviderError;
use mosaic_core::model::{Pipeline, Run, RunStatus};
use serde::Deserialize;

/// A workflow (`GET …/actions/workflows`).
#[derive(Clone, Debug, Deserialize)]
pub struct GhWorkflow {
    /// Its id.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Its file, `.github/workflows/ci.yml`.
    pub path: String,
    /// Its page.
    pub html_url: String,
}

/// A page of workflows.
#[derive(Debug, Deserialize)]
pub struct GhWorkflows {
    /// This page's workflows.
    pub workflows: Vec<GhWorkflow>,
}

/// A workflow run.
#[derive(Clone, Debug, Deserialize)]
pub struct GhRun {
    /// Its id.
    pub id: u64,
    /// Its number among its workflow's runs.
    pub run_number: Option<u64>,
    /// Its workflow's id.
    pub workflow_id: u64,
    /// The branch or tag it ran on (none for some events).
    pub head_branch: Option<String>,
    /// The commit.
    pub head_sha: Option<String>,
    /// `queued`, `in_progress`, `completed`, `waiting`, `requested`, `pending`.
    pub status: Option<String>,
    /// How a completed run ended.
    pub conclusion: Option<String>,
    /// Creation time.
    pub created_at: Option<String>,
    /// Last change: the finish time of a completed run.
    pub updated_at: Option<String>,
    /// Its page.
    pub html_url: String,
}

/// A page of workflow runs.
#[derive(Debug, Deserialize)]
pub struct GhRuns {
    /// This page's runs.
    pub workflow_runs: Vec<GhRun>,
}

/// A job of a run.
#[derive(Clone, Debug, Deserialize)]
pub struct GhJob {
    /// Its id.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// `queued`, `in_progress`, `completed`, `waiting`, …
    pub status: String,
}

impl GhJob {
    /// Whether it has started, so that it has a log.
    pub fn started(&self) -> bool {
        self.status != "queued" && self.status != "waiting" && self.status != "pending"
    }
}

/// A page of jobs.
#[derive(Debug, Deserialize)]
pub struct GhJobs {
    /// This page's jobs.
    pub jobs: Vec<GhJob>,
}

/// The answer to a dispatch with `return_run_details: true`.
#[derive(Debug, Deserialize)]
pub struct GhDispatched {
    /// The run it started.
    pub workflow_run_id: u64,
}

/// A workflow as a pipeline of `repo`; its unified id is the workflow's id.
pub fn pipeline(repo: &str, workflow: GhWorkflow) -> Pipeline {
    Pipeline {
        id: workflow.id.to_string(),
        name: workflow.name,
        repo: repo.to_owned(),
        path: Some(workflow.path),
        web_url: workflow.html_url,
    }
}

/// A run's status and conclusion as one status
/// (docs.github.com/rest/actions/workflow-runs, "status" and "conclusion").
pub fn status(status: Option<&str>, conclusion: Option<&str>) -> Result<RunStatus, ProviderError> {
    let unknown = || {
        ProviderError::Protocol(format!(
            "a workflow run in status {status:?} with conclusion {conclusion:?}"
        ))
    };
    match status.ok_or_else(unknown)? {
        "queued" | "waiting" | "requested" | "pending" => Ok(RunStatus::Queued),
        "in_progress" => Ok(RunStatus::Running),
        "completed" => match conclusion.ok_or_else(unknown)? {
            // `neutral`: the run passed without a verdict of its own.
            "success" | "neutral" => Ok(RunStatus::Success),
            "failure" | "timed_out" | "startup_failure" | "action_required" => {
                Ok(RunStatus::Failure)
            }
            "cancelled" => Ok(RunStatus::Cancelled),
            // `stale`: superseded before it could run.
            "skipped" | "stale" => Ok(RunStatus::Skipped),
            _ => Err(unknown()),
        },
        _ => Err(unknown()),
    }
}

/// The `status` filter of GitHub's run lists for a unified status: a status for the runs
/// still going, a conclusion for those that are over.
pub fn status_filter(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Queued => "queued",
        RunStatus::Running => "in_progress",
        RunStatus::Success => "success",
        RunStatus::Failure => "failure",
        RunStatus::Cancelled => "cancelled",
        RunStatus::Skipped => "skipped",
    }
}

/// A workflow run as a run; `current_step` is the caller's to fill.
pub fn run(run: GhRun) -> Result<Run, ProviderError> {
    let status = status(run.status.as_deref(), run.conclusion.as_deref())?;
    Ok(Run {
        id: run.id.to_string(),
        number: run.run_number,
        pipeline_id: run.workflow_id.to_string(),
        status,
        git_ref: run.head_branch.unwrap_or_default(),
        commit_sha: run.head_sha,
        created_at: run.created_at,
        finished_at: if status.is_finished() {
            run.updated_at
        } else {
            None
        },
        current_step: None,
        web_url: run.html_url,
    })
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
