//! A fake of Jenkins' remote access API over one CI service's [`Builds`]: the routes the
//! `jenkins` adapter uses, Jenkins' JSON shapes (`_class` on every object), its queue, its
//! progressive console text and its HTML error pages.
//!
//! How the service's data sits in Jenkins here:
//! - every owner is a folder (`/job/acme`), every repository a folder inside it
//!   (`/job/acme/job/api`), every pipeline a Pipeline job (`WorkflowJob`) in that folder
//!   (`/job/acme/job/api/job/ci`), taking a string parameter `BRANCH` (default `main`) and the
//!   pipeline's inputs;
//! - a pipeline listed in [`JenkinsData::multibranch`] is a multibranch project instead, with
//!   a branch job per ref its builds ran on (and `main`), named as the multibranch plugin names
//!   them (`feature%2Fx`, at `…/job/feature%252Fx`), without parameters: `build` builds its
//!   branch; its builds keep the pipeline's numbers, where Jenkins numbers each branch's own;
//! - a build numbered `n` of a pipeline is the job's build `n` (`WorkflowRun`); a queued build
//!   is not a build yet but an item of the queue, whose id is the build's id, as Jenkins numbers
//!   queue items apart from builds;
//! - reading a build (its JSON, its console) or its waiting queue item moves it on one stage
//!   ([`Builds::advance`]), so a caller that polls sees it through to its end; a queue item is
//!   answered as waiting (`why`) before it is moved, so a poller sees the wait first, unless
//!   [`JenkinsData::held_in_queue`] keeps every waiting item waiting (no executor free).
//!
//! What it reproduces of Jenkins, because adapters must cope with it:
//! - credentials: HTTP Basic with a user's API token (`ana:TOKEN`); no rate-limit headers of
//!   its own (a proxy in front may send some: the shared server's knobs add them);
//! - `tree=` on every JSON read, with `{M,N}` ranges on `builds` and `allBuilds` (`builds` holds
//!   the newest 100 only); the fields are answered in full whatever else `tree` names;
//! - triggers: `POST {job}/build` and `{job}/buildWithParameters?NAME=VALUE` answer `201` with
//!   `Location: {root}/queue/item/{id}/` and no body; `buildWithParameters` of a job without
//!   parameters is a `400` page; parameters the job does not define are dropped, as Jenkins
//!   drops them;
//! - the queue: `/queue/api/json` (waiting items, `task.url`, `why`), `/queue/item/{id}/api/json`
//!   (`executable.number` once the build started, `cancelled: true` once cancelled while
//!   waiting), `POST /queue/cancelItem?id=N` (`204`);
//! - console text: `{build}/logText/progressiveText?start=N` answers the log from byte `N`
//!   (from 0 when `N` is past its end: Jenkins' "rolled over" rule) with `X-Text-Size` (the
//!   end) and `X-More-Data: true` while the build runs;
//! - stopping: `POST {build}/stop`, then `term` and `kill` (Pipeline builds); a build made
//!   stubborn ([`JenkinsData::ignored_signals`]) ignores that many signals first;
//! - CSRF: with [`JenkinsData::crumb_required`] set, a POST without the crumb of
//!   `/crumbIssuer/api/json` (in the `Jenkins-Crumb` header or parameter) is a `403` page saying
//!   so;
//! - errors: HTML pages (Jetty's `Error 404 Not Found`), never JSON; the shared server's own
//!   refusals (bad credentials, a spent quota, scripted failures) stay JSON.
//!
//! Modules: `paths.rs` (a job URL's path to the pipeline or folder it names), `render.rs`
//! (JSON), `jobs.rs` (folders, jobs, builds, console, stop), `queue.rs` (the queue and the
//! crumb), `pages.rs` (HTML error pages).

// A refusal here is the response a handler answers, built at most once per request; boxing
// it would only add noise.
#![allow(clippy::result_large_err)]

