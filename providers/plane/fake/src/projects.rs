//! The routes of a workspace's projects and of what each project defines: states, labels and
//! members.

use super::paging::{self, answer};
use super::{PlaneState, check_workspace, project_of, render};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

/// `GET /workspaces/{slug}/projects/`: every project, in creation order.
pub(super) async fn list(
    State(state): State<Arc<PlaneState>>,
    Path(slug): Path<String>,
    Query(params): Params,
) -> Response {
    if let Err(refusal) = check_workspace(&slug) {
        return refusal;
    }
    let ask = match paging::ask(&params) {
        Ok(ask) => ask,
        Err(refusal) => return refusal,
    };
    let tracker = state.data();
    let all: Vec<Value> = tracker
        .projects
        .iter()
        .map(|project| render::project(&tracker, project))
        .collect();
    Json(answer(&all, ask)).into_response()
}

/// `GET …/projects/{project_id}/states/`.
pub(super) async fn states(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id)): Path<(String, String)>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    let listed = project_of(&tracker, &slug, &project_id)
        .and_then(|project| Ok((render::states(project), paging::ask(&params)?)));
    match listed {
        Ok((all, ask)) => Json(answer(&all, ask)).into_response(),
        Err(refusal) => refusal,
    }
}

/// `GET …/projects/{project_id}/labels/`.
pub(super) async fn labels(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id)): Path<(String, String)>,
    Query(params): Params,
) -> Response {
    let tracker = state.data();
    let listed = project_of(&tracker, &slug, &project_id)
        .and_then(|project| Ok((render::labels(project), paging::ask(&params)?)));
    match listed {
        Ok((all, ask)) => Json(answer(&all, ask)).into_response(),
        Err(refusal) => refusal,
    }
}

/// `GET …/projects/{project_id}/members/`: one unpaged list; every person of the tracker is a
/// member of every project.
pub(super) async fn members(
    State(state): State<Arc<PlaneState>>,
    Path((slug, project_id)): Path<(String, String)>,
) -> Response {
    let tracker = state.data();
    match project_of(&tracker, &slug, &project_id) {
        Ok(_) => {
            let all: Vec<Value> = tracker.people.iter().map(render::member).collect();
            Json(all).into_response()
        }
        Err(refusal) => refusal,
    }
}
