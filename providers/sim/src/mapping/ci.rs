//! `ci.*`: pipelines and their runs. Triggered runs wait in `queued` until cancelled: the
//! simulator has no runners, which keeps every answer deterministic.

use super::super::clock;
use super::super::dataset::{ACTOR, CiRepo, RunData, State, WEB};
use super::super::instance::SimProvider;
use super::super::paging::Window;
use super::repos::resolve_sha;
use mosaic_core::input::ci::{PipelinesList, RunLogsGet, RunRef, RunTrigger, RunsList};
use mosaic_core::model::{Page, Pipeline, Run, RunLogs, RunStatus, log_window};
use mosaic_core::{OpId, ProviderError};
use mosaic_plugin::kinds::{CiPipelines, CiRuns};

fn ci<'s>(state: &'s State, repo: &str) -> Result<&'s CiRepo, ProviderError> {
    state
        .ci
        .get(repo)
        .ok_or_else(|| ProviderError::NotFound(format!("repository `{repo}` (no CI configured)")))
}

fn run<'c>(ci: &'c CiRepo, repo: &str, run_id: &str) -> Result<&'c RunData, ProviderError> {
    ci.runs
        .iter()
        .find(|entry| entry.run.id == run_id)
        .ok_or_else(|| ProviderError::NotFound(format!("run `{run_id}` in {repo}")))
}

fn status_name(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Queued => "queued",
        RunStatus::Running => "running",
        RunStatus::Success => "success",
        RunStatus::Failure => "failure",
        RunStatus::Cancelled => "cancelled",
        RunStatus::Skipped => "skipped",
    }
}

#[async_trait::async_trait]
impl CiPipelines for SimProvider {
    async fn pipelines_list(&self, input: &PipelinesList) -> Result<Page<Pipeline>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            Ok(window.page(ci(state, &input.repo)?.pipelines.iter(), Pipeline::clone))
        })
        .await
    }
}

#[async_trait::async_trait]
impl CiRuns for SimProvider {
    async fn runs_list(&self, input: &RunsList) -> Result<Page<Run>, ProviderError> {
        self.read(|state| {
            let window = Window::new(input.per_page, input.cursor.as_deref())?;
            let data = ci(state, &input.repo)?;
            if let Some(pipeline) = &input.pipeline
                && !data.pipelines.iter().any(|known| known.id == *pipeline)
            {
                return Err(ProviderError::NotFound(format!(
                    "pipeline `{pipeline}` in {}",
                    input.repo
                )));
            }
            let matching = data.runs.iter().filter(|entry| {
                input
                    .pipeline
                    .as_ref()
                    .is_none_or(|p| entry.run.pipeline_id == *p)
                    && input
                        .branch
                        .as_ref()
                        .is_none_or(|b| entry.run.git_ref == *b)
                    && input.status.is_none_or(|s| entry.run.status == s)
            });
            Ok(window.page(matching, |entry| entry.run.clone()))
        })
        .await
    }

    async fn runs_get(&self, input: &RunRef) -> Result<Run, ProviderError> {
        self.read(|state| {
            Ok(run(ci(state, &input.repo)?, &input.repo, &input.run_id)?
                .run
                .clone())
        })
        .await
    }

    async fn runs_trigger(&self, input: &RunTrigger) -> Result<Run, ProviderError> {
        self.write(OpId::CiRunsTrigger, |state| {
            ci(state, &input.repo)?;
            // A repository the dataset also holds as git resolves the ref to its commit; CI-only
            // data takes the ref on trust.
            let commit_sha = match state.git.get(&input.repo) {
                Some(repo) => Some(resolve_sha(repo, &input.git_ref)?),
                None => None,
            };
            let id = state.run_ids.next();
            let Some(data) = state.ci.get_mut(&input.repo) else {
                return Err(ProviderError::NotFound(format!(
                    "repository `{}`",
                    input.repo
                )));
            };
            if !data
                .pipelines
                .iter()
                .any(|known| known.id == input.pipeline)
            {
                let known: Vec<&str> = data.pipelines.iter().map(|p| p.id.as_str()).collect();
                return Err(ProviderError::NotFound(format!(
                    "pipeline `{}` in {} (its pipelines: {})",
                    input.pipeline,
                    input.repo,
                    known.join(", ")
                )));
            }
            let number = data
                .runs
                .iter()
                .filter(|entry| entry.run.pipeline_id == input.pipeline)
                .count() as u64
                + 1;
            let inputs: Vec<String> = input
                .inputs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let run = Run {
                id: id.to_string(),
                number: Some(number),
                pipeline_id: input.pipeline.clone(),
                status: RunStatus::Queued,
                git_ref: input.git_ref.clone(),
                commit_sha,
                created_at: Some(clock::now()),
                finished_at: None,
                current_step: None,
                web_url: format!("{WEB}/{}/actions/runs/{id}", input.repo),
            };
            let log = format!(
                "[sim] run {id} of pipeline `{}` for {} at {} triggered by {ACTOR}{}\n[sim] waiting for a runner\n",
                input.pipeline,
                input.repo,
                input.git_ref,
                if inputs.is_empty() {
                    String::new()
                } else {
                    format!(" with {}", inputs.join(", "))
                }
            );
            data.runs.insert(
                0,
                RunData {
                    run: run.clone(),
                    log,
                },
            );
            Ok(run)
        })
        .await
    }

    async fn runs_cancel(&self, input: &RunRef) -> Result<Run, ProviderError> {
        self.write(OpId::CiRunsCancel, |state| {
            let Some(data) = state.ci.get_mut(&input.repo) else {
                return Err(ProviderError::NotFound(format!(
                    "repository `{}` (no CI configured)",
                    input.repo
                )));
            };
            let Some(entry) = data
                .runs
                .iter_mut()
                .find(|entry| entry.run.id == input.run_id)
            else {
                return Err(ProviderError::NotFound(format!(
                    "run `{}` in {}",
                    input.run_id, input.repo
                )));
            };
            match entry.run.status {
                RunStatus::Queued | RunStatus::Running => {
                    entry.run.status = RunStatus::Cancelled;
                    entry.run.finished_at = Some(clock::now());
                    entry
                        .log
                        .push_str(&format!("[sim] run cancelled by {ACTOR}\n"));
                    Ok(entry.run.clone())
                }
                finished => Err(ProviderError::Conflict(format!(
                    "run `{}` in {} already finished ({}); only queued or running runs can be cancelled",
                    input.run_id,
                    input.repo,
                    status_name(finished)
                ))),
            }
        })
        .await
    }

    async fn runs_logs(&self, input: &RunLogsGet) -> Result<RunLogs, ProviderError> {
        self.read(|state| {
            let entry = run(ci(state, &input.repo)?, &input.repo, &input.run_id)?;
            log_window(
                &entry.run.id,
                &entry.log,
                input,
                entry.run.status.is_finished(),
            )
        })
        .await
    }
}
