//! The routes of work items (under both `issues` and `work-items`) and their comments.

use super::render::{self, Expand, PRIORITIES};
use super::{PlaneState, check_workspace, detail, error, ids, paging, project_of};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::tracker::{Item, Project, Tracker};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

/// The longest name Plane stores (`Issue.name`, `max_length=255`).
const MAX_NAME: usize = 255;

/// A body that does not validate: Django REST framework's `{"field": ["message"]}`.
fn invalid(field: &str, message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ field: [message] }))).into_response()
}

/// Plane's 404 for a work item that does not exist (its `ObjectDoesNotExist` handler).
fn no_item() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "The requested resource does not exist.",
    )
}

fn body(bytes: &Bytes) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err(invalid(
            "non_field_errors",
            "Invalid data. Expected a dictionary, but got list.",
        )),
        Err(why) => Err(detail(
            StatusCode::BAD_REQUEST,
            &format!("JSON parse error - {why}"),
        )),
    }
}

/// The work item with UUID `id` in `project`.
fn item_in<'t>(tracker: &'t Tracker, project: &Project, id: &str) -> Result<&'t Item, Response> {
    ids::number(id)
        .and_then(|id| tracker.item_by_id(id))
        .filter(|item| item.project == project.key)
        .ok_or_else(no_item)
}

/// `GET …/projects/{project_id}/issues/`: the project's work items in `order_by` order, paged;
/// no filters.
pub(super) async fn list(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id)): Path<(String, String)>,
    Query(params): Params,
) -> Response {
    if let Some(unsupported) = ["pql", "filters"]
        .iter()
        .find(|name| params.get(**name).is_some_and(|value| !value.is_empty()))
    {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({
                "pql": "PQL and structured filters are not supported on this Plane edition.",
                "unsupported_parameters": [unsupported],
            })),
        )
            .into_response();
    }
    let tracker = state.data();
    let (project, ask) = match project_of(&tracker, &slug, &project_id)
        .and_then(|project| Ok((project, paging::ask(&params)?)))
    {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let mut items: Vec<&Item> = tracker
        .items
        .iter()
        .filter(|item| item.project == project.key)
        .collect();
    let order = params.get("order_by").map_or("-created_at", String::as_str);
    let (field, descending) = match order.strip_prefix('-') {
        Some(field) => (field, true),
        None => (order, false),
    };
    let (field, descending) = match field {
        "created_at" | "updated_at" | "sequence_id" => (field, descending),
        _ => ("created_at", true),
    };
    // Plane breaks ties by `-created_at`; creation follows the number here.
    items.sort_by(|a, b| {
        let ordered = match field {
            "updated_at" => a.updated_at.cmp(&b.updated_at),
            "sequence_id" => a.number.cmp(&b.number),
            _ => a.created_at.cmp(&b.created_at),
        };
        let ordered = if descending {
            ordered.reverse()
        } else {
            ordered
        };
        ordered.then_with(|| b.number.cmp(&a.number))
    });
    let expand = Expand::parse(params.get("expand"));
    let all: Vec<Value> = items
        .into_iter()
        .map(|item| render::issue(&tracker, project, item, expand))
        .collect();
    Json(paging::answer(&all, ask)).into_response()
}

/// `GET /workspaces/{slug}/issues/{PROJ}-{sequence}/`.
pub(super) async fn by_identifier(
    State(state): State<Arc<PlaneState>>,
    Path((slug, identifier)): Path<(String, String)>,
    Query(params): Params,
) -> Response {
    if let Err(refusal) = check_workspace(&slug) {
        return refusal;
    }
    let Some((key, sequence)) = identifier.rsplit_once('-') else {
        return no_item();
    };
    if sequence.is_empty() || !sequence.bytes().all(|b| b.is_ascii_digit()) {
        return error(StatusCode::NOT_FOUND, "Work item not found");
    }
    let tracker = state.data();
    let found = tracker.project(key).and_then(|project| {
        let item = tracker
            .items
            .iter()
            .find(|item| item.project == key && item.number.to_string() == sequence)?;
        Some((project, item))
    });
    match found {
        Some((project, item)) => {
            let expand = Expand::parse(params.get("expand"));
            Json(render::issue(&tracker, project, item, expand)).into_response()
        }
        None => no_item(),
    }
}

