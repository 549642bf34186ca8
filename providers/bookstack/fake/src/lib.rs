//! A fake of BookStack's REST API below `/api`, over one [`Wiki`]: the routes the `bookstack`
//! adapter uses, BookStack's JSON shapes, its validation rules and its error bodies
//! (`{"error": {"code", "message"}}`, with Laravel's `validation` fields for a 422).
//!
//! What it reproduces of BookStack, because adapters must cope with it:
//! - credentials `Authorization: Token ID:SECRET`; `X-RateLimit-Limit` and
//!   `X-RateLimit-Remaining` (180 a minute, BookStack's default), and 429 with `Retry-After`
//!   when they are spent (the shared server also sends `X-RateLimit-Reset` on every answer,
//!   which Laravel sends only with a 429);
//! - the wiki's spaces are books (slug: the key in lower case), its sections chapters; a page
//!   under a page in the wiki sits in its chapter (BookStack has no pages under pages);
//! - lists (`/books`) page by `count` (default 100, at most 500), `offset` and `sort`
//!   (`id`, `name`, each `+` or `-`), filter by `filter[slug]`, `filter[id]` and
//!   `filter[name]`, and answer `{"data", "total"}`;
//! - search (`/search`) pages by `page` and `count` (at most 100, 422 beyond), reads
//!   `{type:…}` and `{created_by:me}` and ignores other filters; without `{type:page}` books
//!   and chapters whose names match come before pages; it has no filter by book;
//! - pages keep their body as written: `markdown` (the `markdown` field set, `editor:
//!   markdown`) or `html` (WYSIWYG, `markdown` empty); every page answers its `html`, and
//!   `/pages/{id}/export/markdown` answers `# Title` and the body as Markdown, as text;
//! - every save of a page moves `revision_count` on; no version is checked.
//!
//! Modules: `render.rs` (JSON), `books.rs` (books, chapters), `pages.rs` (pages, the export),
//! `search.rs` (the search and its syntax).

// A refusal here is the response a handler answers, built at most once per request; boxing
// it would only add noise.
#![allow(clippy::result_large_err)]

#[path = "books.rs"]
mod books;
#[path = "pages.rs"]
mod pages;
#[path = "render.rs"]
pub mod render;
#[path = "search.rs"]
pub mod search;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, ResetWritten, Style, method_writes};
use mosaic_fake_kit::wiki::Wiki;
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The BookStack fake's state.
pub type BookstackState = FakeState<Wiki>;

/// The token id the fake pairs with a secret given alone.
pub const TOKEN_ID: &str = "fake-bookstack-id";

/// BookStack's default quota, requests a minute (`API_REQUESTS_PER_MIN`).
pub const QUOTA: u64 = 180;

/// `{"error": {"code": STATUS, "message": MESSAGE}}`, BookStack's error body.
pub fn error_body(status: u16, message: &str) -> Value {
    json!({ "error": { "code": status, "message": message } })
}

/// The error body of the shared server's own refusals, which name no status: the status
/// their message stands for (bad credentials 401, a spent quota 429, an unknown route 404).
fn middleware_error_body(message: &str) -> Value {
    let status = match message {
        "Bad credentials" => 401,
        "API rate limit exceeded" => 429,
        _ => 404,
    };
    error_body(status, message)
}

/// How the BookStack fake speaks: `Authorization: Token ID:SECRET`, below `/api`. `token` is
/// `ID:SECRET`, or a secret alone, paired with [`TOKEN_ID`].
pub fn style(token: &str) -> Style {
    let token = if token.contains(':') {
        token.to_owned()
    } else {
        format!("{TOKEN_ID}:{token}")
    };
    Style {
        prefix: "/api".into(),
        auth_header: "authorization",
        accepted: vec![format!("Token {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: Some(QUOTA),
        etags: false,
        unmetered: Vec::new(),
        error_body: middleware_error_body,
        reset: ResetWritten::UnixSeconds,
        writes: method_writes,
    }
}

/// Starts a BookStack fake serving `wiki`, accepting `token`.
pub async fn start(wiki: Wiki, token: &str) -> FakeServer<Wiki> {
    FakeServer::start(style(token), wiki, routes()).await
}

/// The token `mosaic-fakes serve` accepts, as BookStack's credentials join it: `ID:SECRET`.
const TOKEN: &str = "fake-bookstack-id:fake-bookstack-secret";

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/bookstack`, exporting the
/// token's two halves too, as the adapter's settings take them.
pub fn mounts() -> Vec<FakeMount> {
    let (id, secret) = TOKEN.split_once(':').expect("the token is ID:SECRET");
    vec![
        FakeMount::new("bookstack", TOKEN, style, Wiki::seeded, routes)
            .with_variable("TOKEN_ID", id)
            .with_variable("TOKEN_SECRET", secret),
    ]
}

/// BookStack's routes, as mounted below `/api`.
pub fn routes() -> Router<Arc<BookstackState>> {
    Router::new()
        .route("/books", get(books::list))
        .route("/chapters/{id}", get(books::chapter))
        .route("/pages", axum::routing::post(pages::create))
        .route("/pages/{id}", get(pages::read).put(pages::update))
        .route("/pages/{id}/export/markdown", get(pages::export_markdown))
        .route("/search", get(search::all))
}

/// A refusal in BookStack's shape.
fn refusal(status: StatusCode, message: &str) -> Response {
    (status, Json(error_body(status.as_u16(), message))).into_response()
}

/// A 422 naming each field's problems, as Laravel's validator answers through BookStack.
fn invalid(fields: Map<String, Value>) -> Response {
    let mut body = error_body(422, "The given data was invalid.");
    body["error"]["validation"] = Value::Object(fields);
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// The entity id of a path (a positive number), else BookStack's 404 for `what`.
fn id_of(text: &str, what: &str) -> Result<u64, Response> {
    text.parse::<u64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| refusal(StatusCode::NOT_FOUND, &format!("{what} Not Found")))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