#[path = "jobs.rs"]
mod jobs;
#[path = "pages.rs"]
pub mod pages;
#[path = "paths.rs"]
pub mod paths;
#[path = "queue.rs"]
mod queue;
#[path = "render.rs"]
pub mod render;
#[cfg(feature = "suite")]
#[path = "seed.rs"]
mod seed;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use base64::Engine;
use mosaic_fake_kit::builds::Builds;
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{
    FakeServer, FakeState, ResetWritten, Style, message_body, method_writes,
};
use std::sync::Arc;

/// The service's data and what only Jenkins adds to it.
#[derive(Clone, Debug, PartialEq)]
pub struct JenkinsData {
    /// Repositories, pipelines and builds.
    pub builds: Builds,
    /// Whether POSTs need the crumb of `/crumbIssuer/api/json` (CSRF protection for requests
    /// that do not authenticate with an API token, or a proxy that strips that exemption).
    pub crumb_required: bool,
    /// How many stop signals (`stop`, `term`, `kill`) builds ignore before one takes.
    pub ignored_signals: u32,
    /// Whether waiting queue items stay waiting when read: no executor is free.
    pub held_in_queue: bool,
    /// The pipelines served as multibranch projects: a branch job per ref their builds ran on
    /// (and `main`), each holding that ref's builds, with the pipeline's build numbers.
    pub multibranch: Vec<u64>,
}

impl JenkinsData {
    /// The CI seed ([`Builds::seeded`]) with no crumb required and builds that stop at once.
    pub fn seeded() -> Self {
        Self::over(Builds::seeded())
    }

    /// `builds` with no crumb required and builds that stop at once.
    pub fn over(builds: Builds) -> Self {
        Self {
            builds,
            crumb_required: false,
            ignored_signals: 0,
            held_in_queue: false,
            multibranch: Vec::new(),
        }
    }
}

/// The Jenkins fake's state.
pub type JenkinsState = FakeState<JenkinsData>;

/// The user whose API token the fake accepts: the CI seed's caller.
pub const USER: &str = "ana";

/// The crumb `/crumbIssuer/api/json` hands out.
pub const CRUMB: &str = "5e3c1b2a9d";

/// The path Jenkins is served below here, as it often is behind a proxy.
pub const PREFIX: &str = "/jenkins";

/// `Authorization: Basic …` of `user:token`.
pub fn basic(user: &str, token: &str) -> String {
    let pair = format!("{user}:{token}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

/// How the Jenkins fake speaks: HTTP Basic for [`USER`] with `token`, below [`PREFIX`], no
/// quota of its own.
pub fn style(token: &str) -> Style {
    Style {
        prefix: PREFIX.into(),
        auth_header: "authorization",
        accepted: vec![basic(USER, token)],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: false,
        unmetered: Vec::new(),
        error_body: message_body,
        reset: ResetWritten::UnixSeconds,
        writes: method_writes,
    }
}

/// Starts a Jenkins fake serving `data`, accepting `token` for [`USER`].
pub async fn start(data: JenkinsData, token: &str) -> FakeServer<JenkinsData> {
    FakeServer::start(style(token), data, routes()).await
}

/// The API token `mosaic-fakes serve` accepts.
const TOKEN: &str = "fake-jenkins-token";

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/jenkins`, exporting the
/// user its token belongs to.
pub fn mounts() -> Vec<FakeMount> {
    vec![
        FakeMount::new("jenkins", TOKEN, style, JenkinsData::seeded, routes)
            .with_variable("USER", USER),
    ]
}

/// Jenkins' routes, as mounted below [`PREFIX`].
pub fn routes() -> Router<Arc<JenkinsState>> {
    Router::new()
        .route("/api/json", get(jobs::root))
        .route("/crumbIssuer/api/json", get(queue::crumb))
        .route("/queue/api/json", get(queue::list))
        .route("/queue/item/{id}/api/json", get(queue::item))
        .route("/queue/cancelItem", post(queue::cancel))
        .route("/job/{*rest}", get(jobs::read).post(jobs::write))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
