//! Issues, their labels and comments. Pull requests are issues to Gitea, so the issue routes
//! find them too.

use super::{
    Params, api_error, find_repo, json_body, not_found, paged, parse_index, render, required,
};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{Forge, PullState, Repo};
use mosaic_fake_kit::server::FakeState;
use serde_json::Value;
use std::sync::Arc;

type Shared = State<Arc<FakeState>>;

fn no_issue(state: &FakeState, repo: &Repo, index: u64) -> Response {
    not_found(
        state,
        &[format!(
            "issue does not exist [id: 0, repo_id: {}, index: {index}]",
            repo.id
        )],
    )
}

fn no_repo(state: &FakeState, owner: &str, name: &str) -> Response {
    not_found(
        state,
        &[format!(
            "repository does not exist [id: 0, uid: 0, owner_name: {owner}, name: {name}]"
        )],
    )
}

/// `GET /repos/{owner}/{repo}/issues`: `state` (open by default), `type`, `labels` (names;
/// those the repository lacks are dropped from the filter), newest first.
pub async fn list(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let wanted_state = params.get("state").map_or("open", String::as_str);
    let state_ok = |open: bool| match wanted_state {
        "closed" => !open,
        "all" => true,
        _ => open,
    };
    let kind = params.get("type").map_or("", String::as_str);
    let items: Vec<Value> = {
        let forge = state.forge();
        let Some(repo) = find_repo(&forge, &owner, &name) else {
            return no_repo(&state, &owner, &name);
        };
        let labels: Vec<String> = params
            .get("labels")
            .map(|names| {
                names
                    .split(',')
                    .filter(|name| repo.labels.iter().any(|label| label.name == *name))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let mut entries: Vec<(u64, Value)> = Vec::new();
        if kind != "pulls" {
            entries.extend(
                repo.issues
                    .iter()
                    .filter(|issue| state_ok(issue.open))
                    .filter(|issue| labels.iter().all(|label| issue.labels.contains(label)))
                    .map(|issue| (issue.number, render::issue(&state, &forge, repo, issue))),
            );
        }
        // Pull requests carry no labels in the fake, so a label filter leaves them out.
        if kind != "issues" && labels.is_empty() {
            entries.extend(
                repo.pulls
                    .iter()
                    .filter(|pull| state_ok(pull.state == PullState::Open))
                    .map(|pull| {
                        (
                            pull.number,
                            render::pull_as_issue(&state, &forge, repo, pull),
                        )
                    }),
            );
        }
        entries.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        entries.into_iter().map(|(_, json)| json).collect()
    };
    paged(&state, &uri, &params, &items)
}

/// `GET /repos/{owner}/{repo}/issues/{index}`: an issue, or a pull request as an issue.
pub async fn get_one(
    State(state): Shared,
    Path((owner, name, index)): Path<(String, String, String)>,
) -> Response {
    let forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return no_repo(&state, &owner, &name);
    };
    let Some(index) = parse_index(&index) else {
        return not_found(&state, &[]);
    };
    if let Some(issue) = repo.issues.iter().find(|issue| issue.number == index) {
        return Json(render::issue(&state, &forge, repo, issue)).into_response();
    }
    match repo.pulls.iter().find(|pull| pull.number == index) {
        Some(pull) => Json(render::pull_as_issue(&state, &forge, repo, pull)).into_response(),
        None => no_issue(&state, repo, index),
    }
}

/// Logins of a body's `assignees`, every one an account; Gitea's 422 otherwise.
fn assignees(
    state: &FakeState,
    forge: &Forge,
    body: &Value,
) -> Result<Option<Vec<String>>, Box<Response>> {
    let Some(list) = body.get("assignees").filter(|value| !value.is_null()) else {
        return Ok(None);
    };
    let logins: Vec<String> = list
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    match logins.iter().find(|login| forge.user(login).is_none()) {
        Some(unknown) => Err(Box::new(api_error(
            state,
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "Assignee does not exist: [name: user does not exist [uid: 0, name: {unknown}]]"
            ),
        ))),
        None => Ok(Some(logins)),
    }
}

/// The names of the repository's labels among `values` (ids, or names where Gitea takes
/// them); what the repository lacks is ignored, as Gitea ignores it.
fn label_names(repo: &Repo, values: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(values)) = values else {
        return Vec::new();
    };
    repo.labels
        .iter()
        .filter(|label| {
            values.iter().any(|value| {
                value.as_u64() == Some(label.id) || value.as_str() == Some(label.name.as_str())
            })
        })
        .map(|label| label.name.clone())
        .collect()
}

