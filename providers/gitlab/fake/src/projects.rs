//! Projects, groups' and users' project lists, project users, branches, files, commits, and
//! the version.

use super::{Params, bad_param, find_project, not_found, paged, render};
use axum::Json;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use mosaic_fake_kit::forge::{Forge, Repo};
use mosaic_fake_kit::server::FakeState;
use serde_json::{Value, json};
use std::sync::Arc;

type Shared = State<Arc<FakeState>>;

/// Projects newest first (GitLab's default `order_by=created_at&sort=desc`).
fn rendered(state: &FakeState, forge: &Forge, keep: impl Fn(&Repo) -> bool) -> Vec<Value> {
    let mut repos: Vec<&Repo> = forge.repos.iter().filter(|repo| keep(repo)).collect();
    repos.sort_by_key(|repo| std::cmp::Reverse(repo.id));
    repos
        .into_iter()
        .map(|repo| render::project(&state.origin, forge, repo))
        .collect()
}

/// `GET /version`.
pub(super) async fn version() -> Response {
    Json(json!({
        "version": "17.5.1-ee",
        "revision": "c401a659d0c",
        "kas": { "enabled": false, "externalUrl": null, "version": null },
        "enterprise": true,
    }))
    .into_response()
}

/// `GET /projects`: the token's user is a member of every project of the fake.
pub(super) async fn list(
    State(state): Shared,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items = rendered(&state, &state.forge(), |_| true);
    paged(&state, &uri, &params, &items)
}

/// Whether `path` is a group: an owner that is not a user, or a group above one.
fn is_group(forge: &Forge, path: &str) -> bool {
    let lower = path.to_lowercase();
    forge.user(path).is_none()
        && forge.repos.iter().any(|repo| {
            let owner = repo.owner.to_lowercase();
            owner == lower || owner.starts_with(&format!("{lower}/"))
        })
}

/// `GET /groups/{id}/projects`: the group's own projects, its subgroups' with
/// `include_subgroups=true`.
pub(super) async fn of_group(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items = {
        let forge = state.forge();
        if !is_group(&forge, &id) {
            return not_found("Group");
        }
        let group = id.to_lowercase();
        let nested = params.get("include_subgroups").is_some_and(|v| v == "true");
        rendered(&state, &forge, |repo| {
            let owner = repo.owner.to_lowercase();
            owner == group || (nested && owner.starts_with(&format!("{group}/")))
        })
    };
    paged(&state, &uri, &params, &items)
}

/// `GET /users/{user_id}/projects`, by username or numeric id.
pub(super) async fn of_user(
    State(state): Shared,
    Path(user_id): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items = {
        let forge = state.forge();
        let user = match user_id.parse::<u64>() {
            Ok(id) => forge.user_by_id(id),
            Err(_) => forge.user(&user_id),
        };
        let Some(login) = user.map(|user| user.login.clone()) else {
            return not_found("User");
        };
        rendered(&state, &forge, |repo| repo.owner == login)
    };
    paged(&state, &uri, &params, &items)
}

/// `GET /projects/{id}`.
pub(super) async fn get_one(State(state): Shared, Path(id): Path<String>) -> Response {
    let forge = state.forge();
    match find_project(&forge, &id) {
        Some(repo) => Json(render::project(&state.origin, &forge, repo)).into_response(),
        None => not_found("Project"),
    }
}

/// `GET /projects/{id}/users`: every user of the fake is a member; `search` matches
/// usernames and names in part, without case.
pub(super) async fn users(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items: Vec<Value> = {
        let forge = state.forge();
        if find_project(&forge, &id).is_none() {
            return not_found("Project");
        }
        let search = params.get("search").map(|text| text.to_lowercase());
        forge
            .users
            .iter()
            .filter(|user| {
                search.as_ref().is_none_or(|text| {
                    user.login.to_lowercase().contains(text)
                        || user.name.to_lowercase().contains(text)
                })
            })
            .map(|user| render::user(&state.origin, &forge, &user.login))
            .collect()
    };
    paged(&state, &uri, &params, &items)
}

/// `GET /projects/{id}/repository/branches`.
pub(super) async fn branches(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items: Vec<Value> = {
        let forge = state.forge();
        let Some(repo) = find_project(&forge, &id) else {
            return not_found("Project");
        };
        // GitLab sorts branches by name unless told otherwise.
        let mut branches: Vec<_> = repo.branches.iter().collect();
        branches.sort_by(|a, b| a.name.cmp(&b.name));
        branches
            .into_iter()
            .map(|branch| render::branch(&state.origin, &forge, repo, branch))
            .collect()
    };
    paged(&state, &uri, &params, &items)
}

/// The commit a ref names: a branch's tip or a commit's SHA.
fn resolve_ref(repo: &Repo, git_ref: &str) -> Option<String> {
    if git_ref == "HEAD" {
        return repo.branch(&repo.default_branch).map(|b| b.sha.clone());
    }
    repo.branch(git_ref)
        .map(|branch| branch.sha.clone())
        .or_else(|| {
            repo.commits
                .iter()
                .find(|commit| commit.sha == git_ref)
                .map(|commit| commit.sha.clone())
        })
}

/// `GET /projects/{id}/repository/files/{file_path}?ref=`: the forge holds one tree, served
/// at every ref that exists.
pub(super) async fn file(
    State(state): Shared,
    Path((id, file_path)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Response {
    let Some(git_ref) = params.get("ref").filter(|r| !r.is_empty()) else {
        return bad_param("ref is missing");
    };
    let forge = state.forge();
    let Some(repo) = find_project(&forge, &id) else {
        return not_found("Project");
    };
    let Some(commit_id) = resolve_ref(repo, git_ref) else {
        return not_found("Commit");
    };
    // A directory is no file to this endpoint.
    let Some(bytes) = repo.files.get(&file_path) else {
        return not_found("File");
    };
    let last_commit = repo
        .commits
        .iter()
        .find(|commit| commit.paths.contains(&file_path))
        .map_or_else(|| commit_id.clone(), |commit| commit.sha.clone());
    let blob = mosaic_fake_kit::forge::sha(
        &format!("{}:{file_path}", repo.full_name()),
        bytes.len() as u64,
    );
    Json(json!({
        "file_name": file_path.rsplit('/').next().unwrap_or(&file_path),
        "file_path": file_path,
        "size": bytes.len(),
        "encoding": "base64",
        "content": base64::engine::general_purpose::STANDARD.encode(bytes),
        "ref": git_ref,
        "blob_id": blob,
        "commit_id": commit_id,
        "last_commit_id": last_commit,
        "execute_filemode": false,
    }))
    .into_response()
}

/// `GET /projects/{id}/repository/commits?ref_name=&path=`, newest first; a ref nobody
/// knows has no commits.
pub(super) async fn commits(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items: Vec<Value> = {
        let forge = state.forge();
        let Some(repo) = find_project(&forge, &id) else {
            return not_found("Project");
        };
        let known = params
            .get("ref_name")
            .is_none_or(|git_ref| resolve_ref(repo, git_ref).is_some());
        repo.commits
            .iter()
            .filter(|_| known)
            .filter(|commit| {
                params
                    .get("path")
                    .is_none_or(|path| commit.paths.iter().any(|touched| touched == path))
            })
            .map(|commit| render::commit(&state.origin, &forge, repo, commit))
            .collect()
    };
    paged(&state, &uri, &params, &items)
}
