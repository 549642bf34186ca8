//! Merge requests and merges, by `iid`.

use super::{
    Answer, Params, bad_param, find_project, is_draft_title, json_body, message, not_found, paged,
    parse_iid, project_name, refused, render,
};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{Forge, Pull, PullState};
use mosaic_fake_kit::server::FakeState;
use serde_json::Value;
use std::sync::Arc;

type Shared = State<Arc<FakeState>>;

/// `GET /projects/{id}/merge_requests`: `state` (default `all`), newest first.
pub(super) async fn list(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let wanted = params.get("state").map_or("all", String::as_str);
    let keep = |pull: &Pull| match wanted {
        "opened" => Some(pull.state == PullState::Open),
        "closed" => Some(pull.state == PullState::Closed),
        "merged" => Some(pull.state == PullState::Merged),
        // `locked` is a merge under way, which the fake's merges never leave behind.
        "locked" => Some(false),
        "all" => Some(true),
        _ => None,
    };
    let items: Vec<Value> = {
        let forge = state.forge();
        let Some(repo) = find_project(&forge, &id) else {
            return not_found("Project");
        };
        let mut pulls = Vec::new();
        for pull in &repo.pulls {
            match keep(pull) {
                Some(true) => pulls.push(pull),
                Some(false) => {}
                None => return bad_param("state does not have a valid value"),
            }
        }
        pulls.sort_by_key(|pull| std::cmp::Reverse(pull.number));
        pulls
            .into_iter()
            .map(|pull| render::merge_request(&state.origin, &forge, repo, pull))
            .collect()
    };
    paged(&state, &uri, &params, &items)
}

/// Merge request `iid` of project `id` rendered, or GitLab's 404.
fn rendered(state: &FakeState, forge: &Forge, id: &str, iid: u64) -> Response {
    let Some(repo) = find_project(forge, id) else {
        return not_found("Project");
    };
    match repo.pulls.iter().find(|pull| pull.number == iid) {
        Some(pull) => Json(render::merge_request(&state.origin, forge, repo, pull)).into_response(),
        None => not_found("Merge Request"),
    }
}

/// `GET /projects/{id}/merge_requests/{iid}`.
pub(super) async fn get_one(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
) -> Response {
    let iid = match parse_iid("merge_request_iid", &iid) {
        Ok(iid) => iid,
        Err(response) => return *response,
    };
    rendered(&state, &state.forge(), &id, iid)
}

/// A required string field, as Grape checks it.
fn required<'b>(body: &'b serde_json::Map<String, Value>, field: &str) -> Answer<&'b str> {
    match body.get(field) {
        None => Err(Box::new(bad_param(format!("{field} is missing")))),
        Some(Value::String(text)) if !text.is_empty() => Ok(text),
        Some(_) => Err(Box::new(bad_param(format!("{field} is empty")))),
    }
}

/// `POST /projects/{id}/merge_requests`, refused as GitLab refuses: 422 for branches that
/// cannot be merged into each other, 409 when the branches already have an open one.
pub(super) async fn create(State(state): Shared, Path(id): Path<String>, body: Bytes) -> Response {
    let body = match json_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let fields = (
        required(&body, "title"),
        required(&body, "source_branch"),
        required(&body, "target_branch"),
    );
    let (title, source, target) = match fields {
        (Ok(title), Ok(source), Ok(target)) => (title, source, target),
        (Err(response), _, _) | (_, Err(response), _) | (_, _, Err(response)) => {
            return *response;
        }
    };
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(repo) = find_project(&forge, &id) else {
        return not_found("Project");
    };
    let project = repo.full_name();
    if source == target {
        return refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "You can't use same project/branch for source and target",
        );
    }
    for (kind, branch) in [("Source", source), ("Target", target)] {
        if repo.branch(branch).is_none() {
            return refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("{kind} branch \"{branch}\" does not exist"),
            );
        }
    }
    if let Some(open) = repo.pulls.iter().find(|pull| {
        pull.state == PullState::Open && pull.source == source && pull.target == target
    }) {
        return refused(
            StatusCode::CONFLICT,
            format!(
                "Another open merge request already exists for this source branch: !{}",
                open.number
            ),
        );
    }
    let Some(opened) = forge.open_pull(&project, title, source, target, &caller) else {
        return not_found("Project");
    };
    if let Some(pull) = forge
        .repo_mut(&project)
        .and_then(|repo| repo.pull_mut(opened.number))
    {
        pull.body = body
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        pull.draft = is_draft_title(title);
    }
    let mut response = rendered(&state, &forge, &project, opened.number);
    *response.status_mut() = StatusCode::CREATED;
    response
}

/// `PUT /projects/{id}/merge_requests/{iid}/merge`: a bare 405 for a merge request that
/// cannot be merged (merged, closed, draft, conflicts), as GitLab answers.
pub(super) async fn merge(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let iid = match parse_iid("merge_request_iid", &iid) {
        Ok(iid) => iid,
        Err(response) => return *response,
    };
    let body = match json_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let squash = match body.get("squash") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(squash)) => *squash,
        Some(_) => return bad_param("squash is invalid"),
    };
    let mut forge = state.forge();
    let Some(project) = project_name(&forge, &id) else {
        return not_found("Project");
    };
    let Some(pull) = forge
        .repo(&project)
        .and_then(|repo| repo.pulls.iter().find(|pull| pull.number == iid))
        .cloned()
    else {
        return not_found("Merge Request");
    };
    if pull.state != PullState::Open || pull.draft || !pull.mergeable {
        return message(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed");
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    let commit_message = if squash {
        text("squash_commit_message").unwrap_or_else(|| pull.title.clone())
    } else {
        text("merge_commit_message").unwrap_or_else(|| {
            format!(
                "Merge branch '{}' into '{}'\n\n{}\n\nSee merge request {project}!{iid}",
                pull.source, pull.target, pull.title
            )
        })
    };
    match forge.merge(&project, iid, &commit_message) {
        Some(Ok(_)) => {}
        Some(Err(_)) => return message(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed"),
        None => return not_found("Merge Request"),
    }
    let Some(repo) = forge.repo(&project) else {
        return not_found("Project");
    };
    let Some(merged) = repo.pulls.iter().find(|pull| pull.number == iid) else {
        return not_found("Merge Request");
    };
    let mut answer = render::merge_request(&state.origin, &forge, repo, merged);
    answer["squash"] = Value::Bool(squash);
    Json(answer).into_response()
}
