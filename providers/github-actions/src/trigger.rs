//! `ci.runs.trigger`: `POST …/actions/workflows/{id}/dispatches` (a `workflow_dispatch`
//! event), then the run it started, read back.
//!
//! github.com answers a dispatch with `return_run_details: true` with 200 and the run's id.
//! An older GitHub Enterprise Server refuses the flag (400 or 422); a refused dispatch applied
//! nothing, so it is sent again without the flag, and the run is then found among the
//! workflow's runs: a `workflow_dispatch` run on the ref, newer than the newest such run
//! before the dispatch, looked for within a bounded wait. Once a dispatch without the flag has
//! been accepted after one with it was refused, the instance no longer sends it. When the second dispatch is refused too, that refusal is
//! the caller's answer (the inputs or the ref were wrong, not the flag).
//!
//! GitHub dispatches at a branch or tag only: a commit SHA is refused before anything is
//! sent, and so are more than 25 inputs, GitHub's limit.

use super::client::{Actions, actions_path, workflow_segment};
use super::mapping::{GhDispatched, GhRuns};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::{PipelinesList, RunTrigger};
use mosaic_core::model::Run;
use mosaic_plugin::kinds::CiPipelines;
use mosaic_provider_kit::http::{AfterWrite, unconfirmed};
use reqwest::Method;
use serde_json::{Value, json};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// GitHub's most inputs of one dispatch.
pub const MAX_INPUTS: usize = 25;

/// The waits between looks for a dispatched run among the workflow's runs (about 20 s in
/// all): GitHub creates the run within seconds of accepting the dispatch.
const LOOKS: [Duration; 6] = [
    Duration::ZERO,
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(3),
    Duration::from_secs(5),
    Duration::from_secs(8),
];

/// The newest `workflow_dispatch` run of the workflow on the ref before a dispatch: its id
/// and creation time.
type Floor = Option<(u64, String)>;

impl Actions {
    /// The workflow a trigger names, as a path segment: its id or file name as given, or, for
    /// a bare name (`ci`), the workflow whose file is `ci.yml`/`ci.yaml` or whose name is
    /// `ci` — so that one trigger names the same pipeline here and on an interchangeable
    /// executor (a Jenkins job `ci`).
    async fn workflow_named(&self, repo: &str, pipeline: &str) -> Result<String, ProviderError> {
        let name = pipeline.trim();
        if name.contains(['.', '/']) || name.bytes().all(|byte| byte.is_ascii_digit()) {
            return workflow_segment(name);
        }
        let listed = self
            .pipelines_list(&PipelinesList {
                repo: repo.to_owned(),
                per_page: Some(100),
                cursor: None,
            })
            .await?;
        let stem = |path: &Option<String>| {
            let file = path
                .as_deref()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default();
            file.strip_suffix(".yml")
                .or_else(|| file.strip_suffix(".yaml"))
                .map(str::to_owned)
        };
        let found = listed.items.iter().find(|workflow| {
            stem(&workflow.path).as_deref() == Some(name)
                || workflow.name.eq_ignore_ascii_case(name)
        });
        match found {
            Some(workflow) => workflow_segment(&workflow.id),
            None => {
                let known: Vec<String> = listed
                    .items
                    .iter()
                    .map(|workflow| format!("{} ({})", workflow.name, workflow.id))
                    .collect();
                Err(ProviderError::NotFound(format!(
                    "no workflow named `{name}` in {repo} (its workflows: {})",
                    known.join(", ")
                )))
            }
        }
    }

