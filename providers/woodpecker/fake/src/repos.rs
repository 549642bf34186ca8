//! The caller and the repositories: `GET /user`, `GET /repos/lookup/{owner}/{name}` and
//! `GET /repos/{id}`, answering an unknown repository with Woodpecker's bare 404.

use crate::{WoodpeckerState, bare, number_of, render};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

/// `GET /user`: the token's user.
pub async fn user(State(state): State<Arc<WoodpeckerState>>) -> Response {
    let login = state.data().caller.clone();
    Json(json!({"id": 1, "login": login, "email": format!("{login}@example.com"), "admin": false}))
        .into_response()
}

/// `GET /repos/lookup/{owner}/{name}`.
pub async fn lookup(
    State(state): State<Arc<WoodpeckerState>>,
    Path((owner, name)): Path<(String, String)>,
) -> Response {
    let builds = state.data();
    match builds.repository(&format!("{owner}/{name}")) {
        Some(repository) => Json(render::repo(repository)).into_response(),
        None => bare(StatusCode::NOT_FOUND),
    }
}

/// `GET /repos/{id}`.
pub async fn by_id(
    State(state): State<Arc<WoodpeckerState>>,
    Path(repo_id): Path<String>,
) -> Response {
    let id = match number_of(&repo_id) {
        Ok(id) => id,
        Err(refusal) => return refusal,
    };
    let builds = state.data();
    match builds.repository_by_id(id) {
        Some(repository) => Json(render::repo(repository)).into_response(),
        None => bare(StatusCode::NOT_FOUND),
    }
}
