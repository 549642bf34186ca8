//! The routes of the Jira fake: projects, search, people, and work items with their
//! transitions and comments.

// A refusal here is the response a handler answers, built at most once per request; boxing
// it would only add noise.
#![allow(clippy::result_large_err)]

use super::render::{self, PRIORITIES};
use super::{JiraState, jira_error, jql, no_issue};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::tracker::{Item, Tracker};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

/// The largest page Jira serves with fields.
const MAX_RESULTS: usize = 100;

fn bad_request(message: &str) -> Response {
    jira_error(StatusCode::BAD_REQUEST, &[message], json!({}))
}

fn field_error(field: &str, message: &str) -> Response {
    jira_error(StatusCode::BAD_REQUEST, &[], json!({ field: message }))
}

fn number(params: &HashMap<String, String>, name: &str, default: usize) -> Result<usize, Response> {
    match params.get(name) {
        None => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| bad_request(&format!("The value '{text}' is invalid for {name}."))),
    }
}

fn body(bytes: &Bytes) -> Result<Value, Response> {
    serde_json::from_slice(bytes)
        .map_err(|_| bad_request("Unexpected character in the request body."))
}

pub(super) async fn myself(State(state): State<Arc<JiraState>>) -> Response {
    let tracker = state.data();
    Json(render::person(&state.origin, tracker.caller())).into_response()
}

pub(super) async fn projects(
    State(state): State<Arc<JiraState>>,
    Query(params): Params,
) -> Response {
    let (start, max) = match (
        number(&params, "startAt", 0),
        number(&params, "maxResults", 50),
    ) {
        (Ok(start), Ok(max)) => (start, max.min(MAX_RESULTS)),
        (Err(response), _) | (_, Err(response)) => return response,
    };
    let tracker = state.data();
    let mut all: Vec<_> = tracker.projects.iter().collect();
    all.sort_by(|a, b| a.key.cmp(&b.key));
    let values: Vec<Value> = all
        .iter()
        .skip(start)
        .take(max)
        .map(|project| {
            json!({
                "self": format!("{}/rest/api/3/project/{}", state.origin, project.id),
                "id": project.id.to_string(),
                "key": project.key,
                "name": project.name,
            })
        })
        .collect();
    Json(json!({
        "startAt": start,
        "maxResults": max,
        "total": all.len(),
        "isLast": start + values.len() >= all.len(),
        "values": values,
    }))
    .into_response()
}

/// The items a JQL query selects, in the fake's fixed order.
fn selected<'t>(
    tracker: &'t Tracker,
    params: &HashMap<String, String>,
) -> Result<Vec<&'t Item>, Response> {
    let query = params.get("jql").map(String::as_str).unwrap_or("");
    let condition =
        jql::parse(query).map_err(|why| bad_request(&format!("Error in the JQL Query: {why}")))?;
    if let jql::Condition::Clause { field, values, .. } = &condition
        && field == "project"
        && tracker.project(&values[0]).is_none()
    {
        return Err(bad_request(&format!(
            "The value '{}' does not exist for the field 'project'.",
            values[0]
        )));
    }
    let mut items: Vec<&Item> = tracker
        .items
        .iter()
        .filter(|item| jql::matches(&condition, item, tracker))
        .collect();
    items.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.project.cmp(&b.project))
            .then_with(|| a.number.cmp(&b.number))
    });
    Ok(items)
}

pub(super) async fn search_by_offset(
    State(state): State<Arc<JiraState>>,
    Query(params): Params,
) -> Response {
    let (start, max) = match (
        number(&params, "startAt", 0),
        number(&params, "maxResults", 50),
    ) {
        (Ok(start), Ok(max)) => (start, max.min(MAX_RESULTS)),
        (Err(response), _) | (_, Err(response)) => return response,
    };
    let tracker = state.data();
    let items = match selected(&tracker, &params) {
        Ok(items) => items,
        Err(response) => return response,
    };
    let page: Vec<Value> = items
        .iter()
        .skip(start)
        .take(max)
        .map(|item| render::issue(&state.origin, &tracker, item))
        .collect();
    Json(json!({"startAt": start, "maxResults": max, "total": items.len(), "issues": page}))
        .into_response()
}

