//! Issues, by `iid`.

use super::{
    Answer, Params, bad_param, find_project, ids, invalid_field, json_body, names, not_found,
    paged, parse_iid, project_name, render,
};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{Forge, Issue, Label};
use mosaic_fake_kit::server::FakeState;
use serde_json::{Map, Value};
use std::sync::Arc;

type Shared = State<Arc<FakeState>>;

/// What GitLab says to an update without any field it knows.
const NOTHING_TO_UPDATE: &str = "assignee_id, assignee_ids, confidential, created_at, description, discussion_locked, due_date, labels, add_labels, remove_labels, milestone_id, state_event, title, issue_type, weight, epic_id, epic_iid are missing, at least one parameter must be provided";

/// Whether `issue` passes GitLab's `labels` filter: every name, or `None` (no label) and
/// `Any` (some label).
fn labelled(issue: &Issue, filter: &str) -> bool {
    let wanted: Vec<&str> = filter
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    match wanted.as_slice() {
        ["None"] => issue.labels.is_empty(),
        ["Any"] => !issue.labels.is_empty(),
        names => names
            .iter()
            .all(|name| issue.labels.iter().any(|l| l == name)),
    }
}

/// `GET /projects/{id}/issues`: `state` (default `all`), `labels`, newest first.
pub(super) async fn list(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let wanted = params.get("state").map_or("all", String::as_str);
    if !matches!(wanted, "opened" | "closed" | "all") {
        return bad_param("state does not have a valid value");
    }
    let items: Vec<Value> = {
        let forge = state.forge();
        let Some(repo) = find_project(&forge, &id) else {
            return not_found("Project");
        };
        let mut issues: Vec<&Issue> = repo
            .issues
            .iter()
            .filter(|issue| match wanted {
                "opened" => issue.open,
                "closed" => !issue.open,
                _ => true,
            })
            .filter(|issue| {
                params
                    .get("labels")
                    .is_none_or(|filter| labelled(issue, filter))
            })
            .collect();
        issues.sort_by_key(|issue| std::cmp::Reverse(issue.number));
        issues
            .into_iter()
            .map(|issue| render::issue(&state.origin, &forge, repo, issue))
            .collect()
    };
    paged(&state, &uri, &params, &items)
}

/// The issue `iid` of project `id` rendered, or GitLab's 404.
fn rendered(state: &FakeState, forge: &Forge, id: &str, iid: u64) -> Response {
    let Some(repo) = find_project(forge, id) else {
        return not_found("Project");
    };
    match repo.issues.iter().find(|issue| issue.number == iid) {
        Some(issue) => Json(render::issue(&state.origin, forge, repo, issue)).into_response(),
        None => not_found("Issue"),
    }
}

/// `GET /projects/{id}/issues/{iid}`.
pub(super) async fn get_one(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
) -> Response {
    let iid = match parse_iid("issue_iid", &iid) {
        Ok(iid) => iid,
        Err(response) => return *response,
    };
    rendered(&state, &state.forge(), &id, iid)
}

/// Label names as the project's labels, creating the ones it does not have, as GitLab does.
fn ensure_labels(forge: &mut Forge, project: &str, wanted: &[String]) -> Vec<String> {
    let known: Vec<String> = forge
        .repo(project)
        .map(|repo| repo.labels.iter().map(|label| label.name.clone()).collect())
        .unwrap_or_default();
    let mut names: Vec<String> = Vec::new();
    for name in wanted {
        if names.contains(name) {
            continue;
        }
        if !known.contains(name) {
            let id = forge.next_id();
            if let Some(repo) = forge.repo_mut(project) {
                repo.labels.push(Label {
                    id,
                    name: name.clone(),
                    color: "6699cc".into(),
                });
            }
        }
        names.push(name.clone());
    }
    names
}

/// User ids as logins; GitLab leaves out ids of nobody.
fn logins(forge: &Forge, ids: &[u64]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| forge.user_by_id(*id))
        .map(|user| user.login.clone())
        .collect()
}

/// The `labels` and `assignee_ids` of a body, as GitLab reads them.
struct Fields {
    labels: Option<Vec<String>>,
    assignee_ids: Option<Vec<u64>>,
}

