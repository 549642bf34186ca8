//! A fake of Gitea's API v1 (Gitea 1.22) below `/api/v1`, over one [`Forge`]: the routes the
//! `gitea` adapter uses, Gitea's JSON shapes, status codes and error bodies
//! (`{"message", "url"}`, 404s as `{"message", "url", "errors"}`).
//!
//! What it reproduces of Gitea, because adapters must cope with it:
//! - credentials `Authorization: token T` (or `Bearer T`); no rate-limit headers and no
//!   `ETag`s on JSON answers, as Gitea sends none (tests switch either on through the
//!   server's knobs and [`Style`]);
//! - pages: `page` and `limit`, a `limit` of 0 or garbage meaning 30, capped at 50
//!   (`[api] MAX_RESPONSE_ITEMS`), `Link` and `X-Total-Count` headers;
//! - commits of one path in pages of 50 whatever `limit` says, with the `Link` header still
//!   computed from `limit` (Gitea 1.22's own arithmetic), 404 for a path no commit touched,
//!   500 with an empty message for an unknown `sha`;
//! - pull requests are issues: issue lists include them unless `type=issues`, an issue get of
//!   one shows it with `pull_request` set, comments on them go through the issue;
//! - label filters drop names the repository does not have (and filter on none when no name
//!   is left); labels are written by id, unknown ids ignored;
//! - drafts are titles starting with `WIP:` or `[WIP]` (any case); merging one answers 405;
//!   merging a merged pull request answers 405 with an empty message, a closed one 404;
//! - only one owner level: nested-group repositories of the seed do not exist here.
//!
//! Modules: `gitea/render.rs` (JSON), `gitea/repos.rs` (repositories, branches, contents,
//! commits, labels), `gitea/issues.rs` (issues and comments), `gitea/pulls.rs` (pull requests).

#[path = "issues.rs"]
mod issues;
#[path = "pulls.rs"]
mod pulls;
#[path = "render.rs"]
mod render;
#[path = "repos.rs"]
mod repos;

use axum::body::Bytes;
use axum::extract::OriginalUri;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use mosaic_fake_kit::forge::{Forge, Repo};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::paging::{link_header, page_of};
use mosaic_fake_kit::server::{FakeServer, FakeState, Style};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Items per page when none is asked (`[api] DEFAULT_PAGING_NUM`).
pub const DEFAULT_PAGING_NUM: u32 = 30;

/// The largest page served (`[api] MAX_RESPONSE_ITEMS`).
pub const MAX_RESPONSE_ITEMS: u32 = 50;

/// Commits per page of a path's history (`[git] COMMITS_RANGE_SIZE`).
pub const COMMITS_RANGE_SIZE: u32 = 50;

