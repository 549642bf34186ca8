//! `ci.runs.list` and `ci.runs.get`: builds of a repository's jobs, and the builds still in
//! Jenkins' queue, which have no number yet.
//!
//! A list reads each job's `allBuilds` with a `{0,N}` range of just as many as the page needs
//! (newest first), and the queue once; runs of several jobs are merged newest first. With a
//! branch or status filter, the newest [`FILTERED_SCAN`] builds of each job are filtered here,
//! since Jenkins filters nothing itself: best effort beyond them.

use super::client::{Jenkins, missing};
use super::ids::{BuildRef, RunId, inside, job_in};
use super::mapping::{
    BUILD_FIELDS, JenkinsBuild, JenkinsJob, JenkinsQueue, QUEUE_FIELDS, QueueItem, queued_run,
    run_of,
};
use super::pipelines::page_of;
use mosaic_core::ProviderError;
use mosaic_core::input::ci::{RunLogsGet, RunRef, RunTrigger, RunsList};
use mosaic_core::model::{Page, Run, RunLogs, RunStatus};
use mosaic_plugin::kinds::CiRuns;
use mosaic_provider_kit::http::PageQuery;

/// How many of each job's newest builds a filtered list looks through.
pub const FILTERED_SCAN: usize = 500;

impl Jenkins {
    /// Build `number` of job `job`, as Jenkins answers it.
    pub(super) async fn build(
        &self,
        job: &str,
        number: u64,
    ) -> Result<JenkinsBuild, ProviderError> {
        let run = RunId {
            job: job.to_owned(),
            build: BuildRef::Number(number),
        };
        self.json(&format!("{job}/{number}"), BUILD_FIELDS)
            .await
            .map_err(missing(format!("run `{run}`")))
    }

    /// Queue item `id`.
    pub(super) async fn queue_item(&self, id: u64) -> Result<QueueItem, ProviderError> {
        self.json(&format!("queue/item/{id}"), QUEUE_FIELDS)
            .await
            .map_err(missing(format!(
                "queue item {id}, which Jenkins no longer keeps (it forgets items a few minutes after they start); list the runs to find its build"
            )))
    }

    /// The run `id` of `repo` as it is now: a build, or a queue item (the build it became,
    /// once it started).
    pub(super) async fn run(&self, repo: &str, id: &RunId) -> Result<Run, ProviderError> {
        let folder = self.folder_of(repo)?;
        inside(&folder, repo, &id.job, "run")?;
        match id.build {
            BuildRef::Number(number) => {
                let build = self.build(&id.job, number).await?;
                run_of(&id.job, &build, &self.branch_parameter)
            }
            BuildRef::Queued(item) => {
                let item = self.queue_item(item).await?;
                let task = item.task.as_ref().map(|task| self.path_of(&task.url));
                if let Some(Ok(task)) = &task
                    && task != &id.job
                {
                    return Err(ProviderError::NotFound(format!(
                        "run `{id}`: queue item {} builds `{task}`, not `{}`",
                        item.id, id.job
                    )));
                }
                match &item.executable {
                    Some(executable) => {
                        let build = self.build(&id.job, executable.number).await?;
                        run_of(&id.job, &build, &self.branch_parameter)
                    }
                    None => Ok(queued_run(
                        &id.job,
                        &item,
                        &self.branch_parameter,
                        &self.url_of(&id.job),
                    )),
                }
            }
        }
    }

    /// The newest `count` builds of `job`, as runs.
    async fn runs_of_job(&self, job: &str, count: usize) -> Result<Vec<Run>, ProviderError> {
        let tree = format!("_class,url,allBuilds[{BUILD_FIELDS}]{{0,{count}}}");
        let read: JenkinsJob = self
            .json(job, &tree)
            .await
            .map_err(missing(format!("pipeline `{job}`")))?;
        read.all_builds
            .iter()
            .map(|build| run_of(job, build, &self.branch_parameter))
            .collect()
    }

    /// The queued runs of `jobs`.
    async fn queued_runs(&self, jobs: &[String]) -> Result<Vec<Run>, ProviderError> {
        let queue: JenkinsQueue = self
            .json("queue", &format!("items[{QUEUE_FIELDS}]"))
            .await?;
        let mut runs = Vec::new();
        for item in &queue.items {
            let Some(task) = &item.task else { continue };
            let job = self.path_of(&task.url)?;
            if jobs.contains(&job) {
                runs.push(queued_run(&job, item, &self.branch_parameter, &task.url));
            }
        }
        Ok(runs)
    }
}

/// Whether `run` passes the list's filters.
fn wanted(run: &Run, input: &RunsList) -> bool {
    input
        .branch
        .as_ref()
        .is_none_or(|branch| &run.git_ref == branch)
        && input.status.is_none_or(|status| run.status == status)
}

#[async_trait::async_trait]
impl CiRuns for Jenkins {
    async fn runs_list(&self, input: &RunsList) -> Result<Page<Run>, ProviderError> {
        let query = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let jobs = match &input.pipeline {
            Some(pipeline) => {
                let folder = self.folder_of(&input.repo)?;
                vec![job_in(&folder, &input.repo, pipeline, "pipeline")?]
            }
            None => self
                .pipelines(&input.repo)
                .await?
                .into_iter()
                .map(|pipeline| pipeline.id)
                .collect(),
        };
        let filtered = input.branch.is_some() || input.status.is_some();
        let needed = (query.page as usize).saturating_mul(query.per_page as usize) + 1;
        let count = if filtered { FILTERED_SCAN } else { needed };
        let mut runs = Vec::new();
        if input
            .status
            .is_none_or(|status| status == RunStatus::Queued)
        {
            runs.extend(self.queued_runs(&jobs).await?);
        }
        for job in &jobs {
            runs.extend(self.runs_of_job(job, count).await?);
        }
        // Newest first across jobs; queued runs, not started yet, before them.
        runs.sort_by(|a, b| {
            let queued = |run: &Run| run.status == RunStatus::Queued;
            queued(b)
                .cmp(&queued(a))
                .then_with(|| b.created_at.cmp(&a.created_at))
        });
        runs.retain(|run| wanted(run, input));
        Ok(page_of(runs, query))
    }

    async fn runs_get(&self, input: &RunRef) -> Result<Run, ProviderError> {
        self.run(&input.repo, &RunId::parse(&input.run_id)?).await
    }

    async fn runs_trigger(&self, input: &RunTrigger) -> Result<Run, ProviderError> {
        self.trigger(input).await
    }

    async fn runs_cancel(&self, input: &RunRef) -> Result<Run, ProviderError> {
        self.cancel(&input.repo, &RunId::parse(&input.run_id)?)
            .await
    }

    async fn runs_logs(&self, input: &RunLogsGet) -> Result<RunLogs, ProviderError> {
        self.logs(input, &RunId::parse(&input.run_id)?).await
    }
}
