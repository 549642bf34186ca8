//! Issues and their comments; pull requests take part as the issues they also are.

use super::{
    Params, Shared, created, field_error, find_repo, not_found, paged, parse_number, render,
    validation_failed,
};
use axum::Json;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{Forge, Label, PullState};
use serde_json::{Value, json};

/// What a request got wrong: the entries of a 422's `errors[]`.
type Invalid = Vec<Value>;

/// `state` of a list: `open` (default), `closed` or `all`.
fn state_filter(params: &std::collections::HashMap<String, String>) -> Result<&str, Invalid> {
    let state = params.get("state").map_or("open", String::as_str);
    if matches!(state, "open" | "closed" | "all") {
        Ok(state)
    } else {
        Err(vec![field_error("Issue", "state", "invalid")])
    }
}

fn keeps(state: &str, open: bool) -> bool {
    match state {
        "open" => open,
        "closed" => !open,
        _ => true,
    }
}

/// `GET …/issues`: issues and pull requests, newest first; `labels` keeps items carrying
/// every named label (pull requests here carry none).
pub async fn list(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let wanted = match state_filter(&params) {
        Ok(wanted) => wanted.to_owned(),
        Err(errors) => return validation_failed(errors),
    };
    let labels: Vec<String> = params
        .get("labels")
        .map(|labels| labels.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let items = {
        let forge = state.forge();
        let Some(repo) = find_repo(&forge, &owner, &name) else {
            return not_found();
        };
        let api = state.base_url();
        let mut entries: Vec<(u64, Value)> = repo
            .issues
            .iter()
            .filter(|issue| keeps(&wanted, issue.open))
            .filter(|issue| labels.iter().all(|label| issue.labels.contains(label)))
            .map(|issue| (issue.number, render::issue(&forge, &api, repo, issue)))
            .collect();
        if labels.is_empty() {
            entries.extend(
                repo.pulls
                    .iter()
                    .filter(|pull| keeps(&wanted, pull.state == PullState::Open))
                    .map(|pull| (pull.number, render::pull_as_issue(&forge, &api, repo, pull))),
            );
        }
        entries.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        entries.into_iter().map(|(_, json)| json).collect()
    };
    paged(&state, &uri, &params, items)
}

/// `GET …/issues/{n}`: an issue, or a pull request's issue view.
pub async fn get(
    State(state): Shared,
    Path((owner, name, number)): Path<(String, String, String)>,
) -> Response {
    let forge = state.forge();
    let (Some(repo), Some(number)) = (find_repo(&forge, &owner, &name), parse_number(&number))
    else {
        return not_found();
    };
    let api = state.base_url();
    if let Some(issue) = repo.issues.iter().find(|issue| issue.number == number) {
        return Json(render::issue(&forge, &api, repo, issue)).into_response();
    }
    match repo.pulls.iter().find(|pull| pull.number == number) {
        Some(pull) => Json(render::pull_as_issue(&forge, &api, repo, pull)).into_response(),
        None => not_found(),
    }
}

/// Label names of a body, creating those the repository lacks, as GitHub does.
fn labels_of(forge: &mut Forge, full: &str, value: Option<&Value>) -> Result<Vec<String>, Invalid> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let Some(items) = value.as_array() else {
        return Err(vec![field_error("Issue", "labels", "invalid")]);
    };
    let mut names = Vec::new();
    for item in items {
        let name = match item {
            Value::String(name) if !name.trim().is_empty() => name.clone(),
            Value::Object(label) => match label.get("name").and_then(Value::as_str) {
                Some(name) => name.to_owned(),
                None => {
                    return Err(vec![field_error("Label", "name", "missing_field")]);
                }
            },
            _ => {
                return Err(vec![field_error("Issue", "labels", "invalid")]);
            }
        };
        let known = forge
            .repo(full)
            .is_some_and(|repo| repo.labels.iter().any(|label| label.name == name));
        if !known {
            let id = forge.next_id();
            if let Some(repo) = forge.repo_mut(full) {
                repo.labels.push(Label {
                    id,
                    name: name.clone(),
                    color: "ededed".into(),
                });
            }
        }
        names.push(name);
    }
    Ok(names)
}

/// Assignee logins of a body; a login that is no user is a 422 naming it.
fn assignees_of(forge: &Forge, value: Option<&Value>) -> Result<Vec<String>, Invalid> {
    let logins: Vec<String> = match value {
        None => return Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().unwrap_or_default().to_owned())
            .collect(),
        Some(_) => {
            return Err(vec![field_error("Issue", "assignees", "invalid")]);
        }
    };
    match logins.iter().find(|login| forge.user(login).is_none()) {
        Some(unknown) => {
            let mut problem = field_error("Issue", "assignees", "invalid");
            problem["value"] = json!(unknown);
            Err(vec![problem])
        }
        None => Ok(logins),
    }
}

