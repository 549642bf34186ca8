//! The plugin endpoints: `GET /v1/plugins` (the installed plugins with their versions, and
//! every split's canary: `mosaic.plugins.status`), and `POST
//! /v1/plugins/canaries/{instance}/promote` and `.../rollback` (an operator's decision on a
//! canary: `mosaic.plugins.manage`, whose resource is the instance). They are what `mosaic
//! plugins` calls on a running gateway: the canaries' state lives in that process.

use crate::errors::ApiError;
use crate::routes::{AppState, caller, no_store};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_edge::error::envelope;
use mosaic_gateway::{CanaryAction, CanaryError};
use serde_json::json;

/// `GET /v1/plugins`.
pub(crate) async fn status(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    match state.gateway.plugins_status(&ctx).await {
        Ok(report) => no_store(Json(report).into_response()),
        Err(error) => ApiError(error).into_response(),
    }
}

/// `POST /v1/plugins/canaries/{instance}/promote`.
pub(crate) async fn promote(
    state: State<AppState>,
    instance: Path<String>,
    headers: HeaderMap,
) -> Response {
    decide(state, instance, headers, CanaryAction::Promote).await
}

/// `POST /v1/plugins/canaries/{instance}/rollback`.
pub(crate) async fn roll_back(
    state: State<AppState>,
    instance: Path<String>,
    headers: HeaderMap,
) -> Response {
    decide(state, instance, headers, CanaryAction::RollBack).await
}

async fn decide(
    State(state): State<AppState>,
    Path(instance): Path<String>,
    headers: HeaderMap,
    action: CanaryAction,
) -> Response {
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    match state.gateway.decide_canary(&ctx, &instance, action).await {
        Ok(canary) => no_store(Json(json!({ "canary": canary })).into_response()),
        Err(CanaryError::Call(error)) => ApiError(error).into_response(),
        Err(error @ CanaryError::Unknown { .. }) => {
            let body = envelope(error.code(), &error.to_string(), error.fault(), None);
            (StatusCode::NOT_FOUND, Json(body)).into_response()
        }
    }
}
