//! Folders, jobs and builds below `/job/…`: their JSON, a build's console text, triggers and
//! stop signals.

use super::pages::{error_page, not_found};
use super::paths::{Address, Item, JobRef};
use super::queue::crumb_refusal;
use super::render::{self, BRANCH};
use super::{JenkinsData, JenkinsState};
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::builds::Stage;
use percent_encoding::percent_decode_str;
use std::collections::BTreeMap;
use std::sync::Arc;

/// `GET /api/json`: the root and its folders.
pub async fn root(State(state): State<Arc<JenkinsState>>) -> Response {
    let base = state.base_url();
    Json(render::root(&base, &state.data().builds)).into_response()
}

/// The name-value pairs of a query string, decoded as a form (`+` is a space).
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let decode = |text: &str| {
        percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

fn parameter(query: Option<&str>, name: &str) -> Option<String> {
    query_pairs(query)
        .into_iter()
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// The build numbered `number` of `job`, once it has started (a queued one has no number
/// yet); a multibranch project has none of its own, a branch job those of its branch.
fn started_build(data: &JenkinsData, job: &JobRef, number: &str) -> Option<u64> {
    let number = number.parse::<u64>().ok()?;
    let project = data.multibranch.contains(&job.pipeline);
    data.builds
        .build_numbered(job.pipeline, number)
        .filter(|build| build.stage != Stage::Queued)
        .filter(|build| match &job.branch {
            None => !project,
            Some(branch) => &build.git_ref == branch,
        })
        .map(|build| build.id)
}

/// `GET /job/…`: a folder's or job's JSON, a build's JSON, a build's console text.
pub async fn read(
    State(state): State<Arc<JenkinsState>>,
    uri: Uri,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(address) = Address::parse(uri.path()) else {
        return not_found();
    };
    let base = state.base_url();
    let mut data = state.data();
    let Some(item) = address.item(&data) else {
        return not_found();
    };
    let tail: Vec<&str> = address.tail.iter().map(String::as_str).collect();
    let tree = parameter(query.as_deref(), "tree").unwrap_or_default();
    match (item, tail.as_slice()) {
        (Item::Owner(owner), ["api", "json"]) => {
            Json(render::owner_folder(&base, &data.builds, &owner)).into_response()
        }
        (Item::Repository(name), ["api", "json"]) => {
            Json(render::repository_folder(&base, &data, &name)).into_response()
        }
        (Item::Job(job), ["api", "json"]) => {
            let all = tree.contains("allBuilds");
            let window = render::range_of(&tree, if all { "allBuilds" } else { "builds" });
            Json(render::job(&base, &data, &job, window, all)).into_response()
        }
        (Item::Job(job), [number, "api", "json"]) => {
            let Some(id) = started_build(&data, &job, number) else {
                return not_found();
            };
            let answer = data
                .builds
                .build(id)
                .map(|build| render::build(&base, &data, build));
            data.builds.advance(id);
            answer.map_or_else(not_found, |answer| Json(answer).into_response())
        }
        (Item::Job(job), [number, "logText", "progressiveText"]) => {
            let Some(id) = started_build(&data, &job, number) else {
                return not_found();
            };
            let Some(build) = data.builds.build(id) else {
                return not_found();
            };
            let (log, running) = (build.log(), !build.is_finished());
            data.builds.advance(id);
            console(&log, running, query.as_deref())
        }
        (Item::Owner(_) | Item::Repository(_) | Item::Job(_), _) => not_found(),
    }
}

/// The console from `start` with Jenkins' headers: `X-Text-Size` the log's length,
/// `X-More-Data: true` while the build runs. A start past the end reads from 0, as Jenkins
/// takes it for a log that rolled over.
fn console(log: &str, running: bool, query: Option<&str>) -> Response {
    let start = parameter(query, "start")
        .and_then(|start| start.parse::<usize>().ok())
        .unwrap_or(0);
    let start = if start > log.len() { 0 } else { start };
    let bytes = log.as_bytes()[start..].to_vec();
    let mut response = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain;charset=utf-8")],
        bytes,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert("x-text-size", HeaderValue::from(log.len()));
    if running {
        headers.insert("x-more-data", HeaderValue::from_static("true"));
    }
    response
}

/// `POST /job/…`: `build`, `buildWithParameters`, and a build's `stop`, `term` and `kill`.
pub async fn write(
    State(state): State<Arc<JenkinsState>>,
    uri: Uri,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    if let Some(refusal) = crumb_refusal(&state, &headers, query.as_deref()) {
        return refusal;
    }
    let Some(address) = Address::parse(uri.path()) else {
        return not_found();
    };
    let base = state.base_url();
    let mut data = state.data();
    let Some(Item::Job(job)) = address.item(&data) else {
        return not_found();
    };
    let tail: Vec<&str> = address.tail.iter().map(String::as_str).collect();
    let project = data.multibranch.contains(&job.pipeline);
    match (tail.as_slice(), &job.branch) {
        // A multibranch project is not built itself, only its branch jobs.
        (["build" | "buildWithParameters"], None) if project => not_found(),
        (["build"], None) => trigger(&mut data, &base, job.pipeline, Vec::new()),
        (["buildWithParameters"], None) => {
            let pairs = query_pairs(query.as_deref());
            trigger(&mut data, &base, job.pipeline, pairs)
        }
        (["build"], Some(branch)) => {
            let pairs = vec![(BRANCH.to_owned(), branch.clone())];
            trigger(&mut data, &base, job.pipeline, pairs)
        }
        (["buildWithParameters"], Some(_)) => error_page(
            StatusCode::BAD_REQUEST,
            "Bad Request: the job is not parameterized",
        ),
        ([number, "stop" | "term" | "kill"], _) => {
            let Some(id) = started_build(&data, &job, number) else {
                return not_found();
            };
            if data.ignored_signals > 0 {
                data.ignored_signals -= 1;
            } else {
                // Jenkins ignores a signal to a build that has ended.
                let _ = data.builds.cancel(id);
            }
            StatusCode::OK.into_response()
        }
        (_, _) => not_found(),
    }
}

/// Queues a build of `pipeline` with the parameters it defines among `pairs` (`BRANCH` the
/// ref, default `main`; the others its inputs): `201` with the queue item's `Location`.
fn trigger(
    data: &mut JenkinsData,
    base: &str,
    pipeline: u64,
    pairs: Vec<(String, String)>,
) -> Response {
    let Some(definition) = data.builds.pipeline(pipeline).cloned() else {
        return not_found();
    };
    let mut git_ref = "main".to_owned();
    let mut inputs = BTreeMap::new();
    for (name, value) in pairs {
        if name == "Jenkins-Crumb" {
            continue;
        } else if name == BRANCH {
            git_ref = value;
        } else if definition.inputs.contains(&name) {
            inputs.insert(name, value);
        }
    }
    let Some(id) = data.builds.trigger(pipeline, &git_ref, "manual", inputs) else {
        return error_page(StatusCode::BAD_REQUEST, "Bad Request");
    };
    let mut response = StatusCode::CREATED.into_response();
    let location = format!("{base}/queue/item/{id}/");
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}