/// `POST …/issues`.
pub async fn create(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let title = body["title"].as_str().unwrap_or_default().trim().to_owned();
    if title.is_empty() {
        return validation_failed(vec![field_error("Issue", "title", "missing_field")]);
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(full) = find_repo(&forge, &owner, &name).map(mosaic_fake_kit::forge::Repo::full_name)
    else {
        return not_found();
    };
    let assignees = match assignees_of(&forge, body.get("assignees")) {
        Ok(assignees) => assignees,
        Err(errors) => return validation_failed(errors),
    };
    let labels = match labels_of(&mut forge, &full, body.get("labels")) {
        Ok(labels) => labels,
        Err(errors) => return validation_failed(errors),
    };
    let text = body["body"].as_str().map(str::to_owned);
    let Some(opened) = forge.open_issue(&full, &title, text, &caller) else {
        return not_found();
    };
    let repo = forge
        .repo_mut(&full)
        .expect("the issue was just opened here");
    let issue = repo.issue_mut(opened.number).expect("just opened");
    issue.labels = labels;
    issue.assignees = assignees;
    let issue = issue.clone();
    let repo = forge.repo(&full).expect("still there");
    created(render::issue(&forge, &state.base_url(), repo, &issue))
}

/// `PATCH …/issues/{n}`: an issue's fields; on a pull request's number, its title, body and
/// state (labels and assignees of pull requests are not kept by this fake).
pub async fn update(
    State(state): Shared,
    Path((owner, name, number)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let mut forge = state.forge();
    let (Some(full), Some(number)) = (
        find_repo(&forge, &owner, &name).map(mosaic_fake_kit::forge::Repo::full_name),
        parse_number(&number),
    ) else {
        return not_found();
    };
    let title = body.get("title").and_then(Value::as_str).map(str::to_owned);
    if title
        .as_deref()
        .is_some_and(|title| title.trim().is_empty())
    {
        return validation_failed(vec![field_error("Issue", "title", "missing_field")]);
    }
    let open = match body.get("state").and_then(Value::as_str) {
        None => None,
        Some("open") => Some(true),
        Some("closed") => Some(false),
        Some(_) => return validation_failed(vec![field_error("Issue", "state", "invalid")]),
    };
    let text = body.get("body").and_then(Value::as_str).map(str::to_owned);
    let now = forge.now();
    let api = state.base_url();
    let repo = forge.repo_mut(&full).expect("found above");
    if let Some(pull) = repo.pull_mut(number) {
        if let Some(title) = title {
            pull.title = title;
        }
        if text.is_some() {
            pull.body = text;
        }
        match (open, pull.state) {
            (Some(false), PullState::Open) => pull.state = PullState::Closed,
            (Some(true), PullState::Closed) => pull.state = PullState::Open,
            _ => {}
        }
        pull.updated_at = now;
        let pull = pull.clone();
        let repo = forge.repo(&full).expect("still there");
        return Json(render::pull_as_issue(&forge, &api, repo, &pull)).into_response();
    }
    if repo.issue_mut(number).is_none() {
        return not_found();
    }
    let labels = match body.get("labels") {
        Some(value) => match labels_of(&mut forge, &full, Some(value)) {
            Ok(labels) => Some(labels),
            Err(errors) => return validation_failed(errors),
        },
        None => None,
    };
    let assignees = match body.get("assignees") {
        Some(value) => match assignees_of(&forge, Some(value)) {
            Ok(assignees) => Some(assignees),
            Err(errors) => return validation_failed(errors),
        },
        None => None,
    };
    let repo = forge.repo_mut(&full).expect("found above");
    let issue = repo.issue_mut(number).expect("found above");
    if let Some(title) = title {
        issue.title = title;
    }
    if text.is_some() {
        issue.body = text;
    }
    if let Some(open) = open
        && open != issue.open
    {
        issue.open = open;
        issue.closed_at = (!open).then(|| now.clone());
    }
    if let Some(labels) = labels {
        issue.labels = labels;
    }
    if let Some(assignees) = assignees {
        issue.assignees = assignees;
    }
    issue.updated_at = now;
    let issue = issue.clone();
    let repo = forge.repo(&full).expect("still there");
    Json(render::issue(&forge, &api, repo, &issue)).into_response()
}

/// `POST …/issues/{n}/comments`: on an issue or a pull request's conversation.
pub async fn comment(
    State(state): Shared,
    Path((owner, name, number)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let text = body["body"].as_str().unwrap_or_default().to_owned();
    if text.trim().is_empty() {
        return validation_failed(vec![field_error("IssueComment", "body", "missing_field")]);
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let (Some(full), Some(number)) = (
        find_repo(&forge, &owner, &name).map(mosaic_fake_kit::forge::Repo::full_name),
        parse_number(&number),
    ) else {
        return not_found();
    };
    let Some(note) = forge.comment(&full, number, &caller, &text) else {
        return not_found();
    };
    let repo = forge.repo(&full).expect("the comment was just made here");
    created(render::comment(
        &forge,
        &state.base_url(),
        repo,
        number,
        &note,
    ))
}
