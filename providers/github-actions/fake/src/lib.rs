//! A fake of GitHub Actions' REST API (2022-11-28) over one [`Builds`]: the routes the
//! `github-actions` adapter uses, GitHub's JSON shapes, status codes and error bodies
//! (`{"message", "documentation_url", "status"}`).
//!
//! How the CI data reads as GitHub Actions:
//! - a pipeline is a workflow, its file `.github/workflows/{file}` named after the seed's
//!   definition file (`ci.yml`); `{workflow_id}` in a path is its id or that file name;
//! - a build is a workflow run (`id`, `run_number`, `head_branch`, `head_sha`, `event`,
//!   `status` `queued`/`in_progress`/`completed` with its `conclusion`), and each of its steps
//!   a job of the run, with the id `run id × 1000 + position`; a job's log is its step's lines;
//! - reading one run (`GET …/runs/{id}`) moves it on one stage (`Builds::advance`), so a
//!   poller sees it through to its end; lists and its jobs do not, so the jobs read after a
//!   run agree with it;
//! - `GET …/jobs/{id}/logs` answers `302 Found` to a short-lived URL on a second listener
//!   (`blobs.rs`), which records the headers each download came with, as GitHub's log
//!   storage is another host that must never see the API token;
//! - dispatch: `return_run_details: true` answers 200 with the run's id and URLs, otherwise
//!   204; [`legacy_routes`] are those of an older Enterprise Server, which refuses the flag
//!   with 422 `"return_run_details" is not a permitted key`; a commit SHA as `ref` and inputs
//!   the workflow does not declare are 422s with GitHub's messages;
//! - cancel and force-cancel answer 202, 409 once the run has finished;
//! - credentials, the 5000-request quota in `X-RateLimit-*` (403 when spent), `ETag`s and
//!   free `304`s, scripted failures: the shared server's, styled as the GitHub fake's.
//!
//! Modules: `render.rs` (JSON), `workflows.rs` (workflows, dispatch), `runs.rs` (runs, jobs,
//! cancel, logs), `blobs.rs` (the log storage host).

#[path = "blobs.rs"]
pub mod blobs;
#[path = "render.rs"]
mod render;
#[path = "runs.rs"]
mod runs;
#[path = "workflows.rs"]
mod workflows;

use axum::extract::OriginalUri;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mosaic_fake_kit::builds::{Builds, Pipeline, Repository};
/// GitHub's own way of speaking (credentials, quota headers, `ETag`s) and of paging: the
/// Actions API is GitHub's REST API, served as the GitHub fake serves it.
pub use mosaic_fake_kit::github::{DEFAULT_PER_PAGE, MAX_PER_PAGE, page_params, style};
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::paging::{link_header, page_of};
use mosaic_fake_kit::server::{FakeServer, FakeState};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Where GitHub's pages live on the web (`html_url`s).
pub const WEB_ROOT: &str = "https://github.com";

/// How many requests an hour GitHub grants a token.
pub const QUOTA: u64 = 5000;

/// Starts a fake serving `builds`, accepting `token`.
pub async fn start(builds: Builds, token: &str) -> FakeServer<Builds> {
    FakeServer::start(style(token), builds, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/github-actions`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new(
        "github-actions",
        "fake-github-token",
        style,
        Builds::seeded,
        routes,
    )]
}

/// The routes of github.com (and of Enterprise Servers that return run details).
pub fn routes() -> Router<Arc<FakeState<Builds>>> {
    with_dispatch(post(workflows::dispatch))
}

/// The routes of an older GitHub Enterprise Server, whose dispatch refuses
/// `return_run_details`.
pub fn legacy_routes() -> Router<Arc<FakeState<Builds>>> {
    with_dispatch(post(workflows::dispatch_legacy))
}

fn with_dispatch(
    dispatch: axum::routing::MethodRouter<Arc<FakeState<Builds>>>,
) -> Router<Arc<FakeState<Builds>>> {
    let repo = "/repos/{owner}/{repo}/actions";
    Router::new()
        .route(&format!("{repo}/workflows"), get(workflows::list))
        .route(
            &format!("{repo}/workflows/{{workflow}}/runs"),
            get(runs::of_workflow),
        )
        .route(
            &format!("{repo}/workflows/{{workflow}}/dispatches"),
            dispatch,
        )
        .route(&format!("{repo}/runs"), get(runs::list))
        .route(&format!("{repo}/runs/{{run}}"), get(runs::get))
        .route(&format!("{repo}/runs/{{run}}/jobs"), get(runs::jobs))
        .route(&format!("{repo}/runs/{{run}}/cancel"), post(runs::cancel))
        .route(
            &format!("{repo}/runs/{{run}}/force-cancel"),
            post(runs::cancel),
        )
        .route(&format!("{repo}/jobs/{{job}}/logs"), get(runs::job_logs))
        .route("/rate_limit", get(rate_limit))
}

type Params = axum::extract::Query<HashMap<String, String>>;
type Shared = axum::extract::State<Arc<FakeState<Builds>>>;

/// `GET /rate_limit`: free of quota, as on GitHub.
async fn rate_limit(state: Shared) -> Response {
    let remaining = state.knobs.remaining().unwrap_or(QUOTA);
    let core = json!({"limit": QUOTA, "remaining": remaining, "used": QUOTA - remaining});
    Json(json!({"resources": {"core": core}, "rate": core})).into_response()
}

/// An error answer as GitHub words them.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({
        "message": message.into(),
        "documentation_url": "https://docs.github.com/rest/actions",
        "status": status.as_u16().to_string(),
    });
    (status, Json(body)).into_response()
}

fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "Not Found")
}

/// The repository `owner/name`.
fn find_repo<'a>(builds: &'a Builds, owner: &str, name: &str) -> Option<&'a Repository> {
    builds.repository(&format!("{owner}/{name}"))
}

/// A workflow of `repo` by its id or its file name, as GitHub's `{workflow_id}` takes either.
fn find_workflow<'a>(builds: &'a Builds, repo: &'a str, workflow: &str) -> Option<&'a Pipeline> {
    builds.pipelines_of(repo).find(|pipeline| {
        workflow.parse::<u64>().ok() == Some(pipeline.id) || render::file_name(pipeline) == workflow
    })
}

/// One page of `items` as GitHub Actions lists them, `{"total_count", key: [...]}`, with
/// GitHub's `Link` header.
fn paged(
    state: &FakeState<Builds>,
    uri: &OriginalUri,
    params: &HashMap<String, String>,
    key: &str,
    items: Vec<Value>,
) -> Response {
    let (page, per_page) = match page_params(params) {
        Ok(numbers) => numbers,
        Err(message) => return error(StatusCode::UNPROCESSABLE_ENTITY, message),
    };
    let total = items.len();
    let (items, next, last) = page_of(&items, page, per_page);
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
    let mut response = Json(json!({"total_count": total, key: items})).into_response();
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
