//! Notes (comments) on issues and merge requests: one handler for both, as GitLab's own
//! `…/notes` endpoints behave alike and differ only in what they are attached to.

use super::{bad_param, json_body, not_found, parse_iid, project_name, render};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::Repo;
use mosaic_fake_kit::server::FakeState;
use serde_json::Value;
use std::sync::Arc;

type Shared = State<Arc<FakeState>>;

/// What a note is attached to.
#[derive(Clone, Copy, Debug)]
enum Noteable {
    Issue,
    MergeRequest,
}

impl Noteable {
    /// The path parameter's name in GitLab's errors.
    fn parameter(self) -> &'static str {
        match self {
            Self::Issue => "issue_iid",
            Self::MergeRequest => "merge_request_iid",
        }
    }

    /// What GitLab's 404 names.
    fn missing(self) -> &'static str {
        match self {
            Self::Issue => "Issue",
            Self::MergeRequest => "Merge Request",
        }
    }

    /// The note's `noteable_type`.
    fn type_name(self) -> &'static str {
        match self {
            Self::Issue => "Issue",
            Self::MergeRequest => "MergeRequest",
        }
    }

    /// The global id of the thing with `iid` in `repo`.
    fn id_in(self, repo: &Repo, iid: u64) -> Option<u64> {
        match self {
            Self::Issue => repo
                .issues
                .iter()
                .find(|issue| issue.number == iid)
                .map(|issue| issue.id),
            Self::MergeRequest => repo
                .pulls
                .iter()
                .find(|pull| pull.number == iid)
                .map(|pull| pull.id),
        }
    }
}

/// `POST /projects/{id}/issues/{iid}/notes`.
pub(super) async fn on_issue(state: Shared, path: Path<(String, String)>, body: Bytes) -> Response {
    post(state, path, &body, Noteable::Issue)
}

/// `POST /projects/{id}/merge_requests/{iid}/notes`.
pub(super) async fn on_merge_request(
    state: Shared,
    path: Path<(String, String)>,
    body: Bytes,
) -> Response {
    post(state, path, &body, Noteable::MergeRequest)
}

fn post(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
    body: &Bytes,
    on: Noteable,
) -> Response {
    let iid = match parse_iid(on.parameter(), &iid) {
        Ok(iid) => iid,
        Err(response) => return *response,
    };
    let text = match json_body(body).map(|body| body.get("body").cloned()) {
        Ok(Some(Value::String(text))) if !text.trim().is_empty() => text,
        Ok(Some(_)) => return bad_param("body is empty"),
        Ok(None) => return bad_param("body is missing"),
        Err(response) => return *response,
    };
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(project) = project_name(&forge, &id) else {
        return not_found("Project");
    };
    let Some(noteable_id) = forge.repo(&project).and_then(|repo| on.id_in(repo, iid)) else {
        return not_found(on.missing());
    };
    let Some(note) = forge.comment(&project, iid, &caller, &text) else {
        return not_found(on.missing());
    };
    let Some(repo) = forge.repo(&project) else {
        return not_found("Project");
    };
    let noteable = (on.type_name(), noteable_id, iid);
    let rendered = render::note(&state.origin, &forge, repo, noteable, &note);
    (StatusCode::CREATED, Json(rendered)).into_response()
}
