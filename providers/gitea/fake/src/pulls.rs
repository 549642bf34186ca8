//! Pull requests: lists, gets, creation (drafts by title prefix) and merges with Gitea's
//! refusals.

use super::{
    Params, api_error, find_repo, json_body, not_found, paged, parse_index, render, required,
    swagger,
};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{MergeRefusal, PullState, Repo};
use mosaic_fake_kit::server::FakeState;
use serde_json::{Value, json};
use std::sync::Arc;

type Shared = State<Arc<FakeState>>;

/// The merge styles Gitea's `MergePullRequestForm` accepts in `Do`.
const MERGE_STYLES: [&str; 6] = [
    "merge",
    "rebase",
    "rebase-merge",
    "squash",
    "fast-forward-only",
    "manually-merged",
];

fn no_repo(state: &FakeState, owner: &str, name: &str) -> Response {
    not_found(
        state,
        &[format!(
            "repository does not exist [id: 0, uid: 0, owner_name: {owner}, name: {name}]"
        )],
    )
}

fn no_pull(repo: &Repo, index: u64) -> String {
    format!(
        "pull request does not exist [id: 0, issue_id: 0, head_repo_id: 0, base_repo_id: {}, head_branch: , base_branch: , index: {index}]",
        repo.id
    )
}

/// `GET /repos/{owner}/{repo}/pulls`: `state` open by default, newest first.
pub async fn list(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let wanted = params.get("state").map_or("open", String::as_str);
    let items: Vec<Value> = {
        let forge = state.forge();
        let Some(repo) = find_repo(&forge, &owner, &name) else {
            return no_repo(&state, &owner, &name);
        };
        let mut pulls: Vec<_> = repo
            .pulls
            .iter()
            .filter(|pull| match wanted {
                "closed" => pull.state != PullState::Open,
                "all" => true,
                _ => pull.state == PullState::Open,
            })
            .collect();
        pulls.sort_by_key(|pull| std::cmp::Reverse(pull.number));
        pulls
            .into_iter()
            .map(|pull| render::pull(&state, &forge, repo, pull))
            .collect()
    };
    paged(&state, &uri, &params, &items)
}

/// `GET /repos/{owner}/{repo}/pulls/{index}`.
pub async fn get_one(
    State(state): Shared,
    Path((owner, name, index)): Path<(String, String, String)>,
) -> Response {
    let forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return no_repo(&state, &owner, &name);
    };
    let index = parse_index(&index).unwrap_or(0);
    match repo.pulls.iter().find(|pull| pull.number == index) {
        Some(pull) => Json(render::pull(&state, &forge, repo, pull)).into_response(),
        None => not_found(&state, &[no_pull(repo, index)]),
    }
}

/// `POST /repos/{owner}/{repo}/pulls` (`CreatePullRequestOption`).
pub async fn create(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let body = match json_body(&state, &body) {
        Ok(body) => body,
        Err(refusal) => return *refusal,
    };
    let field = |name: &str| body[name].as_str().unwrap_or_default().trim().to_owned();
    let (head, base, title) = (field("head"), field("base"), field("title"));
    for (name, value) in [("Head", &head), ("Base", &base), ("Title", &title)] {
        if value.is_empty() {
            return required(&state, name);
        }
    }
    if head == base {
        return api_error(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid PullRequest: There are no changes between the head and the base",
        );
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return no_repo(&state, &owner, &name);
    };
    // `owner:branch` names a fork's branch; the fake has no forks.
    let head = match head.split_once(':') {
        Some((fork_owner, branch)) if fork_owner.eq_ignore_ascii_case(&repo.owner) => {
            branch.to_owned()
        }
        Some(_) => return not_found(&state, &[]),
        None => head,
    };
    if repo.branch(&head).is_none() || repo.branch(&base).is_none() {
        return not_found(&state, &[]);
    }
    if let Some(existing) = repo
        .pulls
        .iter()
        .find(|pull| pull.state == PullState::Open && pull.source == head && pull.target == base)
    {
        let message = format!(
            "pull request already exists for these targets [id: {}, issue_id: {}, head_repo_id: {}, base_repo_id: {}, head_branch: {head}, base_branch: {base}]",
            existing.id, existing.number, repo.id, repo.id
        );
        return api_error(&state, StatusCode::CONFLICT, message);
    }
    let full = repo.full_name();
    let number = forge
        .open_pull(&full, &title, &head, &base, &caller)
        .expect("the repository exists")
        .number;
    let repo = forge.repo_mut(&full).expect("found above");
    let pull = repo.pull_mut(number).expect("just opened");
    pull.body = body["body"]
        .as_str()
        .map(str::to_owned)
        .filter(|text| !text.is_empty());
    pull.draft = render::is_work_in_progress(&title);
    let pull = pull.clone();
    let repo = forge.repo(&full).expect("found above");
    (
        StatusCode::CREATED,
        Json(render::pull(&state, &forge, repo, &pull)),
    )
        .into_response()
}

