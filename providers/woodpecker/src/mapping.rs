//! Woodpecker's JSON and the unified CI model (`server/model/{repo,pipeline,workflow,step,
//! log}.go`).
//!
//! - A repository has one unified pipeline, [`PIPELINE_ID`], named as the repository:
//!   Woodpecker has no pipeline definitions to list (its "pipeline" is one run of every
//!   workflow file that matches the event).
//! - A run is a Woodpecker pipeline, by its `number` in the repository; its status from
//!   Woodpecker's `StatusValue`; its current step the running step of its workflows.
//! - A log line's `data` is base64 (Go's `[]byte`), though the published description types
//!   it as an array of integers.

use base64::Engine;
use mosaic_core::ProviderError;
use mosaic_core::model::{Pipeline, Run, RunStatus};
use mosaic_provider_kit::rfc3339::civil_from_days;
use serde::Deserialize;

/// The id of a repository's one unified pipeline.
pub const PIPELINE_ID: &str = "default";

/// A repository (`model.Repo`).
#[derive(Clone, Debug, Deserialize)]
pub struct WpRepo {
    /// Woodpecker's id of it.
    pub id: u64,
    /// `owner/name`.
    pub full_name: String,
    /// The configured pipeline file or folder; empty for the default
    /// (`.woodpecker/`, `.woodpecker.yaml`).
    #[serde(default)]
    pub config_file: String,
}

/// A pipeline, Woodpecker's run (`model.Pipeline`).
#[derive(Clone, Debug, Deserialize)]
pub struct WpPipeline {
    /// Its number in the repository.
    pub number: u64,
    /// Its `StatusValue`.
    pub status: String,
    /// The branch.
    #[serde(default)]
    pub branch: String,
    /// The full ref (`refs/heads/main`, `refs/tags/v1`).
    #[serde(default, rename = "ref")]
    pub git_ref: String,
    /// The commit.
    #[serde(default)]
    pub commit: String,
    /// Creation, Unix seconds.
    #[serde(default)]
    pub created: i64,
    /// End, Unix seconds; 0 while it runs.
    #[serde(default)]
    pub finished: i64,
    /// Its workflows, in a pipeline read alone (not in lists).
    #[serde(default)]
    pub workflows: Option<Vec<WpWorkflow>>,
}

/// A workflow of a pipeline (`model.Workflow`): one pipeline file's run.
#[derive(Clone, Debug, Deserialize)]
pub struct WpWorkflow {
    /// Position in the pipeline.
    #[serde(default)]
    pub pid: u64,
    /// Name (the file's).
    #[serde(default)]
    pub name: String,
    /// Its steps.
    #[serde(default)]
    pub children: Option<Vec<WpStep>>,
}

/// A step of a workflow (`model.Step`).
#[derive(Clone, Debug, Deserialize)]
pub struct WpStep {
    /// Id, which the logs endpoint takes.
    pub id: u64,
    /// Position in the pipeline.
    #[serde(default)]
    pub pid: u64,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Its `StatusValue`.
    #[serde(default)]
    pub state: String,
}

/// One log line (`model.LogEntry`).
#[derive(Clone, Debug, Deserialize)]
pub struct WpLogEntry {
    /// Its line number in the step.
    #[serde(default)]
    pub line: u64,
    /// The line's bytes, base64.
    #[serde(default)]
    pub data: Option<String>,
    /// 0 stdout, 1 stderr, 2 exit code, 3 metadata, 4 progress.
    #[serde(default, rename = "type")]
    pub kind: u8,
}

/// Where runs and pipelines are opened.
#[derive(Clone, Debug)]
pub struct WebUrls {
    root: String,
}

impl WebUrls {
    /// Pages below the web UI's root `root`.
    pub fn new(root: &str) -> Self {
        Self {
            root: root.trim_end_matches('/').to_owned(),
        }
    }

    /// A repository's pipelines page.
    pub fn repo(&self, repo_id: u64) -> String {
        format!("{}/repos/{repo_id}", self.root)
    }

    /// A pipeline's page (2.x and 3.x: `/repos/{id}/pipeline/{number}`).
    pub fn run(&self, repo_id: u64, number: u64) -> String {
        format!("{}/repos/{repo_id}/pipeline/{number}", self.root)
    }
}

/// A repository's unified pipeline.
pub fn pipeline(repo: &WpRepo, web: &WebUrls) -> Pipeline {
    Pipeline {
        id: PIPELINE_ID.to_owned(),
        name: repo.full_name.clone(),
        repo: repo.full_name.clone(),
        path: (!repo.config_file.trim().is_empty()).then(|| repo.config_file.clone()),
        web_url: web.repo(repo.id),
    }
}

