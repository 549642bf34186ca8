//! A fake of GitHub's REST API (2022-11-28) over one [`Forge`]: the routes the `github`
//! adapter uses, GitHub's JSON shapes, status codes and error bodies
//! (`{"message", "documentation_url", "status"}`, 422s with `errors[]`).
//!
//! What it reproduces of GitHub, because adapters must cope with it:
//! - credentials `Authorization: Bearer T` (or `token T`); a quota of 5000 requests an hour
//!   in `X-RateLimit-*` headers, refused with 403 when spent; `ETag`s on successful GETs and
//!   free `304`s (the server's middleware); `GET /rate_limit` free and answered even when the
//!   quota is spent; a secondary rate limit is scripted through the
//!   server's knobs (403 with or without `Retry-After`);
//! - pages: `per_page` (default 30, capped at 100) and `page`, a `Link` header with `next`,
//!   `last`, `first` and `prev`;
//! - pull requests are issues: issue lists include them (GitHub has no filter), an issue get of
//!   one answers it with `pull_request` set, issue edits and comments work on them; real
//!   issues carry no `pull_request` key at all;
//! - pull request lists answer the smaller `pull-request-simple` shape (no `merged`), a single
//!   get the full one;
//! - labels are written by name and a name the repository lacks is created; an unknown
//!   assignee is a 422;
//! - creates (issues, pull requests, comments) answer 201 with a `Location` header naming the
//!   new resource's API URL;
//! - contents: a file as an object with base64 in lines of 60 characters, a directory as a
//!   list of entries, a file over 1 MB with `encoding: none` and empty content (to be read
//!   from `GET …/git/blobs/{sha}`), an unknown ref a 404 naming it;
//! - merges: `PUT …/merge` with `merge_method`; 405 "Pull Request is not mergeable" when
//!   merged, closed or conflicting, 405 for a draft, 409 when `sha` is not the head's tip;
//! - only one owner level: nested-group repositories of the seed do not exist here;
//!   `/orgs/{org}/repos` answers for owners that are not users, `/users/{login}/repos` for
//!   users and, with public repositories only, for organizations.
//!
//! Modules: `github/render.rs` (JSON), `github/repos.rs` (repositories, branches, contents,
//! blobs, commits, rate limit), `github/issues.rs` (issues and comments), `github/pulls.rs`
//! (pull requests).

#[path = "issues.rs"]
mod issues;
#[path = "pulls.rs"]
mod pulls;
#[path = "render.rs"]
mod render;
#[path = "repos.rs"]
mod repos;

use axum::extract::OriginalUri;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use mosaic_fake_kit::forge::{Forge, Repo};
pub use mosaic_fake_kit::github::{DEFAULT_PER_PAGE, MAX_PER_PAGE, page_params, style};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::paging::{link_header, page_of};
use mosaic_fake_kit::server::{FakeServer, FakeState};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Where GitHub's pages live on the web (`html_url`s).
pub const WEB_ROOT: &str = "https://github.com";

/// Starts a GitHub fake serving `forge`, accepting `token`.
pub async fn start(forge: Forge, token: &str) -> FakeServer {
    FakeServer::start(style(token), forge, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/github`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new(
        "github",
        "fake-github-token",
        style,
        Forge::seeded,
        routes,
    )]
}

/// GitHub's routes, to serve below another prefix (`/api/v3`) with [`FakeServer::start`].
pub fn routes() -> Router<Arc<FakeState>> {
    Router::new()
        .route("/user/repos", get(repos::user_repos))
        .route("/orgs/{org}/repos", get(repos::org_repos))
        .route("/users/{user}/repos", get(repos::users_repos))
        .route("/repos/{owner}/{repo}", get(repos::repo_get))
        .route("/repos/{owner}/{repo}/branches", get(repos::branches))
        .route(
            "/repos/{owner}/{repo}/contents/{*path}",
            get(repos::contents),
        )
        .route("/repos/{owner}/{repo}/git/blobs/{sha}", get(repos::blob))
        .route("/repos/{owner}/{repo}/commits", get(repos::commits))
        .route(
            "/repos/{owner}/{repo}/issues",
            get(issues::list).post(issues::create),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{number}",
            get(issues::get).patch(issues::update),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{number}/comments",
            post(issues::comment),
        )
        .route(
            "/repos/{owner}/{repo}/pulls",
            get(pulls::list).post(pulls::create),
        )
        .route("/repos/{owner}/{repo}/pulls/{number}", get(pulls::get))
        .route(
            "/repos/{owner}/{repo}/pulls/{number}/merge",
            put(pulls::merge),
        )
        .route("/rate_limit", get(repos::rate_limit))
}

type Params = axum::extract::Query<HashMap<String, String>>;
type Shared = axum::extract::State<Arc<FakeState>>;

/// An error answer as GitHub words them.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({
        "message": message.into(),
        "documentation_url": "https://docs.github.com/rest",
        "status": status.as_u16().to_string(),
    });
    (status, Json(body)).into_response()
}

fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "Not Found")
}

/// `201 Created` with the new resource and, as GitHub sends with its creates (issues, pull
/// requests, comments), a `Location` header naming its API URL (the resource's `url`).
fn created(resource: Value) -> Response {
    let location = resource["url"]
        .as_str()
        .and_then(|url| HeaderValue::from_str(url).ok());
    let mut response = (StatusCode::CREATED, Json(resource)).into_response();
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// A 422 `Validation Failed` with GitHub's `errors[]`.
fn validation_failed(errors: Vec<Value>) -> Response {
    let body = json!({
        "message": "Validation Failed",
        "errors": errors,
        "documentation_url": "https://docs.github.com/rest",
        "status": "422",
    });
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// One entry of `errors[]` about a field.
fn field_error(resource: &str, field: &str, code: &str) -> Value {
    json!({ "resource": resource, "field": field, "code": code })
}

/// The repository `owner/name` as GitHub has it: one owner level only.
fn find_repo<'a>(forge: &'a Forge, owner: &str, name: &str) -> Option<&'a Repo> {
    if owner.contains('/') || name.contains('/') {
        return None;
    }
    forge.repo(&format!("{owner}/{name}"))
}

/// Whether GitHub would have this repository at all (nested groups are GitLab's).
fn on_github(repo: &Repo) -> bool {
    !repo.owner.contains('/')
}

fn parse_number(text: &str) -> Option<u64> {
    text.parse().ok()
}

/// A JSON list page with GitHub's `Link` header.
fn paged(
    state: &FakeState,
    uri: &OriginalUri,
    params: &HashMap<String, String>,
    items: Vec<Value>,
) -> Response {
    let (page, per_page) = match page_params(params) {
        Ok(numbers) => numbers,
        Err(message) => return validation_failed(vec![json!({ "message": message })]),
    };
    let (items, next, last) = page_of(&items, page, per_page);
    // The query as sent (still percent-encoded, so the header stays ASCII), without `page`.
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
    let mut response = Json(Value::Array(items)).into_response();
    let link = link_header(&url, page, next, last);
    if !link.is_empty() {
        response.headers_mut().insert(
            header::LINK,
            HeaderValue::from_str(&link).expect("a Link header of ASCII"),
        );
    }
    response
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