/// How the Gitea fake speaks.
pub fn style(token: &str) -> Style {
    Style {
        prefix: "/api/v1".into(),
        auth_header: "authorization",
        accepted: vec![format!("token {token}"), format!("Bearer {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: false,
        unmetered: Vec::new(),
        error_body: mosaic_fake_kit::server::message_body,
        reset: mosaic_fake_kit::server::ResetWritten::UnixSeconds,
        writes: mosaic_fake_kit::server::method_writes,
    }
}

/// Starts a Gitea fake serving `forge`, accepting `token`.
pub async fn start(forge: Forge, token: &str) -> FakeServer {
    FakeServer::start(style(token), forge, routes()).await
}

/// Starts a Gitea fake in a custom style (a proxy in front that adds `ETag`s, say).
pub async fn start_with(style: Style, forge: Forge) -> FakeServer {
    FakeServer::start(style, forge, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/gitea`, and a second copy
/// with state of its own at `/gitea-mirror`, the read mirror of `examples/hybrid-git.yaml`.
pub fn mounts() -> Vec<FakeMount> {
    vec![
        FakeMount::new("gitea", "fake-gitea-token", style, Forge::seeded, routes),
        FakeMount::new(
            "gitea-mirror",
            "fake-gitea-mirror-token",
            style,
            Forge::seeded,
            routes,
        ),
    ]
}

/// Gitea's routes, as mounted below `/api/v1`.
pub fn routes() -> Router<Arc<FakeState>> {
    Router::new()
        .route("/version", get(repos::version))
        .route("/user/repos", get(repos::user_repos))
        .route("/users/{username}/repos", get(repos::users_repos))
        .route("/orgs/{org}/labels", get(repos::org_labels))
        .route("/repos/{owner}/{repo}", get(repos::repo_get))
        .route("/repos/{owner}/{repo}/branches", get(repos::branches))
        .route(
            "/repos/{owner}/{repo}/contents/{*path}",
            get(repos::contents),
        )
        .route("/repos/{owner}/{repo}/commits", get(repos::commits))
        .route("/repos/{owner}/{repo}/labels", get(repos::labels))
        .route(
            "/repos/{owner}/{repo}/issues",
            get(issues::list).post(issues::create),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{index}",
            get(issues::get_one).patch(issues::edit),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{index}/labels",
            put(issues::replace_labels),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{index}/comments",
            post(issues::comment),
        )
        .route(
            "/repos/{owner}/{repo}/pulls",
            get(pulls::list).post(pulls::create),
        )
        .route("/repos/{owner}/{repo}/pulls/{index}", get(pulls::get_one))
        .route(
            "/repos/{owner}/{repo}/pulls/{index}/merge",
            post(pulls::merge),
        )
}

type Params = HashMap<String, String>;

/// Gitea's `APIError`: `{"message", "url"}`, the URL being its API documentation.
fn api_error(state: &FakeState, status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({ "message": message.into(), "url": swagger(state) });
    (status, Json(body)).into_response()
}

/// Gitea's 404: `{"message", "url", "errors"}`.
fn not_found(state: &FakeState, errors: &[String]) -> Response {
    let body = json!({
        "message": "The target couldn't be found.",
        "url": swagger(state),
        "errors": errors,
    });
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

/// A 422 from Gitea's form binding: `[Field]: Required`.
fn required(state: &FakeState, field: &str) -> Response {
    api_error(
        state,
        StatusCode::UNPROCESSABLE_ENTITY,
        format!("[{field}]: Required"),
    )
}

fn swagger(state: &FakeState) -> String {
    format!("{}/api/swagger", state.origin)
}

/// A request body as JSON; what does not parse is a 422, as Gitea's binding answers it.
fn json_body(state: &FakeState, body: &Bytes) -> Result<Value, Box<Response>> {
    serde_json::from_slice(body).map_err(|error| {
        Box::new(api_error(
            state,
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("[]: {error}"),
        ))
    })
}

/// `page` and `limit` as Gitea reads them: garbage or nothing is the default, a page below 1
/// is the first, a size above the maximum is the maximum.
fn list_options(params: &Params) -> (u32, u32) {
    let number = |name: &str| params.get(name).and_then(|text| text.parse::<i64>().ok());
    let page = number("page").filter(|page| *page >= 1).unwrap_or(1);
    let limit = match number("limit") {
        Some(limit) if limit > 0 => limit.min(i64::from(MAX_RESPONSE_ITEMS)),
        _ => i64::from(DEFAULT_PAGING_NUM),
    };
    (
        u32::try_from(page).unwrap_or(u32::MAX),
        u32::try_from(limit).unwrap_or(MAX_RESPONSE_ITEMS),
    )
}

/// One page of `items` with Gitea's `Link` and `X-Total-Count` headers.
fn paged(state: &FakeState, uri: &OriginalUri, params: &Params, items: &[Value]) -> Response {
    let (page, limit) = list_options(params);
    let (slice, next, last) = page_of(items, page, limit);
    let mut response = Json(Value::Array(slice)).into_response();
    add_page_headers(state, uri, params, &mut response, page, next, last);
    response
        .headers_mut()
        .insert("x-total-count", HeaderValue::from(items.len()));
    response
}

/// The `Link` header of page `page` of `last`, pointing at this same list.
fn add_page_headers(
    state: &FakeState,
    uri: &OriginalUri,
    params: &Params,
    response: &mut Response,
    page: u32,
    next: Option<u32>,
    last: u32,
) {
    let mut query: Vec<String> = params
        .iter()
        .filter(|(name, _)| name.as_str() != "page")
        .map(|(name, value)| format!("{name}={}", encode_query(value)))
        .collect();
    query.sort();
    let mut url = format!("{}{}", state.origin, uri.path());
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    let link = link_header(&url, page, next, last);
    if let Ok(value) = HeaderValue::from_str(&link)
        && !link.is_empty()
    {
        response.headers_mut().insert(header::LINK, value);
    }
}

/// A query value as it may appear in a URL (enough for the fakes' own links).
fn encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Gitea's repositories: one owner level, names compared without case.
fn find_repo<'f>(forge: &'f Forge, owner: &str, name: &str) -> Option<&'f Repo> {
    let wanted = format!("{owner}/{name}").to_lowercase();
    forge
        .repos
        .iter()
        .filter(|repo| !repo.owner.contains('/'))
        .find(|repo| repo.full_name().to_lowercase() == wanted)
}

/// An issue index from the path; Gitea's router answers 404 to what is not a number.
fn parse_index(text: &str) -> Option<u64> {
    text.parse().ok()
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
