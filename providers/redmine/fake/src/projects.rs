//! The routes around issues: projects (`getProjects`), a project's categories
//! (`getIssueCategories`), statuses (`getIssueStatuses`), trackers (`getTrackers`), priorities
//! (`getIssuePriorities`), users (`getUsers`, an administrator's list) and the caller
//! (`getCurrentUser`).

use super::filters::project_named;
use super::render;
use super::{RedmineState, issues, not_found, paging};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

/// `GET /projects.json`: every project, paged, with `include=issue_categories,trackers`.
pub(super) async fn list(
    State(state): State<Arc<RedmineState>>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    let include: Vec<&str> = params
        .get("include")
        .map_or_else(Vec::new, |text| text.split(',').collect());
    let all: Vec<Value> = tracker
        .projects
        .iter()
        .map(|project| render::project(&tracker, project, &include))
        .collect();
    Json(paging::answer("projects", all, paging::ask(&params))).into_response()
}

/// `GET /projects/{project_id}/issue_categories.json` and, beside it,
/// `GET /projects/{project_id}/issues.json`.
pub(super) async fn below(
    state: State<Arc<RedmineState>>,
    Path((project_id, file)): Path<(String, String)>,
    params: Params,
) -> Response {
    if file == "issues.json" {
        return issues::list_of_project(state, Path((project_id, file)), params).await;
    }
    if file != "issue_categories.json" {
        return not_found();
    }
    let tracker = state.data();
    let Some(project) = project_named(&tracker, &project_id) else {
        return not_found();
    };
    let all: Vec<Value> = (0..project.labels.len())
        .map(|index| render::category(&tracker, project, index))
        .collect();
    let total = all.len();
    Json(json!({"issue_categories": all, "total_count": total})).into_response()
}

/// `GET /issue_statuses.json`.
pub(super) async fn statuses(State(state): State<Arc<RedmineState>>) -> Response {
    Json(render::issue_statuses(&state.data())).into_response()
}

/// `GET /trackers.json`.
pub(super) async fn trackers() -> Response {
    let all: Vec<Value> = super::ids::TRACKERS
        .iter()
        .map(|(id, name)| {
            json!({
                "id": id, "name": name, "default_status": {"id": 1, "name": "Backlog"},
                "description": null, "enabled_standard_fields": ["assigned_to_id", "category_id", "description", "priority_id"],
            })
        })
        .collect();
    Json(json!({ "trackers": all })).into_response()
}

/// `GET /enumerations/issue_priorities.json`.
pub(super) async fn priorities() -> Response {
    let all: Vec<Value> = super::ids::PRIORITIES
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name, "is_default": *id == 2, "active": true}))
        .collect();
    Json(json!({ "issue_priorities": all })).into_response()
}

/// `GET /users.json`: every user, paged, `name` matching login, names or e-mail (contains,
/// any case).
pub(super) async fn users(
    State(state): State<Arc<RedmineState>>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    let wanted = params.get("name").map(|name| name.to_lowercase());
    let all: Vec<Value> = tracker
        .people
        .iter()
        .filter(|person| {
            wanted.as_deref().is_none_or(|wanted| {
                [&person.login, &person.name, &person.email]
                    .iter()
                    .any(|field| field.to_lowercase().contains(wanted))
            })
        })
        .map(render::user)
        .collect();
    Json(paging::answer("users", all, paging::ask(&params))).into_response()
}

/// `GET /users/current.json`: the caller (the key's user).
pub(super) async fn current(
    State(state): State<Arc<RedmineState>>,
    Path(file): Path<String>,
) -> Response {
    if file != "current.json" {
        return not_found();
    }
    let tracker = state.data();
    Json(json!({ "user": render::user(tracker.caller()) })).into_response()
}
