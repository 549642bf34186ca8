//! A fake of Redmine's REST API (JSON), over one [`Tracker`], speaking the shapes of the
//! vendored description (`providers/redmine/api/openapi.yaml`, Redmine 7.0): Redmine has no
//! native plugin here, the `redmine-manifest` declarative manifest (`plugins/redmine.yaml`) is
//! tested on it.
//!
//! What it reproduces of Redmine, because a client must cope with it:
//! - credentials in `X-Redmine-API-Key` (the description's `ApiKey` scheme), 401 without;
//!   the API at the server's root, each resource a `.json` file;
//! - lists page by `offset` and `limit` (default 25, at most 100; an offset that is not a
//!   number is 0, as Ruby reads it) and answer `total_count`, `offset` and `limit` beside the
//!   list;
//! - issues are numbered once across the server, in creation order: the seed's `PLAT-n` is
//!   issue `n`, `WEB-1` issue 46; project identifiers are the keys in lower case (`plat`);
//! - the issue list shows open issues unless `status_id` says otherwise (`o`, `c`, `*`,
//!   `open`, `closed`, ids `1|2`, `!3`), filters `project_id` (id or identifier),
//!   `assigned_to_id` (`me` too), `tracker_id`, `category_id`, `priority_id`, `issue_id`,
//!   `subject`, `description` and `any_searchable` (`~`, `!~`, `^`, `$`), `updated_on` and
//!   `created_on` (`>=`, `<=`, `><`), sorts by `sort` (`id:desc` by default); a filter value
//!   that names nothing is 422 with the query's errors;
//! - statuses are global, each `is_closed` or not; the tracker's states are their names;
//!   Redmine holds one category per issue, so a work item's labels are its first label, each
//!   project's labels its categories; priorities are Redmine's five (none and medium are both
//!   Normal);
//! - `GET /issues/{id}.json` with `include=journals` (comments are journals with notes) and
//!   `include=allowed_statuses` (what the workflow allows, the current status among them);
//! - `POST /issues.json` answers 201 with the issue; `PUT /issues/{id}.json` answers 204 with
//!   no body, `notes` adding a journal; a status the workflow does not allow is dropped
//!   silently while the rest of the change goes through (`Issue#safe_attributes=`);
//! - refusals: 404 with no body (`head :not_found`), 422 `{"errors": [...]}` with every
//!   validation error of the write, and a body that is not JSON is 400; the shared server's own
//!   refusals (credentials, quota, scripted failures) carry `{"errors": [message]}`.
//!
//! Not reproduced: the `key` query parameter (the shared server checks one header), XML,
//! Basic authentication, permissions (every key may do everything), custom fields, versions,
//! subprojects.
//!
//! Modules: `ids.rs` (Redmine's ids for the tracker's), `render.rs` (JSON), `paging.rs`,
//! `filters.rs` (the issue list's filters), `projects.rs` (projects, statuses, trackers,
//! priorities, categories, users), `issues.rs` (issues and their changes).

// A refusal here is the response a handler answers, built at most once per request; boxing
// it would only add noise.
#![allow(clippy::result_large_err)]

mod filters;
pub mod ids;
mod issues;
pub mod paging;
mod projects;
pub mod render;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, ResetWritten, Style, method_writes};
use mosaic_fake_kit::tracker::Tracker;
use serde_json::{Value, json};
use std::sync::Arc;

/// The Redmine fake's state.
pub type RedmineState = FakeState<Tracker>;

/// The key `mosaic-fakes serve` accepts.
pub const SERVED_KEY: &str = "fake-redmine-key";

/// Redmine's validation errors, `{"errors": [...]}` (the description's `errors`).
pub fn errors_body(message: &str) -> Value {
    json!({ "errors": [message] })
}

/// How the Redmine fake speaks: `X-Redmine-API-Key`, at the server's root.
pub fn style(api_key: &str) -> Style {
    Style {
        prefix: String::new(),
        auth_header: "x-redmine-api-key",
        accepted: vec![api_key.to_owned()],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: false,
        unmetered: Vec::new(),
        error_body: errors_body,
        reset: ResetWritten::UnixSeconds,
        writes: method_writes,
    }
}

/// Starts a Redmine fake serving `tracker`, accepting `api_key`.
pub async fn start(tracker: Tracker, api_key: &str) -> FakeServer<Tracker> {
    FakeServer::start(style(api_key), tracker, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/redmine`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new(
        "redmine",
        SERVED_KEY,
        style,
        Tracker::seeded,
        routes,
    )]
}

/// Redmine's routes. Paths with an id end in `.json` within their last segment, so those
/// routes take the whole segment and read the id out of it.
pub fn routes() -> Router<Arc<RedmineState>> {
    Router::new()
        .route("/projects.json", get(projects::list))
        .route("/projects/{project_id}/{file}", get(projects::below))
        .route("/issues.json", get(issues::list).post(issues::create))
        .route("/issues/{file}", get(issues::get_one).put(issues::update))
        .route("/issue_statuses.json", get(projects::statuses))
        .route("/trackers.json", get(projects::trackers))
        .route(
            "/enumerations/issue_priorities.json",
            get(projects::priorities),
        )
        .route("/users.json", get(projects::users))
        .route("/users/{file}", get(projects::current))
}

/// A refusal with Redmine's validation errors.
fn errors(status: StatusCode, messages: &[String]) -> Response {
    (status, Json(json!({ "errors": messages }))).into_response()
}

/// Redmine's 404: no body.
fn not_found() -> Response {
    StatusCode::NOT_FOUND.into_response()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
