//! The queue (`/queue/api/json`, `/queue/item/{id}/api/json`, `/queue/cancelItem`) and the
//! CSRF crumb (`/crumbIssuer/api/json`).

use super::jobs::query_pairs;
use super::pages::{error_page, not_found};
use super::render::queue_item;
use super::{CRUMB, JenkinsState};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::builds::{CancelRefused, Stage};
use serde_json::json;
use std::sync::Arc;

/// `GET /queue/api/json`: the builds waiting to start.
pub async fn list(State(state): State<Arc<JenkinsState>>) -> Response {
    let base = state.base_url();
    let data = state.data();
    let items: Vec<_> = data
        .builds
        .builds
        .iter()
        .filter(|build| build.stage == Stage::Queued)
        .map(|build| queue_item(&base, &data, build))
        .collect();
    Json(json!({"_class": "hudson.model.Queue", "discoverableItems": [], "items": items}))
        .into_response()
}

/// `GET /queue/item/{id}/api/json`: the item as it is, then, while it waits, the build moved on
/// one stage (out of the queue).
pub async fn item(State(state): State<Arc<JenkinsState>>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<u64>() else {
        return not_found();
    };
    let base = state.base_url();
    let mut data = state.data();
    let Some(build) = data.builds.build(id) else {
        return not_found();
    };
    let answer = queue_item(&base, &data, build);
    // Once it has left the queue, reading the item does not read the build.
    if build.stage == Stage::Queued && !data.held_in_queue {
        data.builds.advance(id);
    }
    Json(answer).into_response()
}

/// `POST /queue/cancelItem?id=N`: cancels a waiting item (`204`); one that already left the
/// queue is `404`, as Jenkins has no item to cancel.
pub async fn cancel(
    State(state): State<Arc<JenkinsState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Some(refusal) = crumb_refusal(&state, &headers, query.as_deref()) {
        return refusal;
    }
    let id = query
        .as_deref()
        .map(|query| query_pairs(Some(query)))
        .unwrap_or_default()
        .into_iter()
        .find_map(|(name, value)| (name == "id").then_some(value))
        .and_then(|id| id.parse::<u64>().ok());
    let mut data = state.data();
    let Some(id) = id.filter(|id| {
        data.builds
            .build(*id)
            .is_some_and(|build| build.stage == Stage::Queued)
    }) else {
        return not_found();
    };
    match data.builds.cancel(id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(CancelRefused::Missing | CancelRefused::Finished) => not_found(),
    }
}

/// `GET /crumbIssuer/api/json`.
pub async fn crumb() -> Response {
    Json(json!({
        "_class": "hudson.security.csrf.DefaultCrumbIssuer",
        "crumb": CRUMB,
        "crumbRequestField": "Jenkins-Crumb",
    }))
    .into_response()
}

/// The `403` page of a POST without the crumb, when one is required: in the `Jenkins-Crumb`
/// header or parameter, as Jenkins' `CrumbFilter` reads either.
pub fn crumb_refusal(
    state: &JenkinsState,
    headers: &HeaderMap,
    query: Option<&str>,
) -> Option<Response> {
    let required = state.data().crumb_required;
    let header = headers
        .get("jenkins-crumb")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let sent = header.or_else(|| {
        query_pairs(query)
            .into_iter()
            .find_map(|(name, value)| (name == "Jenkins-Crumb").then_some(value))
    });
    (required && sent.as_deref() != Some(CRUMB)).then(|| {
        error_page(
            StatusCode::FORBIDDEN,
            "No valid crumb was included in the request",
        )
    })
}
