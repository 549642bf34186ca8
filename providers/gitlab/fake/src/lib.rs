//! A fake of GitLab's REST API v4 below `/api/v4`, over one [`Forge`]: the routes the `gitlab`
//! adapter uses, GitLab's JSON shapes, status codes and error bodies.
//!
//! What it reproduces of GitLab, because adapters must cope with it:
//! - credentials in `PRIVATE-TOKEN`; `RateLimit-Limit`, `-Remaining`, `-Reset` (a Unix time)
//!   on every answer, 2000 requests per window as gitlab.com allows an authenticated user per
//!   minute, and 429 with `Retry-After` once spent; `ETag`s and 304 on reads (the shared
//!   middleware spends no quota on a 304, as GitHub does; GitLab's own throttles count it);
//! - projects addressed by numeric id or by their full path in one URL-encoded segment
//!   (`client-a%2Fplatform%2Fbackend`); the seed's nested-group project
//!   `client-a/platform/backend` lives in group `client-a/platform`, a subgroup of `client-a`;
//!   groups are the owners that are not users, and the groups above them;
//! - pages: `page` and `per_page` (default 20, at most 100), with `X-Page`, `X-Per-Page`,
//!   `X-Next-Page` (empty on the last page), `X-Prev-Page`, `X-Total`, `X-Total-Pages` and a
//!   `Link` header;
//! - issues and merge requests by `iid`, in separate URL spaces: the seed's shared number
//!   sequence means an issue's `iid` is never a merge request's, and `/issues/{iid}` of a merge
//!   request's number is `404 Issue Not Found`; lists default to `state=all` and sort newest
//!   first; issue states `opened`/`closed`, `state_event` `close`/`reopen`;
//! - labels as names (a JSON list or a comma-separated string), unknown ones created on the
//!   project; label filters with `None` and `Any`; assignees as user ids, unknown ids ignored;
//! - errors as GitLab words them: `{"message": "404 Project Not Found"}`, Grape's
//!   `{"error": "title is missing"}` (400), validation `{"message": {"title": ["can't be
//!   blank"]}}` (400), merge request refusals `{"message": ["…"]}` (422, 409 for a second
//!   open one of the same branches), and a bare `405 Method Not Allowed` for a merge GitLab
//!   will not do (merged, closed, draft, conflicts);
//! - drafts are titles starting with `Draft:`, `[Draft]` or `(Draft)`, in any case;
//! - files need `ref` (400 without), and answer `404 File Not Found` for directories too;
//!   commits of a ref nobody knows are an empty list.
//!
//! The forge model has no separate squash commit, so a squashed merge makes one merge commit,
//! reported as the merge commit.
//!
//! Modules: `gitlab/render.rs` (JSON), `gitlab/projects.rs` (projects, groups, users,
//! branches, files, commits, version), `gitlab/issues.rs` (issues),
//! `gitlab/merge_requests.rs` (merge requests and merges), `gitlab/notes.rs` (notes on both).

#[path = "issues.rs"]
mod issues;
#[path = "merge_requests.rs"]
mod merge_requests;
#[path = "notes.rs"]
mod notes;
#[path = "projects.rs"]
mod projects;
#[path = "render.rs"]
mod render;

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
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Items per page when none is asked.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// The largest page GitLab serves.
pub const MAX_PER_PAGE: u32 = 100;

/// How the GitLab fake speaks.
pub fn style(token: &str) -> Style {
    Style {
        prefix: "/api/v4".into(),
        auth_header: "private-token",
        accepted: vec![token.to_owned()],
        rate_limit_prefix: "ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: Some(2000),
        etags: true,
        // GitLab's throttles count every API request, `/version` included.
        unmetered: Vec::new(),
        error_body: mosaic_fake_kit::server::message_body,
        reset: mosaic_fake_kit::server::ResetWritten::UnixSeconds,
        writes: mosaic_fake_kit::server::method_writes,
    }
}

