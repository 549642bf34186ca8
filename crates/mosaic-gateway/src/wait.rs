//! `ci.runs.wait`: reading a run again until it is finished or the caller's timeout passes.
//!
//! Each read is a whole call through the pipeline — policy, the run id's owner, the plan, and
//! in the executor the instance's timeout, rate limit and circuit breaker — on the runtime of
//! that moment, so a wait outlives a reload and no plugin ever holds a request open for the
//! length of a build. Between reads it sleeps for the owner's
//! [`run_poll_interval`](mosaic_core::Provider::run_poll_interval); it stops when the next read
//! would come at or after the timeout (or the caller's deadline), answering the run as last
//! read with `finished: false`. Dropping the future (a cancelled MCP request, a client that
//! hangs up) stops the waiting; the run goes on.
//!
//! A caller that wants to hear how the run goes passes a [`ProgressSink`]: after each read
//! that changed something — the status, the step running, the log's length — it is sent a
//! [`WaitProgress`]. Measuring the log takes one more read per poll (`ci.runs.logs` from where
//! the previous one ended), made only when someone listens.

use crate::answer::{CallAnswer, CallError, CallRequest};
use crate::gateway::Shared;
use crate::pipeline::{self, Trail};
use mosaic_core::input::ci::{DEFAULT_WAIT_SECONDS, MAX_LOG_BYTES};
use mosaic_core::model::{Run, RunStatus, RunWaited};
use mosaic_core::{OpId, Operation, Output, RequestContext};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

/// Where progress of a wait is sent.
pub type ProgressSink = UnboundedSender<WaitProgress>;

/// How a waited-for run stands after a read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitProgress {
    /// Reads so far, from 1: it only grows, as MCP's `progress` must.
    pub polls: u32,
    /// The run's status.
    pub status: RunStatus,
    /// The step running now, when the provider says.
    pub current_step: Option<String>,
    /// The length of the run's log so far, in bytes, when it could be read.
    pub log_bytes: Option<u64>,
}

impl WaitProgress {
    /// One line for people: `running, step build, 2048 log bytes`.
    pub fn message(&self) -> String {
        let mut parts = vec![status_word(self.status).to_owned()];
        if let Some(step) = &self.current_step {
            parts.push(format!("step {step}"));
        }
        if let Some(bytes) = self.log_bytes {
            parts.push(format!("{bytes} log bytes"));
        }
        parts.join(", ")
    }
}

fn status_word(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Queued => "queued",
        RunStatus::Running => "running",
        RunStatus::Success => "succeeded",
        RunStatus::Failure => "failed",
        RunStatus::Cancelled => "cancelled",
        RunStatus::Skipped => "skipped",
    }
}

/// Waits for the run `request` (a `ci.runs.wait`) names. `trail` ends as the last read's.
pub(crate) async fn run(
    shared: &Shared,
    ctx: &RequestContext,
    request: CallRequest,
    trail: &mut Trail,
    deadline: Option<Instant>,
    progress: Option<&ProgressSink>,
) -> Result<CallAnswer, CallError> {
    let Operation::CiRunsWait(input) = Operation::parse(request.op, request.arguments.clone())?
    else {
        return Err(CallError::Internal(format!(
            "{} was waited for as ci.runs.wait",
            request.op.name()
        )));
    };
    let started = Instant::now();
    let timeout = Duration::from_secs(input.timeout_seconds.unwrap_or(DEFAULT_WAIT_SECONDS).into());
    let until = deadline.map_or(started + timeout, |deadline| {
        deadline.min(started + timeout)
    });
    let mut polls = 0;
    let mut log = LogLength::default();
    let mut reported: Option<WaitProgress> = None;
    loop {
        let runtime = shared.runtime.load_full();
        *trail = Trail::default();
        let answer = pipeline::run(
            &runtime,
            &shared.cache,
            &shared.observers,
            &shared.run_ids,
            ctx,
            request.clone(),
            trail,
            deadline,
            // Polls of a run are reads of the moment; nothing to refresh ahead of them.
            None,
        )
        .await?;
        polls += 1;
        let run = looked_at(&answer)?.clone();
        if let Some(sink) = progress {
            let log_bytes = log.measure(shared, ctx, &input.repo, &run, deadline).await;
            let now = WaitProgress {
                polls,
                status: run.status,
                current_step: run.current_step.clone(),
                log_bytes,
            };
            if reported.as_ref().is_none_or(|before| changed(before, &now)) {
                // A listener that went away only stops hearing; the wait goes on.
                let _ = sink.send(now.clone());
                reported = Some(now);
            }
        }
        let finished = run.status.is_finished();
        let interval = runtime
            .instances
            .iter()
            .find(|instance| instance.name == answer.served.instance)
            .map(|instance| instance.provider.run_poll_interval())
            .unwrap_or(mosaic_core::DEFAULT_RUN_POLL_INTERVAL);
        let now = Instant::now();
        if finished || now + interval >= until {
            let waited = RunWaited {
                run,
                finished,
                polls,
                waited_ms: u64::try_from(now.duration_since(started).as_millis())
                    .unwrap_or(u64::MAX),
            };
            return Ok(CallAnswer {
                output: Arc::new(Output::CiRunsWait(waited)),
                served: answer.served,
                sharing: answer.sharing,
            });
        }
        tokio::time::sleep(interval).await;
    }
}

/// The run one read of a wait answered.
fn looked_at(answer: &CallAnswer) -> Result<&Run, CallError> {
    match answer.output.as_ref() {
        Output::CiRunsWait(look) => Ok(&look.run),
        other => Err(CallError::Internal(format!(
            "ci.runs.wait was answered with a result of {}",
            other.op_id().name()
        ))),
    }
}

/// Whether a listener would see anything new.
fn changed(before: &WaitProgress, now: &WaitProgress) -> bool {
    before.status != now.status
        || before.current_step != now.current_step
        || before.log_bytes != now.log_bytes
}

/// The length of a run's log, followed from one read to the next.
#[derive(Default)]
struct LogLength {
    next_offset: u64,
}

impl LogLength {
    /// Reads the log on from where the last read ended; `None` when it cannot be read (the
    /// wait goes on without it).
    async fn measure(
        &mut self,
        shared: &Shared,
        ctx: &RequestContext,
        repo: &str,
        run: &Run,
        deadline: Option<Instant>,
    ) -> Option<u64> {
        let runtime = shared.runtime.load_full();
        loop {
            let request = CallRequest {
                op: OpId::CiRunsLogs,
                arguments: json!({
                    "repo": repo,
                    "run_id": run.id,
                    "offset": self.next_offset,
                    "max_bytes": MAX_LOG_BYTES,
                }),
                provider: None,
            };
            let answer = pipeline::run(
                &runtime,
                &shared.cache,
                &shared.observers,
                &shared.run_ids,
                ctx,
                request,
                &mut Trail::default(),
                deadline,
                None,
            )
            .await
            .ok()?;
            let Output::CiRunsLogs(logs) = answer.output.as_ref() else {
                return None;
            };
            let more = logs.truncated && logs.next_offset > self.next_offset;
            self.next_offset = logs.next_offset;
            if !more {
                return Some(self.next_offset);
            }
        }
    }
}

#[cfg(test)]
#[path = "wait_tests.rs"]
mod tests;