/// The unified status of a Woodpecker `StatusValue`.
pub fn status(value: &str) -> Result<RunStatus, ProviderError> {
    Ok(match value {
        "created" | "pending" | "blocked" => RunStatus::Queued,
        "running" => RunStatus::Running,
        "success" => RunStatus::Success,
        "failure" | "error" => RunStatus::Failure,
        "killed" | "canceled" | "declined" => RunStatus::Cancelled,
        "skipped" => RunStatus::Skipped,
        other => {
            return Err(ProviderError::Protocol(format!(
                "pipeline status `{other}` is none of Woodpecker's"
            )));
        }
    })
}

/// The Woodpecker status a list may be filtered by for a unified one, where exactly one
/// stands for it; the others are filtered here.
pub fn status_filter(status: RunStatus) -> Option<&'static str> {
    match status {
        RunStatus::Running => Some("running"),
        RunStatus::Success => Some("success"),
        RunStatus::Skipped => Some("skipped"),
        RunStatus::Queued | RunStatus::Failure | RunStatus::Cancelled => None,
    }
}

/// A Woodpecker pipeline as a run of repository `repo_id`.
pub fn run(repo_id: u64, pipeline: &WpPipeline, web: &WebUrls) -> Result<Run, ProviderError> {
    let git_ref = match pipeline.git_ref.strip_prefix("refs/tags/") {
        Some(tag) => tag.to_owned(),
        None if !pipeline.branch.is_empty() => pipeline.branch.clone(),
        None => pipeline
            .git_ref
            .strip_prefix("refs/heads/")
            .unwrap_or(&pipeline.git_ref)
            .to_owned(),
    };
    Ok(Run {
        id: pipeline.number.to_string(),
        number: Some(pipeline.number),
        pipeline_id: PIPELINE_ID.to_owned(),
        status: status(&pipeline.status)?,
        git_ref,
        commit_sha: (!pipeline.commit.is_empty()).then(|| pipeline.commit.clone()),
        created_at: rfc3339(pipeline.created),
        finished_at: rfc3339(pipeline.finished),
        current_step: current_step(pipeline),
        web_url: web.run(repo_id, pipeline.number),
    })
}

/// The workflows of a pipeline in order, each with its steps in order.
pub fn steps_in_order(pipeline: &WpPipeline) -> Vec<(&WpWorkflow, Vec<&WpStep>)> {
    let mut workflows: Vec<&WpWorkflow> = pipeline.workflows.iter().flatten().collect();
    workflows.sort_by_key(|workflow| workflow.pid);
    workflows
        .into_iter()
        .map(|workflow| {
            let mut steps: Vec<&WpStep> = workflow.children.iter().flatten().collect();
            steps.sort_by_key(|step| step.pid);
            (workflow, steps)
        })
        .collect()
}

/// The running step: its name, after its workflow's when the pipeline has several
/// (`build/test`).
fn current_step(pipeline: &WpPipeline) -> Option<String> {
    let workflows = steps_in_order(pipeline);
    let several = workflows.len() > 1;
    workflows.iter().find_map(|(workflow, steps)| {
        let step = steps.iter().find(|step| step.state == "running")?;
        Some(if several {
            format!("{}/{}", workflow.name, step.name)
        } else {
            step.name.clone()
        })
    })
}

/// Whether a step has logged anything yet: not while it waits or when it was skipped.
pub fn has_log(step: &WpStep) -> bool {
    !matches!(
        step.state.as_str(),
        "pending" | "created" | "blocked" | "skipped"
    )
}

/// A step's text: its output lines (stdout, stderr, progress) in line order, each decoded
/// from base64 and ended with a line break; exit codes and metadata are not output.
pub fn step_text(step: &WpStep, mut entries: Vec<WpLogEntry>) -> Result<String, ProviderError> {
    entries.sort_by_key(|entry| entry.line);
    let mut text = String::new();
    for entry in entries
        .iter()
        .filter(|entry| matches!(entry.kind, 0 | 1 | 4))
    {
        let data = entry.data.as_deref().unwrap_or_default();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|error| {
                ProviderError::Protocol(format!(
                    "line {} of step `{}`'s log is not base64: {error}",
                    entry.line, step.name
                ))
            })?;
        text.push_str(&String::from_utf8_lossy(&bytes));
        text.push('\n');
    }
    Ok(text)
}

/// Unix seconds as RFC 3339; Woodpecker writes 0 for "not yet".
pub fn rfc3339(seconds: i64) -> Option<String> {
    if seconds <= 0 {
        return None;
    }
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    ))
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
