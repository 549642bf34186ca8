//! The routes of issues: the list (`GET /issues.json`, `GET /projects/{id}/issues.json`), one
//! issue (`GET /issues/{id}.json`), a new one (`POST /issues.json`) and a change
//! (`PUT /issues/{id}.json`, its `notes` a comment), as the vendored description's `getIssues`,
//! `getIssue`, `createIssue` and `updateIssue` answer them.

use super::filters::{filters, project_named};
use super::ids::{self, issue_id, level_of_priority, state_of_status};
use super::render::{self, Include};
use super::{RedmineState, errors, not_found, paging};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::tracker::{Item, Project, Tracker};
use serde_json::{Map, Value, json};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

/// Redmine's longest subject (`Issue` validates `subject` to 255 characters).
const MAX_SUBJECT: usize = 255;

/// `GET /issues.json`.
pub(super) async fn list(
    State(state): State<Arc<RedmineState>>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    let project = match params.get("project_id") {
        Some(name) => match project_named(&tracker, name) {
            Some(project) => Some(project.key.clone()),
            None => return not_found(),
        },
        None => None,
    };
    listing(&tracker, project.as_deref(), &params)
}

/// `GET /projects/{project_id}/issues.json`.
pub(super) async fn list_of_project(
    State(state): State<Arc<RedmineState>>,
    Path((project_id, file)): Path<(String, String)>,
    Query(params): Params,
) -> Response {
    if file != "issues.json" {
        return not_found();
    }
    let tracker = state.data();
    let Some(project) = project_named(&tracker, &project_id) else {
        return not_found();
    };
    let key = project.key.clone();
    listing(&tracker, Some(&key), &params)
}

