//! `ci.runs.cancel`: a queued run's item is cancelled (`POST /queue/cancelItem?id=N`); a
//! running build is sent `stop`, and a Pipeline build (`WorkflowRun`) still running after
//! `stop_grace_seconds` is sent `term`, then `kill` after as long again: at most three signals
//! and two waits, on tokio's clock. A run that has already finished is a `conflict`, and
//! nothing is sent.

use super::client::Jenkins;
use super::ids::{BuildRef, RunId, inside};
use super::mapping::run_of;
use mosaic_core::ProviderError;
use mosaic_core::model::Run;
use mosaic_provider_kit::http::AfterWrite;

/// A Pipeline build's class: the one that also takes `term` and `kill`.
const WORKFLOW_RUN: &str = "org.jenkinsci.plugins.workflow.job.WorkflowRun";

impl Jenkins {
    pub(super) async fn cancel(&self, repo: &str, id: &RunId) -> Result<Run, ProviderError> {
        let folder = self.folder_of(repo)?;
        inside(&folder, repo, &id.job, "run")?;
        let before = self.run(repo, id).await?;
        if before.status.is_finished() {
            return Err(ProviderError::Conflict(format!(
                "run `{id}` has already finished ({}); there is nothing to cancel",
                serde_json::to_value(before.status)
                    .ok()
                    .and_then(|status| status.as_str().map(str::to_owned))
                    .unwrap_or_default()
            )));
        }
        let number = match (id.build, before.number) {
            (_, Some(number)) => number,
            (BuildRef::Queued(item), None) => {
                self.post("/queue/cancelItem", &[("id", item.to_string())])
                    .await?;
                return self.run(repo, id).await.after_write(id, "reading it back");
            }
            (BuildRef::Number(number), None) => number,
        };
        let run = RunId {
            job: id.job.clone(),
            build: BuildRef::Number(number),
        };
        let build_path = format!("{}/{number}", id.job);
        self.post(&format!("/{build_path}/stop"), &[])
            .await
            .writing(&run)?;
        let mut build = self
            .build(&id.job, number)
            .await
            .after_write(&run, "reading it back")?;
        for signal in ["term", "kill"] {
            if !build.building || build.class != WORKFLOW_RUN {
                break;
            }
            tokio::time::sleep(self.stop_grace).await;
            build = self
                .build(&id.job, number)
                .await
                .after_write(&run, "reading it back")?;
            if !build.building {
                break;
            }
            self.post(&format!("/{build_path}/{signal}"), &[])
                .await
                .after_write(&run, &format!("sending `{signal}`"))?;
            build = self
                .build(&id.job, number)
                .await
                .after_write(&run, "reading it back")?;
        }
        run_of(&id.job, &build, &self.branch_parameter).after_write(&run, "reading it back")
    }
}
