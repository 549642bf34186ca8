//! `ci.runs.logs`: a run's whole log so far, assembled step by step, then cut to the window
//! asked for (`mosaic_core::model::log_window`).
//!
//! Woodpecker keeps logs per step (`GET /repos/{id}/logs/{number}/{step_id}`, the step's
//! `id`, in 2.x and 3.x alike): the pipeline is read for its workflows, then every step that
//! has started is read, in workflow then step order, its lines decoded from base64. A step
//! that waits or was skipped has no log and costs no request. The log is complete when the
//! pipeline read first had finished: every step's lines were written by then.

use super::client::{Woodpecker, run_number};
use super::mapping::{WpLogEntry, has_log, status, step_text, steps_in_order};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::RunLogsGet;
use mosaic_core::model::{RunLogs, log_window};

impl Woodpecker {
    /// The window of run `input.run_id`'s log that `input` asks for.
    pub(super) async fn logs(&self, input: &RunLogsGet) -> Result<RunLogs, ProviderError> {
        let number = run_number(&input.run_id)?;
        let (log, finished) = self
            .in_repo(&input.repo, |id| async move {
                let pipeline = self
                    .pipeline(id, number)
                    .await
                    .map_err(|error| match error {
                        ProviderError::NotFound(_) => {
                            ProviderError::NotFound(format!("run {number} of `{}`", input.repo))
                        }
                        other => other,
                    })?;
                let finished = status(&pipeline.status)?.is_finished();
                let mut log = String::new();
                for (_, steps) in steps_in_order(&pipeline) {
                    for step in steps.into_iter().filter(|step| has_log(step)) {
                        let path = format!("/repos/{id}/logs/{number}/{}", step.id);
                        let entries: Vec<WpLogEntry> = self.get(&path, &[]).await?;
                        log.push_str(&step_text(step, entries)?);
                    }
                }
                Ok((log, finished))
            })
            .await?;
        log_window(&input.run_id, &log, input, finished)
    }
}
