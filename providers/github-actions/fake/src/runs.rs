//! Workflow runs: lists with GitHub's filters, one run (which moves it on), its jobs, cancel,
//! and a job's log as a redirect to the log storage host.

use super::render::{self, JOBS_PER_RUN};
use super::{Params, Shared, blobs, error, find_repo, find_workflow, not_found, paged};
use axum::Json;
use axum::extract::{OriginalUri, Path};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::builds::{Build, CancelRefused};
use serde_json::json;
use std::collections::HashMap;

/// Whether a run passes the list filters GitHub takes: `branch`, `event`, `status` (a
/// status or a conclusion) and `created` (`>=TIME`, the only form the adapter sends).
fn kept(build: &Build, params: &HashMap<String, String>) -> bool {
    let is = |name: &str, value: &str| params.get(name).is_none_or(|wanted| wanted == value);
    let created = params.get("created").is_none_or(|filter| {
        filter
            .strip_prefix(">=")
            .is_some_and(|since| build.created_at.as_str() >= since)
    });
    is("branch", &build.git_ref)
        && is("event", &build.event)
        && params
            .get("status")
            .is_none_or(|status| render::has_status(build, status))
        && created
}

/// `GET /repos/{owner}/{repo}/actions/runs`, newest first.
pub async fn list(
    state: Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    params: Params,
) -> Response {
    listed(&state, &owner, &name, None, &uri, &params)
}

/// `GET …/actions/workflows/{workflow_id}/runs`, newest first.
pub async fn of_workflow(
    state: Shared,
    Path((owner, name, workflow)): Path<(String, String, String)>,
    uri: OriginalUri,
    params: Params,
) -> Response {
    listed(&state, &owner, &name, Some(&workflow), &uri, &params)
}

fn listed(
    state: &Shared,
    owner: &str,
    name: &str,
    workflow: Option<&str>,
    uri: &OriginalUri,
    params: &HashMap<String, String>,
) -> Response {
    let items = {
        let builds = state.data();
        let Some(repo) = find_repo(&builds, owner, name) else {
            return not_found();
        };
        let pipeline = match workflow {
            None => None,
            Some(workflow) => match find_workflow(&builds, &repo.full_name, workflow) {
                Some(pipeline) => Some(pipeline.id),
                None => return not_found(),
            },
        };
        let api = state.base_url();
        builds
            .builds_of(&repo.full_name)
            .filter(|build| pipeline.is_none_or(|id| build.pipeline == id))
            .filter(|build| kept(build, params))
            .map(|build| render::run(&api, &builds, build))
            .collect()
    };
    paged(state, uri, params, "workflow_runs", items)
}

/// The id of run `run` of `owner/name`, if the repository has it.
fn run_of(state: &Shared, owner: &str, name: &str, run: &str) -> Option<u64> {
    let builds = state.data();
    let repo = find_repo(&builds, owner, name)?;
    let id = run.parse().ok()?;
    let build = builds.build(id)?;
    build
        .repo
        .eq_ignore_ascii_case(&repo.full_name)
        .then_some(id)
}

/// `GET …/actions/runs/{run_id}`: the run, moved on one stage first.
pub async fn get(
    state: Shared,
    Path((owner, name, run)): Path<(String, String, String)>,
) -> Response {
    let Some(id) = run_of(&state, &owner, &name, &run) else {
        return not_found();
    };
    let mut builds = state.data();
    builds.advance(id);
    let build = builds.build(id).expect("the run was just found");
    Json(render::run(&state.base_url(), &builds, build)).into_response()
}

/// `GET …/actions/runs/{run_id}/jobs`: the run's jobs as they are; only a read of the run
/// itself moves it on, so a run and the jobs read after it agree.
pub async fn jobs(
    state: Shared,
    Path((owner, name, run)): Path<(String, String, String)>,
    uri: OriginalUri,
    params: Params,
) -> Response {
    let Some(id) = run_of(&state, &owner, &name, &run) else {
        return not_found();
    };
    let items = {
        let builds = state.data();
        let build = builds.build(id).expect("the run was just found");
        render::jobs(&state.base_url(), build)
    };
    paged(&state, &uri, &params, "jobs", items)
}

/// `POST …/runs/{run_id}/cancel` and `…/force-cancel`: 202, or 409 once finished.
pub async fn cancel(
    state: Shared,
    Path((owner, name, run)): Path<(String, String, String)>,
) -> Response {
    let Some(id) = run_of(&state, &owner, &name, &run) else {
        return not_found();
    };
    let cancelled = state.data().cancel(id);
    match cancelled {
        Ok(()) => (StatusCode::ACCEPTED, Json(json!({}))).into_response(),
        Err(CancelRefused::Finished) => error(
            StatusCode::CONFLICT,
            "Cannot cancel a workflow run that is completed.",
        ),
        Err(CancelRefused::Missing) => not_found(),
    }
}

/// `GET …/actions/jobs/{job_id}/logs`: `302 Found` to the log on the storage host, for a job
/// that has started; the download's id is noted in the fake's notes (`blob N`).
pub async fn job_logs(
    state: Shared,
    Path((owner, name, job)): Path<(String, String, String)>,
) -> Response {
    let Ok(job) = job.parse::<u64>() else {
        return not_found();
    };
    let (run, index) = (job / JOBS_PER_RUN, job % JOBS_PER_RUN);
    let Some(id) = run_of(&state, &owner, &name, &run.to_string()) else {
        return not_found();
    };
    let log = {
        let builds = state.data();
        let build = builds.build(id).expect("the run was just found");
        let started = build.started_steps();
        let Some(step) = index.checked_sub(1).and_then(|at| started.get(at as usize)) else {
            return not_found();
        };
        step.lines
            .iter()
            .map(|line| format!("{line}\n"))
            .collect::<String>()
    };
    let (blob, url) = blobs::host().put(log);
    state.note(format!("blob {blob}"));
    let mut response = StatusCode::FOUND.into_response();
    response.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&url).expect("a loopback URL is a header value"),
    );
    response
}