/// Page tokens are opaque to clients; the fake's are `pt-OFFSET`.
pub(super) async fn search_by_token(
    State(state): State<Arc<JiraState>>,
    Query(params): Params,
) -> Response {
    let start = match params.get("nextPageToken") {
        None => 0,
        Some(token) => match token.strip_prefix("pt-").and_then(|n| n.parse().ok()) {
            Some(start) => start,
            None => return bad_request("The provided next page token is invalid or expired."),
        },
    };
    let max = match number(&params, "maxResults", 50) {
        Ok(max) => max.clamp(1, MAX_RESULTS),
        Err(response) => return response,
    };
    let tracker = state.data();
    let items = match selected(&tracker, &params) {
        Ok(items) => items,
        Err(response) => return response,
    };
    let page: Vec<Value> = items
        .iter()
        .skip(start)
        .take(max)
        .map(|item| render::issue(&state.origin, &tracker, item))
        .collect();
    let end = start + page.len();
    let mut answer = json!({"issues": page, "isLast": end >= items.len()});
    if end < items.len() {
        answer["nextPageToken"] = json!(format!("pt-{end}"));
    }
    Json(answer).into_response()
}

pub(super) async fn users(State(state): State<Arc<JiraState>>, Query(params): Params) -> Response {
    let query = params
        .get("query")
        .map(|q| q.to_lowercase())
        .unwrap_or_default();
    if query.is_empty() {
        return bad_request("The query parameter 'query' is required.");
    }
    let tracker = state.data();
    let found: Vec<Value> = tracker
        .people
        .iter()
        .filter(|p| {
            [&p.email, &p.name, &p.account_id]
                .iter()
                .any(|field| field.to_lowercase().contains(&query))
        })
        .map(|p| render::person(&state.origin, p))
        .collect();
    Json(found).into_response()
}

pub(super) async fn get_one(
    State(state): State<Arc<JiraState>>,
    Path(key): Path<String>,
) -> Response {
    let tracker = state.data();
    match tracker.item(&key) {
        Some(item) => Json(render::issue(&state.origin, &tracker, item)).into_response(),
        None => no_issue(),
    }
}

/// One field's change to an item, applied once every field was checked.
type Change = Box<dyn FnOnce(&mut Item)>;

/// Applies the `fields` of a create or edit to `key`; an error names the field.
fn apply_fields(
    tracker: &mut Tracker,
    key: &str,
    fields: &serde_json::Map<String, Value>,
) -> Result<(), Response> {
    let mut changes: Vec<Change> = Vec::new();
    for (name, value) in fields {
        match name.as_str() {
            "summary" => match value.as_str() {
                Some(text) if !text.trim().is_empty() => {
                    let text = text.to_owned();
                    changes.push(Box::new(move |item| item.title = text));
                }
                _ => {
                    return Err(field_error(
                        "summary",
                        "You must specify a summary of the issue.",
                    ));
                }
            },
            "description" => {
                if !(value.is_null() || value.get("type") == Some(&json!("doc"))) {
                    return Err(field_error(
                        "description",
                        "Operation value must be an Atlassian Document (see the Atlassian Document Format)",
                    ));
                }
                let value = value.clone();
                changes.push(Box::new(move |item| {
                    item.description = (!value.is_null()).then_some(value)
                }));
            }
            "labels" => {
                let labels: Option<Vec<String>> = value
                    .as_array()
                    .and_then(|all| all.iter().map(|l| l.as_str().map(str::to_owned)).collect());
                match labels {
                    Some(labels) if labels.iter().all(|l| !l.is_empty() && !l.contains(' ')) => {
                        changes.push(Box::new(move |item| item.labels = labels));
                    }
                    _ => return Err(field_error("labels", "The label must not contain spaces.")),
                }
            }
            "priority" => {
                let name = value.get("name").and_then(Value::as_str).unwrap_or("");
                match PRIORITIES.iter().position(|p| p.eq_ignore_ascii_case(name)) {
                    Some(index) => {
                        let level = index as u8 + 1;
                        changes.push(Box::new(move |item| item.priority = level));
                    }
                    None => {
                        return Err(field_error(
                            "priority",
                            &format!("Specify a valid priority name ('{name}' is not)."),
                        ));
                    }
                }
            }
            "assignee" => {
                let account = value.get("accountId").and_then(Value::as_str);
                let login = match account {
                    None => None,
                    Some(id) => match tracker.people.iter().find(|p| p.account_id == id) {
                        Some(p) => Some(p.login.clone()),
                        None => {
                            return Err(field_error(
                                "assignee",
                                &format!("User with accountId '{id}' does not exist"),
                            ));
                        }
                    },
                };
                changes.push(Box::new(move |item| item.assignee = login));
            }
            "issuetype" => {
                let name = value.get("name").and_then(Value::as_str).unwrap_or("");
                if !["Task", "Bug", "Story", "Epic"]
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(name))
                {
                    return Err(field_error("issuetype", "Specify a valid issue type"));
                }
                let name = name.to_owned();
                changes.push(Box::new(move |item| item.issue_type = name));
            }
            "project" => {}
            other => {
                return Err(field_error(
                    other,
                    &format!(
                        "Field '{other}' cannot be set. It is not on the appropriate screen, or unknown."
                    ),
                ));
            }
        }
    }
    let Some(item) = tracker.item_mut(key) else {
        return Err(no_issue());
    };
    for change in changes {
        change(item);
    }
    tracker.touch(key);
    Ok(())
}

