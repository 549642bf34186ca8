//! `ci.runs.list`, `ci.runs.get`, `ci.runs.trigger` and `ci.runs.cancel` (`ci.runs.logs` is
//! in `logs.rs`): a run is a Woodpecker pipeline, by its number in the repository.
//!
//! - The list pages by `page` and `perPage`, at most 50 (Woodpecker's `maxPageSize`: a bigger
//!   page is answered with 50, so 50 is asked). Woodpecker sends no total and no `Link`, so a
//!   full page has a next cursor and the page after the last is empty. 3.x filters by
//!   `branch` and `status` itself; 2.x ignores both, so the answer is filtered here too, and
//!   a page on 2.x may hold fewer runs than asked while its cursor still goes on.
//! - A trigger is a manual pipeline of a branch (`POST /repos/{id}/pipelines` with `branch`
//!   and `variables`); Woodpecker builds branches only, so a tag or a commit is refused
//!   before anything is sent. `204` with `Pipeline-Filtered: true` means no workflow's
//!   `when` matched: nothing started, and the caller is told so.
//! - Cancel answers `204` (the description says 200) and is read back; a finished pipeline
//!   answers 400, which is read back too and answered as a conflict naming its state.

use super::client::{Woodpecker, json_of, run_number};
use super::mapping::{PIPELINE_ID, WpPipeline, run, status_filter};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::{RunRef, RunTrigger, RunsList};
use mosaic_core::model::{Page, Run};
use mosaic_plugin::kinds::CiRuns;
use mosaic_provider_kit::http::{AfterWrite, PageQuery, id_in, unconfirmed};
use reqwest::Method;
use serde_json::{Value, json};

/// Woodpecker's largest page (`maxPageSize`).
pub const MAX_PER_PAGE: u32 = 50;

/// Refuses a pipeline id other than the unified one, saying why.
pub(super) fn check_pipeline(pipeline: &str) -> Result<(), ProviderError> {
    if pipeline.trim() == PIPELINE_ID {
        return Ok(());
    }
    Err(ProviderError::Invalid(format!(
        "pipeline `{pipeline}` is not one of Woodpecker's: a repository has one pipeline, `{PIPELINE_ID}`, which runs every workflow whose `when` matches"
    )))
}

/// The branch a trigger builds: a branch name, or `refs/heads/…`; a tag or a commit is
/// refused, since Woodpecker's manual trigger builds the head of a branch.
fn branch_of(git_ref: &str) -> Result<String, ProviderError> {
    let git_ref = git_ref.trim();
    let is_sha = git_ref.len() == 40 && git_ref.bytes().all(|byte| byte.is_ascii_hexdigit());
    if git_ref.starts_with("refs/tags/") || is_sha {
        return Err(ProviderError::Invalid(format!(
            "ref `{git_ref}` is not a branch: Woodpecker's manual trigger builds the head of a branch"
        )));
    }
    Ok(git_ref
        .strip_prefix("refs/heads/")
        .unwrap_or(git_ref)
        .to_owned())
}

#[async_trait::async_trait]
impl CiRuns for Woodpecker {
    async fn runs_list(&self, input: &RunsList) -> Result<Page<Run>, ProviderError> {
        if let Some(pipeline) = &input.pipeline {
            check_pipeline(pipeline)?;
        }
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let per_page = page.per_page.min(MAX_PER_PAGE);
        let mut query = vec![
            ("page", page.page.to_string()),
            ("perPage", per_page.to_string()),
        ];
        if let Some(branch) = &input.branch {
            query.push(("branch", branch.clone()));
        }
        if let Some(status) = input.status.and_then(status_filter) {
            query.push(("status", status.to_owned()));
        }
        let (repo_id, pipelines) = self
            .in_repo(&input.repo, |id| {
                let query = query.clone();
                async move {
                    let path = format!("/repos/{id}/pipelines");
                    let pipelines: Vec<WpPipeline> = self.get(&path, &query).await?;
                    Ok((id, pipelines))
                }
            })
            .await?;
        let full = pipelines.len() >= per_page as usize;
        let mut items = Vec::new();
        for pipeline in &pipelines {
            let run = run(repo_id, pipeline, &self.web)?;
            let branch_matches = input
                .branch
                .as_ref()
                .is_none_or(|branch| pipeline.branch == *branch || run.git_ref == *branch);
            if branch_matches && input.status.is_none_or(|status| run.status == status) {
                items.push(run);
            }
        }
        Ok(Page {
            items,
            next_cursor: full.then(|| (page.page + 1).to_string()),
        })
    }