fn fields(body: &Map<String, Value>) -> Answer<Fields> {
    let labels = match body.get("labels") {
        None => None,
        Some(value) => Some(names(value).ok_or_else(|| Box::new(bad_param("labels is invalid")))?),
    };
    let assignee_ids = match body.get("assignee_ids") {
        None => None,
        Some(value) => {
            Some(ids(value).ok_or_else(|| Box::new(bad_param("assignee_ids is invalid")))?)
        }
    };
    Ok(Fields {
        labels,
        assignee_ids,
    })
}

/// A title that is present must not be blank (GitLab's model validation).
fn title_of(body: &Map<String, Value>) -> Answer<Option<String>> {
    match body.get("title") {
        None => Ok(None),
        Some(Value::String(title)) if !title.trim().is_empty() => Ok(Some(title.clone())),
        Some(Value::String(_) | Value::Null) => {
            Err(Box::new(invalid_field("title", "can't be blank")))
        }
        Some(_) => Err(Box::new(bad_param("title is invalid"))),
    }
}

/// `POST /projects/{id}/issues`.
pub(super) async fn create(State(state): Shared, Path(id): Path<String>, body: Bytes) -> Response {
    let body = match json_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    if !body.contains_key("title") {
        return bad_param("title is missing");
    }
    let (title, fields) = match (title_of(&body), fields(&body)) {
        (Ok(title), Ok(fields)) => (title.unwrap_or_default(), fields),
        (Err(response), _) | (_, Err(response)) => return *response,
    };
    let description = body
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(project) = project_name(&forge, &id) else {
        return not_found("Project");
    };
    let labels = ensure_labels(&mut forge, &project, &fields.labels.unwrap_or_default());
    let assignees = logins(&forge, &fields.assignee_ids.unwrap_or_default());
    let Some(opened) = forge.open_issue(&project, &title, description, &caller) else {
        return not_found("Project");
    };
    if let Some(issue) = forge
        .repo_mut(&project)
        .and_then(|repo| repo.issue_mut(opened.number))
    {
        issue.labels = labels;
        issue.assignees = assignees;
    }
    let mut response = rendered(&state, &forge, &project, opened.number);
    *response.status_mut() = StatusCode::CREATED;
    response
}

/// `PUT /projects/{id}/issues/{iid}`: only the fields given change; at least one is needed.
pub(super) async fn edit(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let iid = match parse_iid("issue_iid", &iid) {
        Ok(iid) => iid,
        Err(response) => return *response,
    };
    let body = match json_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let known = [
        "title",
        "description",
        "state_event",
        "labels",
        "assignee_ids",
    ];
    if !known.iter().any(|field| body.contains_key(*field)) {
        return bad_param(NOTHING_TO_UPDATE);
    }
    let (title, fields) = match (title_of(&body), fields(&body)) {
        (Ok(title), Ok(fields)) => (title, fields),
        (Err(response), _) | (_, Err(response)) => return *response,
    };
    let open = match body.get("state_event").map(|event| event.as_str()) {
        None => None,
        Some(Some("close")) => Some(false),
        Some(Some("reopen")) => Some(true),
        Some(_) => return bad_param("state_event does not have a valid value"),
    };
    let mut forge = state.forge();
    let Some(project) = project_name(&forge, &id) else {
        return not_found("Project");
    };
    if forge
        .repo(&project)
        .and_then(|repo| repo.issues.iter().find(|i| i.number == iid))
        .is_none()
    {
        return not_found("Issue");
    }
    let labels = fields
        .labels
        .map(|names| ensure_labels(&mut forge, &project, &names));
    let assignees = fields.assignee_ids.map(|ids| logins(&forge, &ids));
    let now = forge.now();
    if let Some(issue) = forge
        .repo_mut(&project)
        .and_then(|repo| repo.issue_mut(iid))
    {
        if let Some(title) = title {
            issue.title = title;
        }
        if let Some(description) = body.get("description") {
            issue.body = description.as_str().map(str::to_owned);
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
    }
    rendered(&state, &forge, &project, iid)
}