pub(super) async fn create(State(state): State<Arc<JiraState>>, bytes: Bytes) -> Response {
    let request = match body(&bytes) {
        Ok(value) => value,
        Err(response) => return response,
    };
    let Some(fields) = request.get("fields").and_then(Value::as_object) else {
        return bad_request("The request body must carry `fields`.");
    };
    let project = fields
        .get("project")
        .and_then(|p| p.get("key"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut tracker = state.data();
    if tracker.project(project).is_none() {
        return field_error("project", "valid project is required");
    }
    if !fields.contains_key("summary") {
        return field_error("summary", "You must specify a summary of the issue.");
    }
    // Check everything on a copy, so that a refused create leaves nothing behind.
    let mut trial = tracker.clone();
    let key = trial.create_item(project, "");
    if let Err(response) = apply_fields(&mut trial, &key, fields) {
        return response;
    }
    *tracker = trial;
    let item = tracker.item(&key).expect("just created");
    let answer = json!({
        "id": item.id.to_string(),
        "key": key,
        "self": format!("{}/rest/api/3/issue/{}", state.origin, item.id),
    });
    (StatusCode::CREATED, Json(answer)).into_response()
}

pub(super) async fn edit(
    State(state): State<Arc<JiraState>>,
    Path(key): Path<String>,
    bytes: Bytes,
) -> Response {
    let request = match body(&bytes) {
        Ok(value) => value,
        Err(response) => return response,
    };
    let mut tracker = state.data();
    if tracker.item(&key).is_none() {
        return no_issue();
    }
    let Some(fields) = request.get("fields").and_then(Value::as_object) else {
        return bad_request("The request body must carry `fields`.");
    };
    let mut trial = tracker.clone();
    if let Err(response) = apply_fields(&mut trial, &key, fields) {
        return response;
    }
    *tracker = trial;
    StatusCode::NO_CONTENT.into_response()
}

/// One transition per status the workflow lets the item reach; its id is the status's.
pub(super) async fn transitions(
    State(state): State<Arc<JiraState>>,
    Path(key): Path<String>,
) -> Response {
    let tracker = state.data();
    let Some(item) = tracker.item(&key) else {
        return no_issue();
    };
    let Some(project) = tracker.project(&item.project) else {
        return no_issue();
    };
    let list: Vec<Value> = project
        .states
        .iter()
        .filter(|to| project.can_move(item.state, to.id))
        .map(|to| {
            json!({
                "id": to.id.to_string(),
                "name": format!("Move to {}", to.name),
                "to": render::status(&state.origin, to.id, &to.name, to.group),
                "hasScreen": false,
                "fields": {},
            })
        })
        .collect();
    Json(json!({ "transitions": list })).into_response()
}

pub(super) async fn transition(
    State(state): State<Arc<JiraState>>,
    Path(key): Path<String>,
    bytes: Bytes,
) -> Response {
    let request = match body(&bytes) {
        Ok(value) => value,
        Err(response) => return response,
    };
    let mut tracker = state.data();
    let Some(item) = tracker.item(&key) else {
        return no_issue();
    };
    let id = request
        .get("transition")
        .and_then(|t| t.get("id"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let allowed = tracker.project(&item.project).and_then(|project| {
        let to = project.states.iter().find(|s| s.id.to_string() == id)?;
        project.can_move(item.state, to.id).then_some(to.id)
    });
    match allowed {
        Some(to) => {
            tracker.move_item(&key, to);
            StatusCode::NO_CONTENT.into_response()
        }
        None => bad_request(&format!(
            "Transition id '{id}' is not valid for this issue."
        )),
    }
}

pub(super) async fn comment(
    State(state): State<Arc<JiraState>>,
    Path(key): Path<String>,
    bytes: Bytes,
) -> Response {
    let request = match body(&bytes) {
        Ok(value) => value,
        Err(response) => return response,
    };
    let document = request.get("body").cloned().unwrap_or(Value::Null);
    if document.get("type") != Some(&json!("doc")) {
        return field_error("comment", "Comment body can not be empty!");
    }
    let mut tracker = state.data();
    let Some(id) = tracker.add_comment(&key, document) else {
        return no_issue();
    };
    let item = tracker.item(&key).expect("commented on");
    let comment = item
        .comments
        .iter()
        .find(|c| c.id == id)
        .expect("just added");
    (
        StatusCode::CREATED,
        Json(render::comment(&state.origin, &tracker, item, comment)),
    )
        .into_response()
}