/// `GET …/projects/{project_id}/issues/{id}/`.
pub(super) async fn get_one(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id, id)): Path<(String, String, String)>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    let found = project_of(&tracker, &slug, &project_id)
        .and_then(|project| Ok((project, item_in(&tracker, project, &id)?)));
    match found {
        Ok((project, item)) => {
            let expand = Expand::parse(params.get("expand"));
            Json(render::issue(&tracker, project, item, expand)).into_response()
        }
        Err(refusal) => refusal,
    }
}

/// One field's change to an item, applied once every field was checked.
type Change = Box<dyn FnOnce(&mut Item)>;

/// A list of UUIDs in a body field.
fn uuids(field: &str, value: &Value) -> Result<Vec<String>, Response> {
    value
        .as_array()
        .and_then(|all| {
            all.iter()
                .map(|id| id.as_str().map(str::to_owned))
                .collect()
        })
        .ok_or_else(|| invalid(field, "Expected a list of items but got type \"str\"."))
}

/// Checks the fields of a create or edit of an item of `project` and gives the changes, so a
/// refused write changes nothing.
fn changes(
    tracker: &Tracker,
    project: &Project,
    fields: &Map<String, Value>,
) -> Result<Vec<Change>, Response> {
    let mut changes: Vec<Change> = Vec::new();
    for (name, value) in fields {
        match name.as_str() {
            "name" => match value.as_str() {
                Some(text) if text.trim().is_empty() => {
                    return Err(invalid("name", "This field may not be blank."));
                }
                Some(text) if text.chars().count() > MAX_NAME => {
                    return Err(invalid(
                        "name",
                        "Ensure this field has no more than 255 characters.",
                    ));
                }
                Some(text) => {
                    let text = text.to_owned();
                    changes.push(Box::new(move |item| item.title = text));
                }
                None => return Err(invalid("name", "Not a valid string.")),
            },
            "description_html" => {
                let Some(html) = value.as_str() else {
                    return Err(invalid("description_html", "Not a valid string."));
                };
                let stored = render::stored_html(html);
                changes.push(Box::new(move |item| item.description = Some(stored)));
            }
            "priority" => {
                let wanted = value.as_str().unwrap_or_default();
                let Some(level) = PRIORITIES.iter().position(|known| *known == wanted) else {
                    return Err(invalid(
                        "priority",
                        &format!("\"{wanted}\" is not a valid choice."),
                    ));
                };
                changes.push(Box::new(move |item| item.priority = level as u8));
            }
            "state" => {
                let id = value.as_str().unwrap_or_default();
                let Some(state) = ids::number(id).and_then(|id| project.state_by_id(id)) else {
                    return Err(invalid(
                        "non_field_errors",
                        "State is not valid please pass a valid state_id",
                    ));
                };
                let state = state.id;
                changes.push(Box::new(move |item| item.state = state));
            }
            "labels" => {
                let mut names = Vec::new();
                for id in uuids("labels", value)? {
                    let Some((owner, index)) = ids::label(&id) else {
                        return Err(invalid(
                            "labels",
                            &format!("Invalid pk \"{id}\" - object does not exist."),
                        ));
                    };
                    // Plane keeps only the labels of the item's own project.
                    if let Some(name) = project.labels.get(index).filter(|_| owner == project.id) {
                        names.push(name.clone());
                    }
                }
                changes.push(Box::new(move |item| item.labels = names));
            }
            "assignees" => {
                let mut logins = Vec::new();
                for id in uuids("assignees", value)? {
                    let person = ids::number(&id)
                        .and_then(|n| tracker.people.iter().find(|person| person.id == n));
                    match person {
                        Some(person) => logins.push(person.login.clone()),
                        None => {
                            return Err(invalid(
                                "assignees",
                                &format!("Invalid pk \"{id}\" - object does not exist."),
                            ));
                        }
                    }
                }
                // The tracker holds one assignee; Plane's first is kept.
                let first = logins.into_iter().next();
                changes.push(Box::new(move |item| item.assignee = first));
            }
            // Read-only or unused fields are ignored, as Django REST framework ignores them.
            _ => {}
        }
    }
    Ok(changes)
}