/// The issues of `project` (all projects without one) that pass the filters, sorted and paged.
fn listing(tracker: &Tracker, project: Option<&str>, params: &HashMap<String, String>) -> Response {
    let checks = match filters(tracker, params) {
        Ok(checks) => checks,
        Err(error) => return errors(StatusCode::UNPROCESSABLE_ENTITY, &[error]),
    };
    let mut items: Vec<&Item> = tracker
        .items
        .iter()
        .filter(|item| project.is_none_or(|key| item.project == key))
        .filter(|item| checks.iter().all(|check| check(tracker, item)))
        .collect();
    // `sort=field[:desc],…`; Redmine's default is `id:desc`.
    let sort = params.get("sort").map_or("id:desc", String::as_str);
    let keys: Vec<(&str, bool)> = sort
        .split(',')
        .map(|part| match part.split_once(':') {
            Some((field, direction)) => (field.trim(), direction.trim() == "desc"),
            None => (part.trim(), false),
        })
        .collect();
    items.sort_by(|a, b| {
        keys.iter()
            .map(|(field, descending)| {
                let ordered = match *field {
                    "updated_on" => a.updated_at.cmp(&b.updated_at),
                    "created_on" => a.created_at.cmp(&b.created_at),
                    _ => issue_id(tracker, a).cmp(&issue_id(tracker, b)),
                };
                if *descending {
                    ordered.reverse()
                } else {
                    ordered
                }
            })
            .find(|ordered| *ordered != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let all: Vec<Value> = items
        .into_iter()
        .map(|item| render::issue(tracker, item, Include::default()))
        .collect();
    Json(paging::answer("issues", all, paging::ask(params))).into_response()
}

/// The id of a `{id}.json` path segment.
fn id_of(file: &str) -> Option<u64> {
    file.strip_suffix(".json")?.parse().ok()
}

/// `GET /issues/{id}.json`, with `include=journals,allowed_statuses`.
pub(super) async fn get_one(
    State(state): State<Arc<RedmineState>>,
    Path(file): Path<String>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    match id_of(&file).and_then(|id| ids::issue(&tracker, id)) {
        Some(item) => {
            let include = Include::parse(params.get("include"));
            Json(json!({ "issue": render::issue(&tracker, item, include) })).into_response()
        }
        None => not_found(),
    }
}

/// The `issue` object of a write's body; a body that is not JSON is 400, as Rails answers one
/// it cannot parse.
fn issue_fields(bytes: &Bytes) -> Result<Map<String, Value>, Response> {
    let body: Value = serde_json::from_slice(bytes)
        .map_err(|_| (StatusCode::BAD_REQUEST, "the body is not JSON").into_response())?;
    match body.get("issue") {
        Some(Value::Object(fields)) => Ok(fields.clone()),
        // Without `issue`, Redmine assigns nothing and validates what it has.
        _ => Ok(Map::new()),
    }
}

/// One field's change to an issue, applied once every field was checked.
type Change = Box<dyn FnOnce(&mut Item)>;

/// The number a field holds, as Rails reads a JSON number or a numeric string.
fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// Checks the fields of a new or changed issue of `project` and gives the changes and the
/// notes, so a refused write changes nothing. Redmine validates the whole issue and answers
/// every error at once.
fn changes(
    tracker: &Tracker,
    project: &Project,
    current: Option<&Item>,
    fields: &Map<String, Value>,
) -> Result<(Vec<Change>, Option<String>), Response> {
    let mut changes: Vec<Change> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut notes = None;
    for (name, value) in fields {
        match name.as_str() {
            "subject" => match value.as_str().map(str::trim) {
                Some("") | None => problems.push("Subject cannot be blank".into()),
                Some(text) if text.chars().count() > MAX_SUBJECT => {
                    problems.push("Subject is too long (maximum is 255 characters)".into())
                }
                Some(text) => {
                    let text = text.to_owned();
                    changes.push(Box::new(move |item| item.title = text));
                }
            },
            "description" => {
                let text = value.as_str().unwrap_or_default().to_owned();
                changes.push(Box::new(move |item| {
                    item.description = (!text.is_empty()).then_some(Value::String(text));
                }));
            }
            "notes" => {
                notes = value
                    .as_str()
                    .map(str::to_owned)
                    .filter(|text| !text.is_empty())
            }
            "priority_id" => match number(value).and_then(level_of_priority) {
                Some(level) => changes.push(Box::new(move |item| item.priority = level)),
                None => problems.push("Priority cannot be blank".into()),
            },
            "tracker_id" => {
                match number(value).and_then(|id| ids::TRACKERS.iter().find(|(t, _)| *t == id)) {
                    Some((_, name)) => {
                        let name = (*name).to_owned();
                        changes.push(Box::new(move |item| item.issue_type = name));
                    }
                    None => problems.push("Tracker cannot be blank".into()),
                }
            }
            "category_id" => match value {
                Value::Null => changes.push(Box::new(|item| item.labels.clear())),
                _ => {
                    match number(value).and_then(|id| ids::label_of_category(tracker, project, id))
                    {
                        Some(label) => {
                            changes.push(Box::new(move |item| item.labels = vec![label]))
                        }
                        None => problems.push("Category is not included in the list".into()),
                    }
                }
            },
            "assigned_to_id" => match value {
                Value::Null => changes.push(Box::new(|item| item.assignee = None)),
                _ => {
                    let person = number(value)
                        .and_then(|id| tracker.people.iter().find(|person| person.id == id));
                    match person {
                        Some(person) => {
                            let login = person.login.clone();
                            changes.push(Box::new(move |item| item.assignee = Some(login)));
                        }
                        None => problems.push("Assignee is invalid".into()),
                    }
                }
            },
            "status_id" => {
                let Some(state) =
                    number(value).and_then(|id| state_of_status(tracker, project, id))
                else {
                    problems.push("Status is invalid".into());
                    continue;
                };
                // A status the workflow does not allow is not assigned: Redmine's
                // `Issue#safe_attributes=` drops it and the rest of the change goes through.
                let allowed = current
                    .is_none_or(|item| item.state == state || project.can_move(item.state, state));
                if allowed {
                    changes.push(Box::new(move |item| item.state = state));
                }
            }
            // Fields the fake does not keep (dates, done ratio, custom fields) and unknown
            // ones are ignored, as Rails' strong parameters drop what is not permitted.
            _ => {}
        }
    }
    if problems.is_empty() {
        Ok((changes, notes))
    } else {
        Err(errors(StatusCode::UNPROCESSABLE_ENTITY, &problems))
    }
}

/// Applies checked changes to `key` and marks it changed; a status change goes through the
/// tracker, which keeps the resolution in step.
fn apply(tracker: &mut Tracker, key: &str, changes: Vec<Change>) {
    let before = tracker.item(key).map(|item| item.state);
    if let Some(item) = tracker.item_mut(key) {
        for change in changes {
            change(item);
        }
    }
    let after = tracker.item(key).map(|item| item.state);
    if let (Some(before), Some(after)) = (before, after)
        && before != after
    {
        if let Some(item) = tracker.item_mut(key) {
            item.state = before;
        }
        tracker.move_item(key, after);
    } else {
        tracker.touch(key);
    }
}

/// `POST /issues.json`: 201 with the new issue.
pub(super) async fn create(State(state): State<Arc<RedmineState>>, bytes: Bytes) -> Response {
    let mut fields = match issue_fields(&bytes) {
        Ok(fields) => fields,
        Err(refusal) => return refusal,
    };
    let mut tracker = state.data();
    let project = fields
        .remove("project_id")
        .map(|value| match value {
            Value::String(text) => text,
            other => other.to_string(),
        })
        .and_then(|name| project_named(&tracker, &name).map(|project| project.key.clone()));
    let Some(key) = project else {
        return errors(
            StatusCode::UNPROCESSABLE_ENTITY,
            &["Project cannot be blank".into()],
        );
    };
    if !fields.contains_key("subject") {
        return errors(
            StatusCode::UNPROCESSABLE_ENTITY,
            &["Subject cannot be blank".into()],
        );
    }
    let project = tracker.project(&key).expect("found above");
    let (changes, _) = match changes(&tracker, project, None, &fields) {
        Ok(checked) => checked,
        Err(refusal) => return refusal,
    };
    let created = tracker.create_item(&key, "");
    apply(&mut tracker, &created, changes);
    let item = tracker.item(&created).expect("just created");
    (
        StatusCode::CREATED,
        Json(json!({ "issue": render::issue(&tracker, item, Include::default()) })),
    )
        .into_response()
}

/// `PUT /issues/{id}.json`: 204 with no body; `notes` adds a journal (a comment).
pub(super) async fn update(
    State(state): State<Arc<RedmineState>>,
    Path(file): Path<String>,
    bytes: Bytes,
) -> Response {
    let fields = match issue_fields(&bytes) {
        Ok(fields) => fields,
        Err(refusal) => return refusal,
    };
    let mut tracker = state.data();
    let Some(item) = id_of(&file).and_then(|id| ids::issue(&tracker, id)) else {
        return not_found();
    };
    let key = item.key();
    let Some(project) = tracker.project(&item.project) else {
        return not_found();
    };
    let (changes, notes) = match changes(&tracker, project, Some(item), &fields) {
        Ok(checked) => checked,
        Err(refusal) => return refusal,
    };
    apply(&mut tracker, &key, changes);
    if let Some(notes) = notes {
        tracker.add_comment(&key, Value::String(notes));
    }
    StatusCode::NO_CONTENT.into_response()
}
