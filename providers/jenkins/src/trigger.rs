//! `ci.runs.trigger`: `POST {job}/buildWithParameters` (or `{job}/build` for a job without
//! parameters) answers `201` with the queue item in `Location`; the item is read every
//! [`QUEUE_POLL`] until it has become a build (`executable.number`), within the instance's
//! `queue_wait_seconds` on tokio's clock. A build still waiting then is answered as the queued
//! run (its id names the queue item, its step the queue's `why`), which `ci.runs.get` follows
//! to the build; an item cancelled in the queue is a `conflict`.
//!
//! The ref goes to the job's `branch_parameter` (default `BRANCH`). A job without that
//! parameter can only build what it is: a multibranch branch job builds its own branch, so a
//! ref that names it is accepted and any other refused, as is an input the job does not
//! define.

use super::client::{Jenkins, missing};
use super::ids::{BuildRef, RunId, job_in, job_name};
use super::mapping::{DEFINITION_TREE, JenkinsJob, QueueItem, queued_run, run_of};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::RunTrigger;
use mosaic_core::model::Run;
use mosaic_provider_kit::http::{AfterWrite, unconfirmed};
use percent_encoding::percent_decode_str;
use reqwest::header::LOCATION;
use std::time::Duration;

/// Where a queue item led.
enum Followed {
    /// To this run: its build, or the item still waiting when the wait ended.
    Run(Box<Run>),
    /// Nowhere: it was cancelled before it started.
    Cancelled,
}

/// How often a trigger reads its queue item.
pub const QUEUE_POLL: Duration = Duration::from_secs(1);

impl Jenkins {
    pub(super) async fn trigger(&self, input: &RunTrigger) -> Result<Run, ProviderError> {
        let folder = self.folder_of(&input.repo)?;
        let job = job_in(&folder, &input.repo, &input.pipeline, "pipeline")?;
        let definition: JenkinsJob = self
            .json(&job, DEFINITION_TREE)
            .await
            .map_err(missing(format!("pipeline `{job}`")))?;
        let query = trigger_query(
            &job,
            &definition.parameters(),
            input,
            &self.branch_parameter,
        )?;
        let action = if query.is_empty() {
            "build"
        } else {
            "buildWithParameters"
        };
        let borrowed: Vec<(&str, String)> = query
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone()))
            .collect();
        let reply = self.post(&format!("/{job}/{action}"), &borrowed).await?;
        let item = reply
            .headers
            .get(LOCATION)
            .and_then(|location| location.to_str().ok())
            .and_then(queue_id)
            .ok_or_else(|| {
                unconfirmed(
                    None,
                    format!(
                        "Jenkins took the build of `{job}` (HTTP {}) but named no queue item in `Location`",
                        reply.status
                    ),
                )
            })?;
        let queued = RunId {
            job: job.clone(),
            build: BuildRef::Queued(item),
        };
        match self
            .await_build(&job, item)
            .await
            .after_write(&queued, "following its queue item")?
        {
            Followed::Run(run) => Ok(*run),
            // Known for sure: the build was queued, then taken off the queue, and will not run.
            Followed::Cancelled => Err(ProviderError::Conflict(format!(
                "the build of `{job}` was cancelled in Jenkins' queue (item {item}) before it started"
            ))),
        }
    }

    /// Reads queue item `item` until it is a build, it is cancelled, or the wait is over.
    async fn await_build(&self, job: &str, item: u64) -> Result<Followed, ProviderError> {
        let deadline = tokio::time::Instant::now() + self.queue_wait;
        loop {
            let read: QueueItem = self.queue_item(item).await?;
            if read.cancelled {
                return Ok(Followed::Cancelled);
            }
            if let Some(executable) = &read.executable {
                let build = self.build(job, executable.number).await?;
                return run_of(job, &build, &self.branch_parameter)
                    .map(|run| Followed::Run(Box::new(run)));
            }
            if tokio::time::Instant::now() + QUEUE_POLL > deadline {
                let run = queued_run(job, &read, &self.branch_parameter, &self.url_of(job));
                return Ok(Followed::Run(Box::new(run)));
            }
            tokio::time::sleep(QUEUE_POLL).await;
        }
    }
}

/// The query of a trigger of `job`, which defines the parameters `defined`: the ref in
/// `branch_parameter` when the job has it, and the inputs, each one the job defines. A job
/// without the branch parameter builds what it is configured to: a multibranch branch job its
/// branch, named in its job name as Jenkins encodes it (`feature%2Fx`), so only that ref is
/// accepted.
pub fn trigger_query(
    job: &str,
    defined: &[String],
    input: &RunTrigger,
    branch_parameter: &str,
) -> Result<Vec<(String, String)>, ProviderError> {
    let unknown: Vec<&str> = input
        .inputs
        .keys()
        .filter(|name| !defined.contains(name) || *name == branch_parameter)
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let parameters = if defined.is_empty() {
            "none".to_owned()
        } else {
            defined.join(", ")
        };
        return Err(ProviderError::Invalid(format!(
            "pipeline `{job}` takes no input {} (its parameters: {parameters}; the ref goes in `{branch_parameter}`)",
            unknown.join(", "),
        )));
    }
    let mut query = Vec::new();
    if defined.iter().any(|name| name == branch_parameter) {
        query.push((branch_parameter.to_owned(), input.git_ref.clone()));
    } else {
        let name = job_name(job);
        let branch = percent_decode_str(&name).decode_utf8_lossy();
        if input.git_ref != name && input.git_ref != branch {
            return Err(ProviderError::Invalid(format!(
                "pipeline `{job}` has no `{branch_parameter}` parameter, so it builds only what its configuration says and cannot build ref `{}`; add a string parameter `{branch_parameter}` to the job, or trigger the branch's own job",
                input.git_ref
            )));
        }
    }
    query.extend(
        input
            .inputs
            .iter()
            .map(|(name, value)| (name.clone(), value.clone())),
    );
    Ok(query)
}

/// The id of the queue item a `Location` names (`…/queue/item/42/`).
pub fn queue_id(location: &str) -> Option<u64> {
    let mut segments = location.trim_end_matches('/').rsplit('/');
    let id = segments.next()?.parse::<u64>().ok()?;
    (segments.next()? == "item").then_some(id)
}

#[cfg(test)]
#[path = "trigger_tests.rs"]
mod tests;
