//! A fake of Notion's REST API below `/v1`, over one [`Wiki`]: the routes the `notion`
//! adapter uses, Notion's JSON shapes, status codes and error bodies
//! (`{"object": "error", "status", "code", "message"}`).
//!
//! What it reproduces of Notion, because adapters must cope with it:
//! - credentials `Authorization: Bearer TOKEN`, and a `Notion-Version` header on every request
//!   (400 `missing_version` without one, 400 `validation_error` for an unknown one);
//! - the wiki's spaces as top-level pages (parent `workspace`), their pages below them, a
//!   child page below its parent; ids are UUIDs (`ids.rs`); pages carry `in_trash` and the
//!   older `archived`;
//! - `POST /search` matching titles only, never bodies, filtering by object type only, paged
//!   by `start_cursor`/`next_cursor`/`has_more` (`page_size` 1 to 100, default 100);
//! - bodies through the Markdown endpoints in enhanced Markdown, stored as sent; the seed's
//!   Markdown bodies as Notion would answer them (one block a line), its HTML one converted;
//! - with [`NotionData::truncate_after`] set, a body longer than that many lines is answered
//!   `truncated` with `<unknown …/>` tags and `unknown_block_ids`, each block's lines served
//!   by `GET /pages/{block id}/markdown`, as Notion does beyond its record limit;
//! - `PATCH /pages/{id}/markdown` with `replace_content` only (its other commands are 400).
//!
//! Not served: blocks, databases and data sources (a walk up parents meets only pages here).
//!
//! Modules: `ids.rs` (UUIDs), `render.rs` (JSON and bodies), `pages.rs` (page routes),
//! `search.rs` (`POST /search`); with the `suite` feature, `seed.rs` (the shared suites'
//! reads of the data).

// A refusal here is the response a handler answers, built at most once per request; boxing
// it would only add noise.
#![allow(clippy::result_large_err)]

#[path = "ids.rs"]
pub mod ids;
#[path = "pages.rs"]
mod pages;
#[path = "render.rs"]
pub mod render;
#[path = "search.rs"]
mod search;
#[cfg(feature = "suite")]
#[path = "seed.rs"]
mod seed;

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, ResetWritten, Style, method_writes};
use mosaic_fake_kit::wiki::Wiki;
use serde_json::{Value, json};
use std::sync::Arc;

/// The fake's data: the wiki, and how Notion truncates bodies.
#[derive(Clone, Debug, Default)]
pub struct NotionData {
    /// The pages.
    pub wiki: Wiki,
    /// Bodies longer than this many lines are answered truncated; `None` never.
    pub truncate_after: Option<usize>,
}

impl NotionData {
    /// The wiki's seed, its bodies as Notion answers them.
    pub fn seeded() -> Self {
        Self {
            wiki: render::as_notion(Wiki::seeded()),
            truncate_after: None,
        }
    }
}

/// The Notion fake's state.
pub type NotionState = FakeState<NotionData>;

/// The API versions the fake accepts.
pub const VERSIONS: [&str; 3] = ["2022-06-28", "2025-09-03", "2026-03-11"];

/// Notion's error body.
pub fn error_body(status: u16, code: &str, message: &str) -> Value {
    json!({"object": "error", "status": status, "code": code, "message": message})
}

/// Notion's refusal with `status` and `message`, under the code Notion answers that status
/// with (developers.notion.com/reference/status-codes).
pub fn refusal_body(status: u16, message: &str) -> Value {
    let code = match status {
        400 => "validation_error",
        401 => "unauthorized",
        403 => "restricted_resource",
        404 => "object_not_found",
        409 => "conflict_error",
        429 => "rate_limited",
        503 => "service_unavailable",
        _ => "internal_server_error",
    };
    error_body(status, code, message)
}

/// The shared server's own refusals, as Notion words them.
fn middleware_refusal(message: &str) -> Value {
    match message {
        "Bad credentials" => error_body(401, "unauthorized", "API token is invalid."),
        "API rate limit exceeded" => error_body(
            429,
            "rate_limited",
            "You have been rate limited. Please try again in a few minutes.",
        ),
        "Not Found" => error_body(404, "object_not_found", "Invalid request URL."),
        other => error_body(500, "internal_server_error", other),
    }
}

/// A Notion refusal.
pub fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(error_body(status.as_u16(), code, message))).into_response()
}

/// How the Notion fake speaks: `Authorization: Bearer TOKEN`, below `/v1`, no quota headers
/// (a quota set on its knobs is sent as a limiting proxy in front would: GitHub's
/// `X-RateLimit-*`, the reset in Unix seconds).
pub fn style(token: &str) -> Style {
    Style {
        prefix: "/v1".into(),
        auth_header: "authorization",
        accepted: vec![format!("Bearer {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: false,
        unmetered: Vec::new(),
        error_body: middleware_refusal,
        reset: ResetWritten::UnixSeconds,
        writes: method_writes,
    }
}

/// Starts a Notion fake serving `data`, accepting `token`.
pub async fn start(data: NotionData, token: &str) -> FakeServer<NotionData> {
    FakeServer::start(style(token), data, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/notion`, exporting the root
/// page of the seed's `PRODUCT` space as `MOSAIC_NOTION_PRODUCT_PAGE` (what
/// `examples/global-docs.yaml` names its product space by).
pub fn mounts() -> Vec<FakeMount> {
    let product = Wiki::seeded()
        .space("PRODUCT")
        .map(|space| ids::page_id(space.id))
        .expect("the seed has a PRODUCT space");
    vec![
        FakeMount::new(
            "notion",
            "fake-notion-token",
            style,
            NotionData::seeded,
            routes,
        )
        .with_variable("PRODUCT_PAGE", product),
    ]
}

/// Notion's routes, as mounted below `/v1`.
pub fn routes() -> Router<Arc<NotionState>> {
    Router::new()
        .route("/users/me", get(pages::me))
        .route("/search", post(search::search))
        .route("/pages", post(pages::create))
        .route("/pages/{id}", get(pages::get_one).patch(pages::edit))
        .route(
            "/pages/{id}/markdown",
            get(pages::markdown).patch(pages::replace_markdown),
        )
        .layer(middleware::from_fn(check_version))
}

/// Refuses a request without a `Notion-Version` Notion knows.
async fn check_version(request: Request, next: Next) -> Response {
    let version = request
        .headers()
        .get("notion-version")
        .and_then(|value| value.to_str().ok());
    match version {
        None => error(
            StatusCode::BAD_REQUEST,
            "missing_version",
            "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.",
        ),
        Some(version) if !VERSIONS.contains(&version) => error(
            StatusCode::BAD_REQUEST,
            "validation_error",
            &format!(
                "Notion-Version header failed validation: `{version}` is not a version of the API."
            ),
        ),
        Some(_) => next.run(request).await,
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
