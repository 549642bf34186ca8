//! `ci.runs.logs`: a run's log is its jobs' logs, one after another in the order GitHub lists
//! the jobs, cut to the window asked for.
//!
//! Each job's log is `GET …/actions/jobs/{id}/logs`, which answers `302 Found` to a
//! short-lived URL on GitHub's log storage; that URL is fetched without the instance's token
//! (the kit's [`get_redirected`](mosaic_provider_kit::http::ApiClient::get_redirected)). Jobs
//! that have not started have no log and are left out; a started job whose log is not there
//! yet (GitHub serves some only once the job is over) reads as empty until it is.

use super::client::{Actions, actions_path, run_number};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::RunLogsGet;
use mosaic_core::model::{RunLogs, log_window};

/// The most pages of jobs read (100 each): GitHub caps a run at 256 jobs of a matrix.
const MAX_JOB_PAGES: u32 = 5;

impl Actions {
    pub(super) async fn logs(&self, input: &RunLogsGet) -> Result<RunLogs, ProviderError> {
        let id = run_number(&input.run_id)?;
        // The run first: whether it is over says whether the log is complete, and the jobs
        // read after it cannot be older than that answer.
        let run = self.run(&input.repo, id).await?;
        let actions = actions_path(&input.repo)?;
        let mut log = String::new();
        for page in 1..=MAX_JOB_PAGES {
            let (jobs, next) = self.jobs(&input.repo, id, page).await?;
            for job in jobs.jobs.iter().filter(|job| job.started()) {
                let path = format!("{actions}/jobs/{}/logs", job.id);
                match self.api.get_redirected(&path, &[]).await {
                    Ok(body) => log.push_str(&String::from_utf8_lossy(&body)),
                    Err(ProviderError::NotFound(_)) if job.status != "completed" => {}
                    Err(error) => return Err(error),
                }
            }
            if next.is_none() {
                break;
            }
        }
        log_window(&input.run_id, &log, input, run.status.is_finished())
    }
}
