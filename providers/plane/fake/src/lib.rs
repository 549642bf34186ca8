//! A fake of Plane's REST API v1 below `/api/v1`, over one [`Tracker`]: the routes the `plane`
//! adapter uses, Plane's JSON shapes, status codes and error bodies (Plane's own
//! `{"error": "..."}`, Django REST framework's `{"detail": "..."}` for authentication,
//! permissions, throttling and bad paging parameters, and `{"field": ["..."]}` for a body that
//! does not validate).
//!
//! What it reproduces of Plane, because adapters must cope with it:
//! - one workspace, slug [`WORKSPACE`]; another slug is 403 (`detail`), as Plane's permission
//!   classes refuse a workspace the key's user is not a member of;
//! - credentials `X-API-Key: KEY`; `X-RateLimit-Remaining` and `X-RateLimit-Reset` (Unix
//!   seconds) when a quota is set, and 429 with `Retry-After` and a `detail` when it is spent
//!   (the shared server also sends `X-RateLimit-Limit`, which Plane does not);
//! - both path families of work items: the older `issues` and the newer `work-items`
//!   (`/workspaces/{slug}/projects/{project_id}/work-items/`,
//!   `/workspaces/{slug}/work-items/{PROJ}-{sequence}/`), served alike;
//! - ids are UUIDs (the tracker's numbers written in UUID shape); a path id that is not a UUID
//!   is 404, as Django's `<uuid:…>` routes answer;
//! - lists page by cursor: `per_page` (default and cap 100), `cursor` `LIMIT:PAGE:IS_PREV` with
//!   the offset `PAGE × per_page`, answers with `results`, `next_cursor`, `next_page_results`,
//!   `total_count` and the rest of Plane's paginator fields; a malformed cursor or `per_page`
//!   is 400; project members are one unpaged list;
//! - work item lists filter on nothing (`pql` and `filters` are 400, as on the community
//!   edition) and order by `order_by` (`created_at`, `updated_at`, `sequence_id`, each also
//!   descending; anything else is the default `-created_at`);
//! - `expand=state,labels,assignees` turns those ids into objects; without it they are ids;
//!   writes answer without expansion, as Plane does;
//! - descriptions and comments are HTML strings stored as sent (`description_html`,
//!   `comment_html`); the seed's plain text answers as one `<p>`; an empty description is
//!   `<p></p>`;
//! - no workflow rules: any state of the project may be set, whatever the tracker's
//!   `allowed_moves` say (Plane's community edition has none);
//! - a state of another project is 400; labels of another project and assignees who are not
//!   members are dropped silently, as Plane filters both by project; an id that names nothing
//!   is 400 (`Invalid pk`).
//!
//! Modules: `plane/ids.rs` (UUIDs), `plane/paging.rs` (cursor pages), `plane/render.rs`
//! (JSON), `plane/projects.rs` (projects, states, labels, members), `plane/items.rs` (work
//! items and comments).

// A refusal here is the response a handler answers, built at most once per request; boxing
// it would only add noise.
#![allow(clippy::result_large_err)]

#[path = "ids.rs"]
pub mod ids;
#[path = "items.rs"]
mod items;
#[path = "paging.rs"]
pub mod paging;
#[path = "projects.rs"]
mod projects;
#[path = "render.rs"]
pub mod render;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, Style};
use mosaic_fake_kit::tracker::{Project, Tracker};
use serde_json::{Value, json};
use std::sync::Arc;

/// The Plane fake's state.
pub type PlaneState = FakeState<Tracker>;

/// The one workspace the fake serves.
pub const WORKSPACE: &str = "acme";

/// The two path families of work items: Plane's older and newer names.
pub const ITEM_PATHS: [&str; 2] = ["issues", "work-items"];

/// Django REST framework's error body, which Plane answers for authentication, permission,
/// throttling and paging errors.
pub fn detail_body(message: &str) -> Value {
    json!({ "detail": message })
}

/// How the Plane fake speaks: `X-API-Key`, below `/api/v1`.
pub fn style(api_key: &str) -> Style {
    Style {
        prefix: "/api/v1".into(),
        auth_header: "x-api-key",
        accepted: vec![api_key.to_owned()],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: false,
        unmetered: Vec::new(),
        error_body: detail_body,
        reset: mosaic_fake_kit::server::ResetWritten::UnixSeconds,
        writes: mosaic_fake_kit::server::method_writes,
    }
}

/// Starts a Plane fake serving `tracker` in workspace [`WORKSPACE`], accepting `api_key`.
pub async fn start(tracker: Tracker, api_key: &str) -> FakeServer<Tracker> {
    FakeServer::start(style(api_key), tracker, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/plane`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new(
        "plane",
        "fake-plane-key",
        style,
        Tracker::seeded,
        routes,
    )]
}

/// Plane's routes, as mounted below `/api/v1`.
pub fn routes() -> Router<Arc<PlaneState>> {
    let mut router = Router::new()
        .route("/workspaces/{slug}/projects/", get(projects::list))
        .route(
            "/workspaces/{slug}/projects/{project_id}/states/",
            get(projects::states),
        )
        .route(
            "/workspaces/{slug}/projects/{project_id}/labels/",
            get(projects::labels),
        )
        .route(
            "/workspaces/{slug}/projects/{project_id}/members/",
            get(projects::members),
        );
    for family in ITEM_PATHS {
        router = router
            .route(
                &format!("/workspaces/{{slug}}/{family}/{{identifier}}/"),
                get(items::by_identifier),
            )
            .route(
                &format!("/workspaces/{{slug}}/projects/{{project_id}}/{family}/"),
                get(items::list).post(items::create),
            )
            .route(
                &format!("/workspaces/{{slug}}/projects/{{project_id}}/{family}/{{id}}/"),
                get(items::get_one).patch(items::edit),
            )
            .route(
                &format!("/workspaces/{{slug}}/projects/{{project_id}}/{family}/{{id}}/comments/"),
                get(items::comments).post(items::comment),
            );
    }
    router
}

/// Plane's own error body, `{"error": …}`, with a status.
fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// A Django REST framework refusal, `{"detail": …}`.
fn detail(status: StatusCode, message: &str) -> Response {
    (status, Json(detail_body(message))).into_response()
}

/// The 403 of a workspace the caller is no member of.
fn check_workspace(slug: &str) -> Result<(), Response> {
    if slug == WORKSPACE {
        Ok(())
    } else {
        Err(detail(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action.",
        ))
    }
}

/// The project a path's `project_id` names, after the workspace check.
fn project_of<'t>(
    tracker: &'t Tracker,
    slug: &str,
    project_id: &str,
) -> Result<&'t Project, Response> {
    check_workspace(slug)?;
    ids::number(project_id)
        .and_then(|id| tracker.project_by_id(id))
        .ok_or_else(|| error(StatusCode::NOT_FOUND, "Project not found"))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
