//! A repository's pipelines (`server/api/pipeline.go`): the list, a manual trigger, one
//! pipeline with its workflows, cancel, and one step's log.

use crate::{MAX_PER_PAGE, WoodpeckerState, bare, number_of, render, text};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::builds::{Builds, CancelRefused};
use mosaic_fake_kit::paging::page_of;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The full name of repository `repo_id`, or Woodpecker's bare 404.
fn repo_name(builds: &Builds, repo_id: &str) -> Result<String, Response> {
    let id = number_of(repo_id)?;
    builds
        .repository_by_id(id)
        .map(|repository| repository.full_name.clone())
        .ok_or_else(|| bare(StatusCode::NOT_FOUND))
}

/// The id of the build numbered `number` in repository `repo_id`, or Woodpecker's answer.
fn build_at(builds: &Builds, repo_id: &str, number: &str) -> Result<u64, Response> {
    let repo = repo_name(builds, repo_id)?;
    let number = number_of(number)?;
    render::numbered(builds, &repo, number)
        .map(|build| build.id)
        .ok_or_else(|| bare(StatusCode::NOT_FOUND))
}

/// `GET /repos/{id}/pipelines`: newest first, `page` and `perPage` as
/// `session.Pagination` reads them, filtered by `branch` and `status` as 3.x does.
pub async fn list(
    State(state): State<Arc<WoodpeckerState>>,
    Path(repo_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let builds = state.data();
    let repo = match repo_name(&builds, &repo_id) {
        Ok(repo) => repo,
        Err(refusal) => return refusal,
    };
    let number = |name: &str| query.get(name).and_then(|text| text.parse::<i64>().ok());
    let page = number("page").filter(|page| *page >= 1).unwrap_or(1);
    let per_page = number("perPage")
        .filter(|size| (1..=MAX_PER_PAGE as i64).contains(size))
        .unwrap_or(MAX_PER_PAGE as i64);
    let all: Vec<Value> = builds
        .builds_of(&repo)
        .map(|build| render::pipeline(&builds, build, false))
        .filter(|pipeline| {
            query
                .get("branch")
                .is_none_or(|branch| pipeline["branch"] == branch.as_str())
        })
        .filter(|pipeline| {
            query
                .get("status")
                .is_none_or(|status| pipeline["status"] == status.as_str())
        })
        .collect();
    let (items, _, _) = page_of(&all, page as u32, per_page as u32);
    Json(items).into_response()
}

/// `model.PipelineOptions`.
#[derive(Deserialize)]
pub struct Options {
    #[serde(default)]
    branch: String,
    #[serde(default)]
    variables: BTreeMap<String, String>,
}

/// `POST /repos/{id}/pipelines`: a manual pipeline of the repository's first definition;
/// without one, Woodpecker's answer when every workflow is filtered out.
pub async fn trigger(
    State(state): State<Arc<WoodpeckerState>>,
    Path(repo_id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let Ok(options) = serde_json::from_slice::<Options>(&body) else {
        return text(StatusCode::BAD_REQUEST, "invalid character in request body");
    };
    let mut builds = state.data();
    let repo = match repo_name(&builds, &repo_id) {
        Ok(repo) => repo,
        Err(refusal) => return refusal,
    };
    if options.branch.trim().is_empty() {
        // `BranchHead` of an empty branch fails at the forge.
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "could not fetch branch head: branch not found",
        );
    }
    let Some(definition) = builds
        .pipelines_of(&repo)
        .next()
        .map(|pipeline| pipeline.id)
    else {
        let mut response = StatusCode::NO_CONTENT.into_response();
        response
            .headers_mut()
            .insert("pipeline-filtered", HeaderValue::from_static("true"));
        return response;
    };
    let Some(id) = builds.trigger(definition, &options.branch, "manual", options.variables) else {
        return bare(StatusCode::NOT_FOUND);
    };
    let build = builds.build(id).expect("the build just triggered").clone();
    Json(render::pipeline(&builds, &build, true)).into_response()
}

/// `GET /repos/{id}/pipelines/{number}`: the pipeline with its workflows, its build moved on
/// one stage first.
pub async fn read(
    State(state): State<Arc<WoodpeckerState>>,
    Path((repo_id, number)): Path<(String, String)>,
) -> Response {
    let mut builds = state.data();
    let id = match build_at(&builds, &repo_id, &number) {
        Ok(id) => id,
        Err(refusal) => return refusal,
    };
    builds.advance(id);
    let build = builds.build(id).expect("the build just read").clone();
    Json(render::pipeline(&builds, &build, true)).into_response()
}

/// `POST /repos/{id}/pipelines/{number}/cancel`: 204, or Woodpecker's 400 for a pipeline
/// that is not pending, running or blocked.
pub async fn cancel(
    State(state): State<Arc<WoodpeckerState>>,
    Path((repo_id, number)): Path<(String, String)>,
) -> Response {
    let mut builds = state.data();
    let id = match build_at(&builds, &repo_id, &number) {
        Ok(id) => id,
        Err(refusal) => return refusal,
    };
    match builds.cancel(id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(CancelRefused::Finished) => text(
            StatusCode::BAD_REQUEST,
            "Cannot cancel a non-running or non-pending or non-blocked pipeline",
        ),
        Err(CancelRefused::Missing) => bare(StatusCode::NOT_FOUND),
    }
}

/// `GET /repos/{id}/logs/{number}/{step_id}`: the step's lines so far.
pub async fn logs(
    State(state): State<Arc<WoodpeckerState>>,
    Path((repo_id, number, step_id)): Path<(String, String, String)>,
) -> Response {
    let builds = state.data();
    let found = repo_name(&builds, &repo_id)
        .and_then(|repo| Ok((repo, number_of(&number)?, number_of(&step_id)?)));
    let (repo, number, step_id) = match found {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let Some(build) = render::numbered(&builds, &repo, number) else {
        return bare(StatusCode::NOT_FOUND);
    };
    match render::step_index(build, step_id) {
        Some(index) => Json(render::log_lines(build, index)).into_response(),
        None => bare(StatusCode::NOT_FOUND),
    }
}