/// Starts a GitLab fake serving `forge`, accepting `token`.
pub async fn start(forge: Forge, token: &str) -> FakeServer {
    FakeServer::start(style(token), forge, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/gitlab`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new(
        "gitlab",
        "fake-gitlab-token",
        style,
        Forge::seeded,
        routes,
    )]
}

/// GitLab's routes, as mounted below `/api/v4`.
pub fn routes() -> Router<Arc<FakeState>> {
    Router::new()
        .route("/version", get(projects::version))
        .route("/projects", get(projects::list))
        .route("/groups/{id}/projects", get(projects::of_group))
        .route("/users/{user_id}/projects", get(projects::of_user))
        .route("/projects/{id}", get(projects::get_one))
        .route("/projects/{id}/users", get(projects::users))
        .route(
            "/projects/{id}/repository/branches",
            get(projects::branches),
        )
        .route(
            "/projects/{id}/repository/files/{file_path}",
            get(projects::file),
        )
        .route("/projects/{id}/repository/commits", get(projects::commits))
        .route(
            "/projects/{id}/issues",
            get(issues::list).post(issues::create),
        )
        .route(
            "/projects/{id}/issues/{iid}",
            get(issues::get_one).put(issues::edit),
        )
        .route("/projects/{id}/issues/{iid}/notes", post(notes::on_issue))
        .route(
            "/projects/{id}/merge_requests",
            get(merge_requests::list).post(merge_requests::create),
        )
        .route(
            "/projects/{id}/merge_requests/{iid}",
            get(merge_requests::get_one),
        )
        .route(
            "/projects/{id}/merge_requests/{iid}/merge",
            put(merge_requests::merge),
        )
        .route(
            "/projects/{id}/merge_requests/{iid}/notes",
            post(notes::on_merge_request),
        )
}

type Params = HashMap<String, String>;

/// A value, or the error answer to send instead (boxed: a response is large).
type Answer<T> = Result<T, Box<Response>>;

/// GitLab's 404: `{"message": "404 Project Not Found"}`.
fn not_found(what: &str) -> Response {
    message(StatusCode::NOT_FOUND, format!("404 {what} Not Found"))
}

/// An answer `{"message": text}`.
fn message(status: StatusCode, text: impl Into<String>) -> Response {
    (status, Json(json!({ "message": text.into() }))).into_response()
}

/// Grape's parameter errors: 400 `{"error": "title is missing"}`.
fn bad_param(text: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": text.into() })),
    )
        .into_response()
}

/// A model validation error: 400 `{"message": {"title": ["can't be blank"]}}`.
fn invalid_field(field: &str, problem: &str) -> Response {
    let body = json!({ "message": { field: [problem] } });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

/// A refusal with GitLab's list of reasons: `{"message": ["…"]}`.
fn refused(status: StatusCode, reason: impl Into<String>) -> Response {
    (status, Json(json!({ "message": [reason.into()] }))).into_response()
}

/// A project by numeric id or by full path (case does not matter, as on GitLab).
fn find_project<'f>(forge: &'f Forge, id: &str) -> Option<&'f Repo> {
    if let Ok(number) = id.parse::<u64>() {
        return forge.repo_by_id(number);
    }
    let wanted = id.to_lowercase();
    forge
        .repos
        .iter()
        .find(|repo| repo.full_name().to_lowercase() == wanted)
}

/// The full path of project `id`, to change it through [`Forge::repo_mut`].
fn project_name(forge: &Forge, id: &str) -> Option<String> {
    find_project(forge, id).map(Repo::full_name)
}

/// An `iid` from the path; Grape answers 400 to what is not an integer.
fn parse_iid(name: &str, text: &str) -> Answer<u64> {
    text.parse()
        .map_err(|_| Box::new(bad_param(format!("{name} is invalid"))))
}

/// `page` and `per_page`: integers (400 otherwise), the size capped at the maximum.
fn page_params(params: &Params) -> Answer<(u32, u32)> {
    let number = |name: &str, default: u32| -> Answer<u32> {
        match params.get(name) {
            None => Ok(default),
            Some(text) => text
                .parse::<u32>()
                .map_err(|_| Box::new(bad_param(format!("{name} is invalid")))),
        }
    };
    let page = number("page", 1)?.max(1);
    let per_page = number("per_page", DEFAULT_PER_PAGE)?.clamp(1, MAX_PER_PAGE);
    Ok((page, per_page))
}

/// One page of `items` with GitLab's pagination headers.
fn paged(state: &FakeState, uri: &OriginalUri, params: &Params, items: &[Value]) -> Response {
    let (page, per_page) = match page_params(params) {
        Ok(numbers) => numbers,
        Err(response) => return *response,
    };
    let (slice, next, last) = page_of(items, page, per_page);
    let mut response = Json(Value::Array(slice)).into_response();
    let headers = response.headers_mut();
    let prev = if page > 1 {
        (page - 1).to_string()
    } else {
        String::new()
    };
    for (name, value) in [
        ("x-page", page.to_string()),
        ("x-per-page", per_page.to_string()),
        (
            "x-next-page",
            next.map(|n| n.to_string()).unwrap_or_default(),
        ),
        ("x-prev-page", prev),
        ("x-total", items.len().to_string()),
        ("x-total-pages", last.to_string()),
    ] {
        headers.insert(name, HeaderValue::from_str(&value).expect("digits"));
    }
    // The list's own URL with every parameter but `page`, as GitLab builds its links.
    let query: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("page="))
        .collect();
    let mut url = format!("{}{}", state.origin, uri.path());
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    let link = link_header(&url, page, next, last);
    if let Ok(value) = HeaderValue::from_str(&link)
        && !link.is_empty()
    {
        headers.insert(header::LINK, value);
    }
    response
}

/// A JSON request body as an object (no body is an empty one).
fn json_body(body: &Bytes) -> Answer<Map<String, Value>> {
    if body.is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        Ok(_) => Err(Box::new(bad_param(
            "the request body must be a JSON object",
        ))),
        Err(error) => Err(Box::new(bad_param(format!(
            "the request body is not JSON: {error}"
        )))),
    }
}

/// A list of names as GitLab takes it: a JSON list or a comma-separated string.
fn names(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(text) => Some(
            text.split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect(),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// A list of ids as GitLab takes it: a JSON list of integers or a comma-separated string.
fn ids(value: &Value) -> Option<Vec<u64>> {
    match value {
        Value::String(text) => text
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(|id| id.parse().ok())
            .collect(),
        Value::Array(items) => items.iter().map(Value::as_u64).collect(),
        Value::Number(number) => number.as_u64().map(|id| vec![id]),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// Whether `title` marks a draft merge request.
fn is_draft_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    ["draft:", "[draft]", "(draft)"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