/// `POST /repos/{owner}/{repo}/issues` (`CreateIssueOption`): labels by id.
pub async fn create(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let body = match json_body(&state, &body) {
        Ok(body) => body,
        Err(refusal) => return *refusal,
    };
    let title = body["title"].as_str().unwrap_or_default().trim().to_owned();
    if title.is_empty() {
        return required(&state, "Title");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(full) = find_repo(&forge, &owner, &name).map(Repo::full_name) else {
        return no_repo(&state, &owner, &name);
    };
    let assignees = match assignees(&state, &forge, &body) {
        Ok(assignees) => assignees.unwrap_or_default(),
        Err(refusal) => return *refusal,
    };
    let repo = forge.repo(&full).expect("found above");
    let labels = label_names(repo, body.get("labels"));
    let text = body["body"]
        .as_str()
        .map(str::to_owned)
        .filter(|text| !text.is_empty());
    let closed = body["closed"].as_bool().unwrap_or(false);
    let number = forge
        .open_issue(&full, &title, text, &caller)
        .expect("the repository exists")
        .number;
    let now = forge.now();
    let repo = forge.repo_mut(&full).expect("found above");
    let issue = repo.issue_mut(number).expect("just opened");
    issue.labels = labels;
    issue.assignees = assignees;
    if closed {
        issue.open = false;
        issue.closed_at = Some(now);
    }
    let issue = issue.clone();
    let repo = forge.repo(&full).expect("found above");
    (
        StatusCode::CREATED,
        Json(render::issue(&state, &forge, repo, &issue)),
    )
        .into_response()
}

/// `PATCH /repos/{owner}/{repo}/issues/{index}` (`EditIssueOption`), for issues and pull
/// requests alike; answered with 201, as Gitea does.
pub async fn edit(
    State(state): Shared,
    Path((owner, name, index)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let body = match json_body(&state, &body) {
        Ok(body) => body,
        Err(refusal) => return *refusal,
    };
    let mut forge = state.forge();
    let Some(full) = find_repo(&forge, &owner, &name).map(Repo::full_name) else {
        return no_repo(&state, &owner, &name);
    };
    let assignees = match assignees(&state, &forge, &body) {
        Ok(assignees) => assignees,
        Err(refusal) => return *refusal,
    };
    let now = forge.now();
    let title = body["title"].as_str().filter(|title| !title.is_empty());
    let text = body["body"].as_str();
    let close = body["state"].as_str().map(|state| state == "closed");
    let repo = forge.repo_mut(&full).expect("found above");
    let index = parse_index(&index).unwrap_or(0);
    if let Some(issue) = repo.issue_mut(index) {
        if let Some(title) = title {
            issue.title = title.to_owned();
        }
        if let Some(text) = text {
            issue.body = Some(text.to_owned()).filter(|text| !text.is_empty());
        }
        if let Some(close) = close {
            issue.open = !close;
            issue.closed_at = close.then(|| now.clone());
        }
        if let Some(assignees) = assignees {
            issue.assignees = assignees;
        }
        issue.updated_at = now;
        let issue = issue.clone();
        let repo = forge.repo(&full).expect("found above");
        return (
            StatusCode::CREATED,
            Json(render::issue(&state, &forge, repo, &issue)),
        )
            .into_response();
    }
    let Some(pull) = repo.pull_mut(index) else {
        let repo = forge.repo(&full).expect("found above");
        return no_issue(&state, repo, index);
    };
    if let Some(close) = close {
        if pull.state == PullState::Merged {
            return api_error(
                &state,
                StatusCode::PRECONDITION_FAILED,
                "cannot change state of this pull request, it was already merged",
            );
        }
        pull.state = if close {
            PullState::Closed
        } else {
            PullState::Open
        };
    }
    if let Some(title) = title {
        pull.title = title.to_owned();
    }
    if let Some(text) = text {
        pull.body = Some(text.to_owned()).filter(|text| !text.is_empty());
    }
    pull.updated_at = now;
    let pull = pull.clone();
    let repo = forge.repo(&full).expect("found above");
    (
        StatusCode::CREATED,
        Json(render::pull_as_issue(&state, &forge, repo, &pull)),
    )
        .into_response()
}

/// `PUT /repos/{owner}/{repo}/issues/{index}/labels` (`IssueLabelsOption`): ids or names;
/// answers the labels the issue now carries.
pub async fn replace_labels(
    State(state): Shared,
    Path((owner, name, index)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let body = match json_body(&state, &body) {
        Ok(body) => body,
        Err(refusal) => return *refusal,
    };
    let mut forge = state.forge();
    let Some(full) = find_repo(&forge, &owner, &name).map(Repo::full_name) else {
        return no_repo(&state, &owner, &name);
    };
    let now = forge.now();
    let repo = forge.repo_mut(&full).expect("found above");
    let names = label_names(repo, body.get("labels"));
    let index = parse_index(&index).unwrap_or(0);
    let Some(issue) = repo.issue_mut(index) else {
        let repo = forge.repo(&full).expect("found above");
        return no_issue(&state, repo, index);
    };
    issue.labels = names;
    issue.updated_at = now;
    let carried = issue.labels.clone();
    let repo = forge.repo(&full).expect("found above");
    let labels: Vec<Value> = repo
        .labels
        .iter()
        .filter(|label| carried.contains(&label.name))
        .map(|label| render::label(&state, repo, label))
        .collect();
    Json(labels).into_response()
}

/// `POST /repos/{owner}/{repo}/issues/{index}/comments` (`CreateIssueCommentOption`).
pub async fn comment(
    State(state): Shared,
    Path((owner, name, index)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let body = match json_body(&state, &body) {
        Ok(body) => body,
        Err(refusal) => return *refusal,
    };
    let text = body["body"].as_str().unwrap_or_default().to_owned();
    if text.trim().is_empty() {
        return required(&state, "Body");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(full) = find_repo(&forge, &owner, &name).map(Repo::full_name) else {
        return no_repo(&state, &owner, &name);
    };
    let index = parse_index(&index).unwrap_or(0);
    let Some(note) = forge.comment(&full, index, &caller, &text) else {
        let repo = forge.repo(&full).expect("found above");
        return no_issue(&state, repo, index);
    };
    let repo = forge.repo(&full).expect("found above");
    let rendered = render::comment(&state, &forge, repo, index, &note);
    (StatusCode::CREATED, Json(rendered)).into_response()
}
