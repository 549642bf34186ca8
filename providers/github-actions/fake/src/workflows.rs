//! Workflows: the list, and `workflow_dispatch` with or without the run's details.

use super::{Params, Shared, WEB_ROOT, error, find_repo, find_workflow, not_found, paged, render};
use axum::Json;
use axum::extract::{OriginalUri, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// `GET /repos/{owner}/{repo}/actions/workflows`, in creation order.
pub async fn list(
    state: Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    params: Params,
) -> Response {
    let items = {
        let builds = state.data();
        let Some(repo) = find_repo(&builds, &owner, &name) else {
            return not_found();
        };
        let api = state.base_url();
        builds
            .pipelines_of(&repo.full_name)
            .map(|pipeline| render::workflow(&api, pipeline))
            .collect()
    };
    paged(&state, &uri, &params, "workflows", items)
}

/// `POST …/workflows/{workflow_id}/dispatches` as github.com answers it.
pub async fn dispatch(
    state: Shared,
    Path((owner, name, workflow)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> Response {
    dispatched(&state, &owner, &name, &workflow, &body, false)
}

/// The same on an older Enterprise Server, which knows no `return_run_details`.
pub async fn dispatch_legacy(
    state: Shared,
    Path((owner, name, workflow)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> Response {
    dispatched(&state, &owner, &name, &workflow, &body, true)
}

fn dispatched(
    state: &Shared,
    owner: &str,
    name: &str,
    workflow: &str,
    body: &Value,
    legacy: bool,
) -> Response {
    if legacy && body.get("return_run_details").is_some() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid request.\n\n\"return_run_details\" is not a permitted key.",
        );
    }
    let Some(git_ref) = body.get("ref").and_then(Value::as_str) else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid request.\n\n\"ref\" wasn't supplied.",
        );
    };
    let is_sha = git_ref.len() == 40 && git_ref.chars().all(|c| c.is_ascii_hexdigit());
    let short = git_ref
        .strip_prefix("refs/heads/")
        .or_else(|| git_ref.strip_prefix("refs/tags/"))
        .unwrap_or(git_ref);
    if is_sha || short.is_empty() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("No ref found for: {git_ref}"),
        );
    }
    let mut builds = state.data();
    let Some(repo) = find_repo(&builds, owner, name).map(|repo| repo.full_name.clone()) else {
        return not_found();
    };
    let Some(pipeline) = find_workflow(&builds, &repo, workflow).cloned() else {
        return not_found();
    };
    let inputs: BTreeMap<String, String> = match body.get("inputs") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(given)) => given
            .iter()
            .map(|(key, value)| {
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                (key.clone(), text)
            })
            .collect(),
        Some(_) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Invalid request.\n\nFor 'properties/inputs', it is not an object.",
            );
        }
    };
    let unexpected: Vec<&String> = inputs
        .keys()
        .filter(|key| !pipeline.inputs.contains(key))
        .collect();
    if !unexpected.is_empty() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Unexpected inputs provided: {unexpected:?}"),
        );
    }
    let Some(id) = builds.trigger(pipeline.id, short, "workflow_dispatch", inputs) else {
        return not_found();
    };
    if body.get("return_run_details") != Some(&Value::Bool(true)) {
        return StatusCode::NO_CONTENT.into_response();
    }
    let api = state.base_url();
    Json(json!({
        "workflow_run_id": id,
        "run_url": format!("{api}/repos/{repo}/actions/runs/{id}"),
        "html_url": format!("{WEB_ROOT}/{repo}/actions/runs/{id}"),
    }))
    .into_response()
}