/// `POST /repos/{owner}/{repo}/pulls/{index}/merge` (`MergePullRequestOption`): an empty 200,
/// or Gitea's refusals — 404 for a closed pull request, 405 for a merged one (with an empty
/// message), a work in progress or one that cannot be merged.
pub async fn merge(
    State(state): Shared,
    Path((owner, name, index)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let body = match json_body(&state, &body) {
        Ok(body) => body,
        Err(refusal) => return *refusal,
    };
    let style = body["Do"].as_str().unwrap_or_default();
    if style.is_empty() {
        return required(&state, "Do");
    }
    if !MERGE_STYLES.contains(&style) {
        return api_error(&state, StatusCode::UNPROCESSABLE_ENTITY, "[Do]: In");
    }
    let mut forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return no_repo(&state, &owner, &name);
    };
    let index = parse_index(&index).unwrap_or(0);
    let Some(pull) = repo.pulls.iter().find(|pull| pull.number == index) else {
        let body = json!({
            "message": "GetPullRequestByIndex",
            "url": swagger(&state),
            "errors": [no_pull(repo, index)],
        });
        return (StatusCode::NOT_FOUND, Json(body)).into_response();
    };
    if pull.state == PullState::Open && render::is_work_in_progress(&pull.title) {
        return api_error(
            &state,
            StatusCode::METHOD_NOT_ALLOWED,
            "Work in progress PRs cannot be merged",
        );
    }
    let title = body["MergeTitleField"]
        .as_str()
        .map(str::trim)
        .unwrap_or_default();
    let mut message = if title.is_empty() {
        default_message(style, &pull.title, index, &pull.source, &pull.target)
    } else {
        title.to_owned()
    };
    let details = body["MergeMessageField"]
        .as_str()
        .map(str::trim)
        .unwrap_or_default();
    if !details.is_empty() {
        message = format!("{message}\n\n{details}");
    }
    let full = repo.full_name();
    match forge.merge(&full, index, &message) {
        Some(Ok(_)) => StatusCode::OK.into_response(),
        Some(Err(MergeRefusal::Closed)) => not_found(&state, &[]),
        Some(Err(MergeRefusal::AlreadyMerged)) => {
            api_error(&state, StatusCode::METHOD_NOT_ALLOWED, "")
        }
        Some(Err(MergeRefusal::NotMergeable)) => api_error(
            &state,
            StatusCode::METHOD_NOT_ALLOWED,
            "Please try again later",
        ),
        None => not_found(&state, &[]),
    }
}

/// Gitea's default commit message of a merge style.
fn default_message(style: &str, title: &str, index: u64, head: &str, base: &str) -> String {
    match style {
        "squash" => format!("{title} (#{index})"),
        "rebase" | "fast-forward-only" => title.to_owned(),
        _ => format!("Merge pull request '{title}' (#{index}) from {head} into {base}"),
    }
}
