//! A fake of Jira Cloud's platform REST API v3 over one [`Tracker`]: the routes the `jira`
//! adapter uses, Jira's JSON shapes, status codes and error bodies
//! (`{"errorMessages": [...], "errors": {field: message}}`).
//!
//! What it reproduces of Jira, because adapters must cope with it:
//! - credentials `Authorization: Basic base64(email:token)` or `Bearer token`;
//! - `X-RateLimit-*` headers when a quota is set, 429 with `Retry-After` when it is spent;
//! - searches evaluate the JQL (the subset in `jira/jql.rs`; anything else is 400 like Jira's
//!   "Error in the JQL Query"), ordered by `updated DESC, key ASC`: `GET /search` pages by
//!   `startAt` with `total`, `GET /search/jql` by an opaque `nextPageToken` and `isLast`;
//!   `maxResults` is capped at 100;
//! - descriptions and comments are ADF documents, stored as sent; seeded text answers as a
//!   one-paragraph document;
//! - writes name people by `accountId` only; `chloe` hides her e-mail;
//! - transitions follow the project's workflow (`PLAT` reaches Done only from started states);
//!   one transition per reachable status, its id the status id; an unavailable one is 400;
//! - create answers `{id, key, self}` (201); update and transition 204.
//!
//! Modules: `jira/jql.rs` (JQL), `jira/render.rs` (JSON), `jira/issues.rs` (routes of work
//! items).

#[path = "issues.rs"]
mod issues;
#[path = "jql.rs"]
pub mod jql;
#[path = "render.rs"]
pub mod render;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, Style};
use mosaic_fake_kit::tracker::Tracker;
use serde_json::{Value, json};
use std::sync::Arc;

/// The Jira fake's state.
pub type JiraState = FakeState<Tracker>;

/// The e-mail the fake's Basic credentials carry.
pub const EMAIL: &str = "ana@example.com";

/// Jira's error body.
pub fn error_body(message: &str) -> Value {
    json!({ "errorMessages": [message], "errors": {} })
}

/// How the Jira fake speaks: Basic for `EMAIL` with `token`, or `Bearer token`.
pub fn style(token: &str) -> Style {
    let basic = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        format!("{EMAIL}:{token}"),
    );
    Style {
        prefix: String::new(),
        auth_header: "authorization",
        accepted: vec![format!("Basic {basic}"), format!("Bearer {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: false,
        unmetered: Vec::new(),
        error_body,
        reset: mosaic_fake_kit::server::ResetWritten::UtcTime,
        writes: mosaic_fake_kit::server::method_writes,
    }
}

/// Starts a Jira fake serving `tracker`, accepting `token`.
pub async fn start(tracker: Tracker, token: &str) -> FakeServer<Tracker> {
    FakeServer::start(style(token), tracker, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/jira`.
pub fn mounts() -> Vec<FakeMount> {
    vec![
        FakeMount::new("jira", "fake-jira-token", style, Tracker::seeded, routes).with_email(EMAIL),
    ]
}

/// Jira's routes.
pub fn routes() -> Router<Arc<JiraState>> {
    Router::new()
        .route("/rest/api/3/myself", get(issues::myself))
        .route("/rest/api/3/project/search", get(issues::projects))
        .route("/rest/api/3/search", get(issues::search_by_offset))
        .route("/rest/api/3/search/jql", get(issues::search_by_token))
        .route("/rest/api/3/user/search", get(issues::users))
        .route("/rest/api/3/issue", post(issues::create))
        .route(
            "/rest/api/3/issue/{key}",
            get(issues::get_one).put(issues::edit),
        )
        .route(
            "/rest/api/3/issue/{key}/transitions",
            get(issues::transitions).post(issues::transition),
        )
        .route("/rest/api/3/issue/{key}/comment", post(issues::comment))
}

/// An error answer in Jira's shape, with field errors.
fn jira_error(status: StatusCode, messages: &[&str], fields: Value) -> Response {
    (
        status,
        Json(json!({ "errorMessages": messages, "errors": fields })),
    )
        .into_response()
}

/// Jira's 404 for an issue the caller cannot see.
fn no_issue() -> Response {
    jira_error(
        StatusCode::NOT_FOUND,
        &["Issue does not exist or you do not have permission to see it."],
        json!({}),
    )
}
