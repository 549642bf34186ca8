//! A fake of Woodpecker CI's server API below `/api`, over one [`Builds`]: the routes the
//! `woodpecker` adapter uses, Woodpecker's JSON shapes and its refusals.
//!
//! What it reproduces of Woodpecker (2.x and 3.x, `server/api/*.go`), because adapters must
//! cope with it:
//! - credentials `Authorization: Bearer TOKEN`; no rate-limit headers of its own (a proxy in
//!   front may send 429 with `Retry-After`, which the scripted failures play);
//! - refusals as Woodpecker's handlers write them: plain text (`c.String`) such as
//!   `User not authorized` or `Cannot cancel a non-running or non-pending or non-blocked
//!   pipeline`, or an empty body (`c.AbortWithStatus`) for a missing repository or pipeline;
//! - repositories found by `GET /repos/lookup/{owner}/{name}` (Woodpecker's
//!   `/lookup/*repo_full_name`) and addressed by id afterwards; the seed's repositories keep
//!   their ids, so a test that changes an id plays a repository removed and activated again;
//! - pipelines (Woodpecker's word for a run) numbered per repository in creation order; the
//!   seed's pipeline definitions are the workflows inside each, holding their steps; the
//!   list pages by `page` and `perPage` (at most 50, more or less than 1 reads as 50) and
//!   filters by `branch` and `status`, as 3.x does;
//! - a manual trigger (`POST /repos/{id}/pipelines`, `{branch, variables}`) runs the
//!   repository's first definition; a repository without one answers `204` with
//!   `Pipeline-Filtered: true`, as Woodpecker does when no workflow matches;
//! - cancel answers `204`, and `400` in plain text for a finished pipeline;
//! - step logs as lines whose `data` is base64 (Go's `[]byte`), one line per log line.
//!
//! Every read of one pipeline (`GET /repos/{id}/pipelines/{number}`) moves its build on one
//! stage ([`Builds::advance`]), so a poller sees it through to its end; the list and the step
//! logs do not, so the logs of one read agree with the pipeline read just before them.
//!
//! Modules: `render.rs` (JSON), `repos.rs` (the user, lookups), `pipelines.rs` (the
//! pipelines, trigger, cancel, logs).

// A refusal here is the response a handler answers, built at most once per request; boxing
// it would only add noise.
#![allow(clippy::result_large_err)]

#[path = "pipelines.rs"]
mod pipelines;
#[path = "render.rs"]
pub mod render;
#[path = "repos.rs"]
mod repos;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use mosaic_fake_kit::builds::Builds;
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, ResetWritten, Style, method_writes};
use serde_json::Value;
use std::sync::Arc;

/// The Woodpecker fake's state.
pub type WoodpeckerState = FakeState<Builds>;

/// Woodpecker's largest page: `maxPageSize` in `server/router/middleware/session/pagination.go`.
pub const MAX_PER_PAGE: usize = 50;

/// The text of the shared server's own refusals as Woodpecker words them: its 401 is
/// `User not authorized`. Served as a JSON string: the shared server answers JSON.
fn middleware_error_body(message: &str) -> Value {
    match message {
        "Bad credentials" => Value::String("User not authorized".to_owned()),
        other => Value::String(other.to_owned()),
    }
}

/// How the Woodpecker fake speaks: `Authorization: Bearer TOKEN`, below `/api`, no quota.
pub fn style(token: &str) -> Style {
    Style {
        prefix: "/api".into(),
        auth_header: "authorization",
        accepted: vec![format!("Bearer {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: false,
        unmetered: Vec::new(),
        error_body: middleware_error_body,
        reset: ResetWritten::UnixSeconds,
        writes: method_writes,
    }
}

/// Starts a Woodpecker fake serving `builds`, accepting `token`.
pub async fn start(builds: Builds, token: &str) -> FakeServer<Builds> {
    FakeServer::start(style(token), builds, routes()).await
}

/// The token `mosaic-fakes serve` accepts.
const TOKEN: &str = "fake-woodpecker-token";

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/woodpecker`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new(
        "woodpecker",
        TOKEN,
        style,
        Builds::seeded,
        routes,
    )]
}

/// Woodpecker's routes, as mounted below `/api`.
pub fn routes() -> Router<Arc<WoodpeckerState>> {
    Router::new()
        .route("/user", get(repos::user))
        .route("/repos/lookup/{owner}/{name}", get(repos::lookup))
        .route("/repos/{repo_id}", get(repos::by_id))
        .route(
            "/repos/{repo_id}/pipelines",
            get(pipelines::list).post(pipelines::trigger),
        )
        .route("/repos/{repo_id}/pipelines/{number}", get(pipelines::read))
        .route(
            "/repos/{repo_id}/pipelines/{number}/cancel",
            post(pipelines::cancel),
        )
        .route(
            "/repos/{repo_id}/logs/{number}/{step_id}",
            get(pipelines::logs),
        )
}

/// A refusal as Woodpecker's `c.String` writes it: plain text.
fn text(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.to_owned(),
    )
        .into_response()
}

/// A refusal as Woodpecker's `c.AbortWithStatus` writes it: no body.
fn bare(status: StatusCode) -> Response {
    status.into_response()
}

/// A path's number (a repository id, a pipeline number, a step id); Woodpecker answers 400
/// to one that is not a number (`strconv.ParseInt` failing).
fn number_of(text: &str) -> Result<u64, Response> {
    text.parse::<u64>()
        .map_err(|_| crate::text(StatusCode::BAD_REQUEST, &format!("invalid number `{text}`")))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
