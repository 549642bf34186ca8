//! A fake of Confluence Cloud over one [`Wiki`]: the v2 routes of spaces and pages and v1's
//! CQL search that the `confluence` adapter uses, in Confluence's JSON shapes, status codes
//! and error bodies.
//!
//! What it reproduces of Confluence, because adapters must cope with it:
//! - credentials `Authorization: Basic base64(email:token)` or `Bearer token`; the fake can
//!   be served below `/ex/confluence/{cloudId}` as Atlassian's OAuth gateway is (a prefix),
//!   while its `_links.next` stay site-relative (`/wiki/api/v2/…`), as Confluence's do;
//! - v2 errors `{"errors": [{status, code, title, detail}]}`, v1's `{statusCode, message}`
//!   (search, and the middleware's own refusals), 410 for v1's retired `/rest/api/content`;
//! - lists paged by an opaque `cursor` carried in `_links.next` (`limit` capped at 250 for
//!   v2, 100 for search);
//! - bodies in storage format: the seed's Markdown rendered as storage (`render.rs`), bodies
//!   written by adapters stored as sent; `body-format=storage` asks for them;
//! - updates need `version.number` one above the current version (409 otherwise, naming the
//!   current one) and a title; two pages of a space cannot share a title (400);
//! - search takes `type = page AND space = "K" AND text ~ "q"` (`cql.rs`; anything else is
//!   400), and highlights matches in excerpts with `@@@hl@@@`/`@@@endhl@@@`.

#[path = "cql.rs"]
pub mod cql;
#[path = "pages.rs"]
mod pages;
#[path = "render.rs"]
pub mod render;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, Style};
use mosaic_fake_kit::wiki::Wiki;
use serde_json::{Value, json};
use std::sync::Arc;

/// The Confluence fake's state.
pub type ConfluenceState = FakeState<Wiki>;

/// The e-mail the fake's Basic credentials carry.
pub const EMAIL: &str = "ana@example.com";

/// The token `mosaic-fakes serve` accepts.
pub const TOKEN: &str = "fake-confluence-token";

/// v1's error body, which the middleware's own refusals (credentials, quota) use too.
pub fn error_body(message: &str) -> Value {
    json!({ "statusCode": 0, "message": message })
}

/// How the Confluence fake speaks: Basic for `EMAIL` with `token`, or `Bearer token`.
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

/// Starts a Confluence fake serving `wiki`, accepting `token`.
pub async fn start(wiki: Wiki, token: &str) -> FakeServer<Wiki> {
    FakeServer::start(style(token), wiki, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/confluence`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new("confluence", TOKEN, style, Wiki::seeded, routes).with_email(EMAIL)]
}

/// Confluence's routes.
pub fn routes() -> Router<Arc<ConfluenceState>> {
    Router::new()
        .route("/wiki/api/v2/spaces", get(pages::spaces))
        .route("/wiki/api/v2/spaces/{id}", get(pages::space))
        .route("/wiki/api/v2/pages", axum::routing::post(pages::create))
        .route(
            "/wiki/api/v2/pages/{id}",
            get(pages::get_one).put(pages::update),
        )
        .route("/wiki/rest/api/search", get(cql::search))
        .route("/wiki/rest/api/content", get(gone).post(gone))
        .route("/wiki/rest/api/content/{id}", get(gone).put(gone))
}

/// v2's error answer.
pub fn v2_error(status: StatusCode, title: &str) -> Response {
    let code = status
        .canonical_reason()
        .unwrap_or("ERROR")
        .to_ascii_uppercase()
        .replace(' ', "_");
    let body = json!({"errors": [{"status": status.as_u16(), "code": code, "title": title, "detail": null}]});
    (status, axum::Json(body)).into_response()
}

/// v1's error answer.
pub fn v1_error(status: StatusCode, message: &str) -> Response {
    let body = json!({"statusCode": status.as_u16(), "message": message, "data": {"authorized": true, "valid": false, "errors": [], "successful": false}});
    (status, axum::Json(body)).into_response()
}

/// v1's content API, retired on Cloud: 410 Gone.
async fn gone() -> Response {
    v1_error(
        StatusCode::GONE,
        "This API is no longer available: use /wiki/api/v2",
    )
}

/// An opaque cursor for the item at `offset` (base64 of `offset:N`).
pub fn cursor_at(offset: usize) -> String {
    base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        format!("offset:{offset}"),
    )
}

/// The offset of a cursor this fake issued.
pub fn offset_of(cursor: Option<&str>) -> Option<usize> {
    let Some(cursor) = cursor else {
        return Some(0);
    };
    let bytes =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, cursor).ok()?;
    String::from_utf8(bytes)
        .ok()?
        .strip_prefix("offset:")?
        .parse()
        .ok()
}