/// Applies checked changes to `key` and marks it changed.
fn apply(tracker: &mut Tracker, key: &str, changes: Vec<Change>) {
    if let Some(item) = tracker.item_mut(key) {
        for change in changes {
            change(item);
        }
    }
    tracker.touch(key);
}

/// `POST …/projects/{project_id}/issues/`: 201 with the new item, not expanded.
pub(super) async fn create(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let fields = match body(&bytes) {
        Ok(fields) => fields,
        Err(refusal) => return refusal,
    };
    let mut tracker = state.data();
    let checked = project_of(&tracker, &slug, &project_id).and_then(|project| {
        if !fields.contains_key("name") {
            return Err(invalid("name", "This field is required."));
        }
        Ok((project.key.clone(), changes(&tracker, project, &fields)?))
    });
    let (key, changes) = match checked {
        Ok(checked) => checked,
        Err(refusal) => return refusal,
    };
    let key = tracker.create_item(&key, "");
    apply(&mut tracker, &key, changes);
    answer_item(&tracker, &key, StatusCode::CREATED)
}

/// `PATCH …/projects/{project_id}/issues/{id}/`: only the given fields change.
pub(super) async fn edit(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id, id)): Path<(String, String, String)>,
    bytes: Bytes,
) -> Response {
    let fields = match body(&bytes) {
        Ok(fields) => fields,
        Err(refusal) => return refusal,
    };
    let mut tracker = state.data();
    let checked = project_of(&tracker, &slug, &project_id).and_then(|project| {
        let item = item_in(&tracker, project, &id)?;
        Ok((item.key(), changes(&tracker, project, &fields)?))
    });
    let (key, changes) = match checked {
        Ok(checked) => checked,
        Err(refusal) => return refusal,
    };
    apply(&mut tracker, &key, changes);
    answer_item(&tracker, &key, StatusCode::OK)
}

fn answer_item(tracker: &Tracker, key: &str, status: StatusCode) -> Response {
    let found = tracker
        .item(key)
        .and_then(|item| Some((tracker.project(&item.project)?, item)));
    match found {
        Some((project, item)) => (
            status,
            Json(render::issue(tracker, project, item, Expand::default())),
        )
            .into_response(),
        None => no_item(),
    }
}

/// `GET …/issues/{id}/comments/`: newest first, paged.
pub(super) async fn comments(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id, id)): Path<(String, String, String)>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    let found = project_of(&tracker, &slug, &project_id).and_then(|project| {
        Ok((
            project,
            item_in(&tracker, project, &id)?,
            paging::ask(&params)?,
        ))
    });
    match found {
        Ok((project, item, ask)) => {
            let all: Vec<Value> = item
                .comments
                .iter()
                .rev()
                .map(|comment| render::comment(&tracker, project, item, comment))
                .collect();
            Json(paging::answer(&all, ask)).into_response()
        }
        Err(refusal) => refusal,
    }
}

/// `POST …/issues/{id}/comments/`: `comment_html` stored as sent; 201 with the comment.
pub(super) async fn comment(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id, id)): Path<(String, String, String)>,
    bytes: Bytes,
) -> Response {
    let fields = match body(&bytes) {
        Ok(fields) => fields,
        Err(refusal) => return refusal,
    };
    let html = match fields.get("comment_html") {
        None => "<p></p>",
        Some(Value::String(html)) => html.as_str(),
        Some(_) => return invalid("comment_html", "Not a valid string."),
    };
    let mut tracker = state.data();
    let key = match project_of(&tracker, &slug, &project_id)
        .and_then(|project| item_in(&tracker, project, &id))
    {
        Ok(item) => item.key(),
        Err(refusal) => return refusal,
    };
    let Some(comment_id) = tracker.add_comment(&key, render::stored_html(html)) else {
        return no_item();
    };
    let rendered = tracker.item(&key).and_then(|item| {
        let project = tracker.project(&item.project)?;
        let comment = item.comments.iter().find(|c| c.id == comment_id)?;
        Some(render::comment(&tracker, project, item, comment))
    });
    match rendered {
        Some(comment) => (StatusCode::CREATED, Json(comment)).into_response(),
        None => no_item(),
    }
}