    pub(super) async fn trigger(&self, input: &RunTrigger) -> Result<Run, ProviderError> {
        let git_ref = input.git_ref.trim();
        if is_commit_sha(git_ref) {
            return Err(ProviderError::Invalid(format!(
                "GitHub Actions runs a workflow at a branch or tag, not at a commit (`{git_ref}`); give the branch or tag"
            )));
        }
        if input.inputs.len() > MAX_INPUTS {
            return Err(ProviderError::Invalid(format!(
                "GitHub Actions takes at most {MAX_INPUTS} inputs, got {}",
                input.inputs.len()
            )));
        }
        let workflow = self.workflow_named(&input.repo, &input.pipeline).await?;
        let path = format!(
            "{}/workflows/{workflow}/dispatches",
            actions_path(&input.repo)?
        );
        let mut body = json!({"ref": git_ref, "inputs": input.inputs});
        if !self.without_run_details.load(Ordering::Relaxed) {
            body["return_run_details"] = Value::Bool(true);
            match self.api.send(Method::POST, &path, &[], Some(&body)).await {
                Ok(reply) => {
                    let dispatched: GhDispatched = reply.json()?;
                    let id = dispatched.workflow_run_id;
                    return self
                        .run(&input.repo, id)
                        .await
                        .after_write(id, "reading the run back");
                }
                // Refused, so not applied: the flag may be what was refused.
                Err(ProviderError::Invalid(_)) => {
                    body.as_object_mut()
                        .map(|body| body.remove("return_run_details"));
                }
                Err(other) => return Err(other),
            }
        }
        let branch = short_ref(git_ref);
        let floor = self
            .newest_dispatched(&input.repo, &workflow, branch)
            .await?;
        self.api.send(Method::POST, &path, &[], Some(&body)).await?;
        // Accepted without the flag: it was the flag this server refused.
        self.without_run_details.store(true, Ordering::Relaxed);
        let id = self
            .find_dispatched(&input.repo, &workflow, branch, &floor)
            .await?;
        self.run(&input.repo, id)
            .await
            .after_write(id, "reading the run back")
    }

    async fn dispatched_runs(
        &self,
        repo: &str,
        workflow: &str,
        branch: &str,
        since: Option<&str>,
    ) -> Result<GhRuns, ProviderError> {
        let path = format!("{}/workflows/{workflow}/runs", actions_path(repo)?);
        let mut query = vec![
            ("event", "workflow_dispatch".to_owned()),
            ("branch", branch.to_owned()),
            ("per_page", "20".to_owned()),
        ];
        if let Some(since) = since {
            query.push(("created", format!(">={since}")));
        }
        self.api.get(&path, &query).await?.json()
    }

    async fn newest_dispatched(
        &self,
        repo: &str,
        workflow: &str,
        branch: &str,
    ) -> Result<Floor, ProviderError> {
        let runs = self.dispatched_runs(repo, workflow, branch, None).await?;
        Ok(runs
            .workflow_runs
            .into_iter()
            .max_by_key(|run| run.id)
            .map(|run| (run.id, run.created_at.unwrap_or_default())))
    }

    /// The oldest run newer than `floor`, looked for within the bounded wait; the dispatch
    /// was accepted, so failing to find it leaves the trigger unconfirmed, not undone.
    async fn find_dispatched(
        &self,
        repo: &str,
        workflow: &str,
        branch: &str,
        floor: &Floor,
    ) -> Result<u64, ProviderError> {
        let since = floor.as_ref().map(|(_, created)| created.as_str());
        let above = floor.as_ref().map_or(0, |(id, _)| *id);
        for wait in LOOKS {
            tokio::time::sleep(wait).await;
            let runs = self
                .dispatched_runs(repo, workflow, branch, since)
                .await
                .map_err(|error| {
                    unconfirmed(
                        None,
                        format!("looking for the dispatched run failed: {error}"),
                    )
                })?;
            let found = runs
                .workflow_runs
                .iter()
                .map(|run| run.id)
                .filter(|id| *id > above)
                .min();
            if let Some(id) = found {
                return Ok(id);
            }
        }
        let waited: Duration = LOOKS.iter().sum();
        Err(unconfirmed(
            None,
            format!(
                "GitHub accepted the dispatch, but its run did not appear among the workflow's runs within {} s",
                waited.as_secs()
            ),
        ))
    }
}

/// A full commit SHA (SHA-1 or SHA-256), which GitHub's dispatch refuses as a ref.
fn is_commit_sha(git_ref: &str) -> bool {
    matches!(git_ref.len(), 40 | 64) && git_ref.chars().all(|c| c.is_ascii_hexdigit())
}

/// A branch or tag name as runs name it (`refs/heads/main` is `main`).
fn short_ref(git_ref: &str) -> &str {
    git_ref
        .strip_prefix("refs/heads/")
        .or_else(|| git_ref.strip_prefix("refs/tags/"))
        .unwrap_or(git_ref)
}
