//! Repositories, branches, contents, blobs, commits and the rate-limit overview.

use super::{Params, Shared, error, find_repo, not_found, on_github, paged, render};
use axum::Json;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{Forge, Repo};
use mosaic_fake_kit::server::FakeState;
use serde_json::{Value, json};

/// Repositories of `owner` as JSON, by name; `public_only` for an organization's repositories
/// seen through the users endpoint.
fn owned_by(state: &FakeState, forge: &Forge, owner: &str, public_only: bool) -> Vec<Value> {
    let api = state.base_url();
    let mut repos: Vec<&Repo> = forge
        .repos
        .iter()
        .filter(|repo| repo.owner == owner && !(public_only && repo.private))
        .collect();
    repos.sort_by_key(|repo| repo.full_name());
    repos
        .into_iter()
        .map(|repo| render::repo(forge, &api, repo))
        .collect()
}

/// `GET /user/repos`: what the token's user may see (here: every repository), by full name.
pub async fn user_repos(State(state): Shared, uri: OriginalUri, Query(params): Params) -> Response {
    let items = {
        let forge = state.forge();
        let api = state.base_url();
        let mut repos: Vec<&Repo> = forge.repos.iter().filter(|repo| on_github(repo)).collect();
        repos.sort_by_key(|repo| repo.full_name());
        repos
            .into_iter()
            .map(|repo| render::repo(&forge, &api, repo))
            .collect()
    };
    paged(&state, &uri, &params, items)
}

/// `GET /orgs/{org}/repos`: an organization is an owner that is not a user.
pub async fn org_repos(
    State(state): Shared,
    Path(org): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        if forge.user(&org).is_some() || org.contains('/') {
            return not_found();
        }
        owned_by(&state, &forge, &org, false)
    };
    if items.is_empty() {
        return not_found();
    }
    paged(&state, &uri, &params, items)
}

/// `GET /users/{user}/repos`: a user's repositories, or an organization's public ones.
pub async fn users_repos(
    State(state): Shared,
    Path(login): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        let is_user = forge.user(&login).is_some();
        let is_org =
            !is_user && !login.contains('/') && forge.repos.iter().any(|repo| repo.owner == login);
        if !is_user && !is_org {
            return not_found();
        }
        owned_by(&state, &forge, &login, is_org)
    };
    paged(&state, &uri, &params, items)
}

pub async fn repo_get(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
) -> Response {
    let forge = state.forge();
    match find_repo(&forge, &owner, &name) {
        Some(repo) => Json(render::repo(&forge, &state.base_url(), repo)).into_response(),
        None => not_found(),
    }
}

pub async fn branches(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        let Some(repo) = find_repo(&forge, &owner, &name) else {
            return not_found();
        };
        let api = state.base_url();
        repo.branches
            .iter()
            .map(|branch| render::branch(&api, repo, branch))
            .collect()
    };
    paged(&state, &uri, &params, items)
}

/// `GET …/contents/{path}`: a file, or a directory's entries. Every branch holds the
/// repository's files; a ref that is no branch or commit is a 404 naming it.
pub async fn contents(
    State(state): Shared,
    Path((owner, name, path)): Path<(String, String, String)>,
    Query(params): Params,
) -> Response {
    let forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return not_found();
    };
    let git_ref = params
        .get("ref")
        .cloned()
        .unwrap_or_else(|| repo.default_branch.clone());
    let known_ref =
        repo.branch(&git_ref).is_some() || repo.commits.iter().any(|commit| commit.sha == git_ref);
    if !known_ref {
        return error(
            StatusCode::NOT_FOUND,
            format!("No commit found for the ref {git_ref}"),
        );
    }
    let path = path.trim_end_matches('/');
    let api = state.base_url();
    if let Some(bytes) = repo.files.get(path) {
        return Json(render::file(&api, repo, &git_ref, path, bytes)).into_response();
    }
    let entries = render::directory(&api, repo, &git_ref, path);
    if entries.is_empty() {
        return not_found();
    }
    Json(entries).into_response()
}

/// `GET …/git/blobs/{sha}`: any file's content by its blob SHA.
pub async fn blob(
    State(state): Shared,
    Path((owner, name, sha)): Path<(String, String, String)>,
) -> Response {
    let forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return not_found();
    };
    let found = repo
        .files
        .iter()
        .find(|(path, bytes)| render::blob_sha(repo, path, bytes) == sha);
    match found {
        Some((_, bytes)) => {
            Json(render::blob(&state.base_url(), repo, &sha, bytes)).into_response()
        }
        None => not_found(),
    }
}

/// `GET …/commits`: newest first, from a branch or SHA (`sha`), touching a path (`path`).
pub async fn commits(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        let Some(repo) = find_repo(&forge, &owner, &name) else {
            return not_found();
        };
        if let Some(git_ref) = params.get("sha")
            && repo.branch(git_ref).is_none()
            && !repo.commits.iter().any(|commit| &commit.sha == git_ref)
        {
            return error(
                StatusCode::NOT_FOUND,
                "No commit found for SHA: ".to_owned() + git_ref,
            );
        }
        let api = state.base_url();
        repo.commits
            .iter()
            .filter(|commit| {
                params
                    .get("path")
                    .is_none_or(|path| commit.paths.iter().any(|touched| touched == path))
            })
            .map(|commit| render::commit(&forge, &api, repo, commit))
            .collect()
    };
    paged(&state, &uri, &params, items)
}

/// `GET /rate_limit`: the core quota as the headers report it.
pub async fn rate_limit(State(state): Shared) -> Response {
    let limit = 5000;
    let remaining = state.knobs.remaining().unwrap_or(limit);
    let core = json!({
        "limit": limit,
        "remaining": remaining,
        "used": limit.saturating_sub(remaining),
        "reset": 0,
    });
    Json(json!({ "resources": { "core": core }, "rate": core })).into_response()
}