    async fn runs_get(&self, input: &RunRef) -> Result<Run, ProviderError> {
        let number = run_number(&input.run_id)?;
        self.in_repo(&input.repo, |id| async move {
            let pipeline = self
                .pipeline(id, number)
                .await
                .map_err(|error| not_found(error, format!("run {number} of `{}`", input.repo)))?;
            run(id, &pipeline, &self.web)
        })
        .await
    }

    async fn runs_trigger(&self, input: &RunTrigger) -> Result<Run, ProviderError> {
        check_pipeline(&input.pipeline)?;
        let branch = branch_of(&input.git_ref)?;
        let body = json!({"branch": branch, "variables": input.inputs});
        self.in_repo(&input.repo, |id| {
            let body = body.clone();
            let branch = branch.clone();
            async move {
                let path = format!("/repos/{id}/pipelines");
                let reply = self
                    .request(Method::POST, &path, &[], Some(&body))
                    .await
                    .map_err(|error| {
                        not_found(
                            error,
                            format!(
                                "repository `{}` (or the token may not push to it: Woodpecker answers 404 for both)",
                                input.repo
                            ),
                        )
                    })?;
                if reply.status == reqwest::StatusCode::NO_CONTENT {
                    return Err(no_pipeline(&reply.headers, &input.repo, &branch));
                }
                let pipeline: WpPipeline = json_of(&reply.body).map_err(|error| {
                    let named = serde_json::from_slice::<Value>(&reply.body)
                        .ok()
                        .as_ref()
                        .and_then(id_in);
                    unconfirmed(named, format!("its answer could not be read ({error})"))
                })?;
                run(id, &pipeline, &self.web).after_write(pipeline.number, "reading its answer")
            }
        })
        .await
    }

    async fn runs_cancel(&self, input: &RunRef) -> Result<Run, ProviderError> {
        let number = run_number(&input.run_id)?;
        self.in_repo(&input.repo, |id| async move {
            let path = format!("/repos/{id}/pipelines/{number}/cancel");
            match self.request(Method::POST, &path, &[], None).await {
                Ok(_) => {
                    let pipeline = self
                        .pipeline(id, number)
                        .await
                        .after_write(number, "reading the cancelled run back")?;
                    run(id, &pipeline, &self.web).after_write(number, "reading the cancelled run back")
                }
                Err(ProviderError::Invalid(message)) => {
                    let pipeline = self.pipeline(id, number).await?;
                    let current = run(id, &pipeline, &self.web)?;
                    if current.status.is_finished() {
                        return Err(ProviderError::Conflict(format!(
                            "run {number} of `{}` already finished ({}, Woodpecker's `{}`); only a pending, running or blocked pipeline can be cancelled",
                            input.repo,
                            status_word(&current),
                            pipeline.status
                        )));
                    }
                    Err(ProviderError::Invalid(message))
                }
                Err(error) => Err(not_found(error, format!("run {number} of `{}`", input.repo))),
            }
        })
        .await
    }

    async fn runs_logs(
        &self,
        input: &mosaic_core::input::ci::RunLogsGet,
    ) -> Result<mosaic_core::model::RunLogs, ProviderError> {
        self.logs(input).await
    }
}

/// The unified status's word (`success`).
fn status_word(run: &Run) -> String {
    serde_json::to_value(run.status)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A bare 404 as one naming what is missing.
fn not_found(error: ProviderError, what: String) -> ProviderError {
    match error {
        ProviderError::NotFound(_) => ProviderError::NotFound(what),
        other => other,
    }
}

/// A trigger answered 204: with `Pipeline-Filtered: true`, every workflow was filtered out
/// and nothing started; without it, Woodpecker said nothing of what it did.
fn no_pipeline(headers: &reqwest::header::HeaderMap, repo: &str, branch: &str) -> ProviderError {
    let filtered = headers
        .get("pipeline-filtered")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("true"));
    if filtered {
        return ProviderError::Invalid(format!(
            "no workflow of `{repo}` runs for a manual trigger of `{branch}`: Woodpecker filtered every one out (their `when` conditions exclude the `manual` event or this branch), and nothing was started"
        ));
    }
    unconfirmed(
        None,
        "Woodpecker answered 204 without a pipeline and without `Pipeline-Filtered`",
    )
}
