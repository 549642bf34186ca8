//! `ci.runs.list`, `ci.runs.get` and `ci.runs.cancel`; the trigger is in `trigger.rs`, the
//! logs in `logs.rs`.
//!
//! `current_step` is filled by `ci.runs.get` for a run in progress, from one more request
//! (its jobs): it is what a caller waiting on a run wants to see move, and it costs nothing
//! for a queued or finished run. Lists leave it empty rather than cost a request a run.

use super::client::{Actions, actions_path, run_number, workflow_segment};
use super::config::CancelMode;
use super::mapping::{self, GhJobs, GhRun, GhRuns};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::{RunLogsGet, RunRef, RunTrigger, RunsList};
use mosaic_core::model::{Page, Run, RunLogs, RunStatus};
use mosaic_plugin::kinds::CiRuns;
use mosaic_provider_kit::github::page_params;
use mosaic_provider_kit::http::{AfterWrite, PageQuery};
use reqwest::Method;

impl Actions {
    /// `GET …/actions/runs/{id}` as a run, without its current step.
    pub(super) async fn run(&self, repo: &str, id: u64) -> Result<Run, ProviderError> {
        let path = format!("{}/runs/{id}", actions_path(repo)?);
        let found: GhRun = self.api.get(&path, &[]).await?.json()?;
        mapping::run(found)
    }

    /// The first page of a run's jobs (up to 100), in GitHub's order.
    pub(super) async fn jobs(
        &self,
        repo: &str,
        id: u64,
        page: u32,
    ) -> Result<(GhJobs, Option<String>), ProviderError> {
        let path = format!("{}/runs/{id}/jobs", actions_path(repo)?);
        let query = page_params(PageQuery {
            per_page: 100,
            page,
        });
        let reply = self.api.get(&path, &query).await?;
        Ok((reply.json()?, reply.next_cursor))
    }
}

#[async_trait::async_trait]
impl CiRuns for Actions {
    /// `GET …/actions/runs` or, for one pipeline, `GET …/actions/workflows/{id}/runs`.
    async fn runs_list(&self, input: &RunsList) -> Result<Page<Run>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let actions = actions_path(&input.repo)?;
        let path = match &input.pipeline {
            Some(pipeline) => format!("{actions}/workflows/{}/runs", workflow_segment(pipeline)?),
            None => format!("{actions}/runs"),
        };
        let mut query = page_params(page);
        if let Some(branch) = &input.branch {
            query.push(("branch", branch.clone()));
        }
        if let Some(status) = input.status {
            query.push(("status", mapping::status_filter(status).to_owned()));
        }
        let reply = self.api.get(&path, &query).await?;
        let listed: GhRuns = reply.json()?;
        Ok(Page {
            items: listed
                .workflow_runs
                .into_iter()
                .map(mapping::run)
                .collect::<Result<_, _>>()?,
            next_cursor: reply.next_cursor,
        })
    }

    /// `GET …/actions/runs/{id}`, and for a run in progress the name of its job in
    /// progress (module docs).
    async fn runs_get(&self, input: &RunRef) -> Result<Run, ProviderError> {
        let id = run_number(&input.run_id)?;
        let mut run = self.run(&input.repo, id).await?;
        if run.status == RunStatus::Running {
            let (jobs, _) = self.jobs(&input.repo, id, 1).await?;
            run.current_step = jobs
                .jobs
                .into_iter()
                .find(|job| job.status == "in_progress")
                .map(|job| job.name);
        }
        Ok(run)
    }

    async fn runs_trigger(&self, input: &RunTrigger) -> Result<Run, ProviderError> {
        self.trigger(input).await
    }

    /// `POST …/runs/{id}/cancel` (or `force-cancel`, as configured), then the run read
    /// back. GitHub answers 409 for a run that has finished: `conflict`.
    async fn runs_cancel(&self, input: &RunRef) -> Result<Run, ProviderError> {
        let id = run_number(&input.run_id)?;
        let verb = match self.cancel {
            CancelMode::Normal => "cancel",
            CancelMode::Force => "force-cancel",
        };
        let path = format!("{}/runs/{id}/{verb}", actions_path(&input.repo)?);
        self.api
            .send(Method::POST, &path, &[], None)
            .await
            .writing(id)?;
        self.run(&input.repo, id)
            .await
            .after_write(id, "reading the run back")
    }

    async fn runs_logs(&self, input: &RunLogsGet) -> Result<RunLogs, ProviderError> {
        self.logs(input).await
    }
}
