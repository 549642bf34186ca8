//! Repositories, their branches, contents, commits and labels, and the server's version.

use super::{
    COMMITS_RANGE_SIZE, Params, add_page_headers, api_error, find_repo, list_options, not_found,
    paged, render,
};
use axum::Json;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mosaic_fake_kit::forge::{Forge, Repo};
use mosaic_fake_kit::server::FakeState;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::Arc;

type Shared = State<Arc<FakeState>>;

/// `GET /version`.
pub async fn version() -> Json<Value> {
    Json(json!({ "version": "1.22.3" }))
}

/// Repositories Gitea can hold: one owner level.
fn gitea_repos(forge: &Forge) -> impl Iterator<Item = &Repo> {
    forge.repos.iter().filter(|repo| !repo.owner.contains('/'))
}

/// `GET /user/repos`: the caller sees every repository of the fake.
pub async fn user_repos(
    State(state): Shared,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items: Vec<Value> = {
        let forge = state.forge();
        gitea_repos(&forge)
            .map(|repo| render::repo(&state, &forge, repo))
            .collect()
    };
    paged(&state, &uri, &params, &items)
}

/// An organization: an owner of repositories that is not a user.
fn is_org(forge: &Forge, name: &str) -> bool {
    forge.user(name).is_none()
        && gitea_repos(forge).any(|repo| repo.owner.eq_ignore_ascii_case(name))
}

/// `GET /users/{username}/repos`: a user's or an organization's repositories (organizations
/// are users to Gitea), oldest first.
pub async fn users_repos(
    State(state): Shared,
    Path(username): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items: Option<Vec<Value>> = {
        let forge = state.forge();
        (forge.user(&username).is_some() || is_org(&forge, &username)).then(|| {
            gitea_repos(&forge)
                .filter(|repo| repo.owner.eq_ignore_ascii_case(&username))
                .map(|repo| render::repo(&state, &forge, repo))
                .collect()
        })
    };
    match items {
        Some(items) => paged(&state, &uri, &params, &items),
        None => not_found(
            &state,
            &[format!("user redirect does not exist [name: {username}]")],
        ),
    }
}

/// `GET /orgs/{org}/labels`: the fake's organizations have no labels of their own.
pub async fn org_labels(
    State(state): Shared,
    Path(org): Path<String>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    if !is_org(&state.forge(), &org) {
        return not_found(
            &state,
            &[format!("org does not exist [id: 0, name: {org}]")],
        );
    }
    paged(&state, &uri, &params, &[])
}

fn no_repo(state: &FakeState, owner: &str, name: &str) -> Response {
    not_found(
        state,
        &[format!(
            "repository does not exist [id: 0, uid: 0, owner_name: {owner}, name: {name}]"
        )],
    )
}

/// `GET /repos/{owner}/{repo}`.
pub async fn repo_get(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
) -> Response {
    let forge = state.forge();
    match find_repo(&forge, &owner, &name) {
        Some(repo) => Json(render::repo(&state, &forge, repo)).into_response(),
        None => no_repo(&state, &owner, &name),
    }
}

/// `GET /repos/{owner}/{repo}/branches`.
pub async fn branches(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items: Option<Vec<Value>> = {
        let forge = state.forge();
        find_repo(&forge, &owner, &name).map(|repo| {
            repo.branches
                .iter()
                .map(|branch| render::branch(&state, &forge, repo, branch))
                .collect()
        })
    };
    match items {
        Some(items) => paged(&state, &uri, &params, &items),
        None => no_repo(&state, &owner, &name),
    }
}

/// A ref resolved in a repository: the commit it names, whether it is a branch, and where
/// its history starts in the repository's commit list (newest first).
struct Resolved {
    sha: String,
    is_branch: bool,
    start: usize,
}

/// A branch name or a commit SHA (7 digits or more). The fake keeps one history, the default
/// branch's; another branch reads it too, from its tip when the tip is in it.
fn resolve(repo: &Repo, git_ref: &str) -> Option<Resolved> {
    let position = |sha: &str| repo.commits.iter().position(|commit| commit.sha == sha);
    if let Some(branch) = repo.branch(git_ref) {
        return Some(Resolved {
            sha: branch.sha.clone(),
            is_branch: true,
            start: position(&branch.sha).unwrap_or(0),
        });
    }
    if git_ref.len() < 7 || !git_ref.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    let start = repo
        .commits
        .iter()
        .position(|commit| commit.sha.starts_with(git_ref))?;
    Some(Resolved {
        sha: repo.commits[start].sha.clone(),
        is_branch: false,
        start,
    })
}

/// `GET /repos/{owner}/{repo}/contents/{filepath}`: a file with its content, or a directory
/// as the list of its entries.
pub async fn contents(
    State(state): Shared,
    Path((owner, name, path)): Path<(String, String, String)>,
    Query(params): Query<Params>,
) -> Response {
    let forge = state.forge();
    let Some(repo) = find_repo(&forge, &owner, &name) else {
        return no_repo(&state, &owner, &name);
    };
    let git_ref = params
        .get("ref")
        .filter(|git_ref| !git_ref.is_empty())
        .cloned()
        .unwrap_or_else(|| repo.default_branch.clone());
    let Some(resolved) = resolve(repo, &git_ref) else {
        return not_found(
            &state,
            &[format!("object does not exist [id: {git_ref}, rel_path: ]")],
        );
    };
    let at = render::At {
        git_ref: &git_ref,
        sha: &resolved.sha,
        is_branch: resolved.is_branch,
    };
    let path = path.trim_matches('/');
    if let Some(bytes) = repo.files.get(path) {
        return Json(render::content_entry(
            &state,
            repo,
            path,
            Some(bytes),
            &at,
            true,
        ))
        .into_response();
    }
    // A directory: its files and subdirectories, each once, sorted.
    let prefix = format!("{path}/");
    let mut children = BTreeSet::new();
    for file in repo
        .files
        .keys()
        .filter_map(|file| file.strip_prefix(&prefix))
    {
        children.insert(match file.split_once('/') {
            Some((directory, _)) => (format!("{prefix}{directory}"), false),
            None => (format!("{prefix}{file}"), true),
        });
    }
    if children.is_empty() {
        return not_found(
            &state,
            &[format!("object does not exist [id: , rel_path: {path}]")],
        );
    }
    let entries: Vec<Value> = children
        .into_iter()
        .map(|(child, is_file)| {
            let bytes = is_file.then(|| repo.files[&child].as_slice());
            render::content_entry(&state, repo, &child, bytes, &at, false)
        })
        .collect();
    Json(entries).into_response()
}

/// `GET /repos/{owner}/{repo}/commits`, with Gitea 1.22's paging, path paging included.
pub async fn commits(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let (page, limit) = list_options(&params);
    let limit = limit.min(COMMITS_RANGE_SIZE);
    let (items, total) = {
        let forge = state.forge();
        let Some(repo) = find_repo(&forge, &owner, &name) else {
            return no_repo(&state, &owner, &name);
        };
        if repo.commits.is_empty() {
            return api_error(&state, StatusCode::CONFLICT, "Git Repository is empty.");
        }
        let start = match params.get("sha").filter(|sha| !sha.is_empty()) {
            None => resolve(repo, &repo.default_branch).map_or(0, |at| at.start),
            Some(sha) => match resolve(repo, sha) {
                Some(at) => at.start,
                // Gitea 1.22 reports an unknown revision as an internal error, whose message
                // a production instance hides.
                None => return api_error(&state, StatusCode::INTERNAL_SERVER_ERROR, ""),
            },
        };
        let history = repo.commits[start..].iter();
        let selected: Vec<_> = match params.get("path").filter(|path| !path.is_empty()) {
            Some(path) => history
                .filter(|commit| {
                    commit
                        .paths
                        .iter()
                        .any(|touched| touched == path || touched.starts_with(&format!("{path}/")))
                })
                .collect(),
            None => history.collect(),
        };
        let by_path = params.get("path").is_some_and(|path| !path.is_empty());
        if by_path && selected.is_empty() {
            let body = json!({ "message": "FileCommitsCount", "url": super::swagger(&state), "errors": [] });
            return (StatusCode::NOT_FOUND, Json(body)).into_response();
        }
        // With a path Gitea ignores `limit` for the slice and serves its commit range size.
        let size = if by_path { COMMITS_RANGE_SIZE } else { limit } as usize;
        let first = (page as usize - 1).saturating_mul(size).min(selected.len());
        let last = (first + size).min(selected.len());
        let items: Vec<Value> = selected[first..last]
            .iter()
            .map(|commit| render::commit(&state, &forge, repo, commit))
            .collect();
        (items, selected.len())
    };
    // The Link header counts pages of `limit`, whatever the slice was.
    let page_count = u32::try_from(total.div_ceil(limit as usize))
        .unwrap_or(u32::MAX)
        .max(1);
    let next = (page < page_count).then_some(page + 1);
    let mut response = Json(items).into_response();
    add_page_headers(&state, &uri, &params, &mut response, page, next, page_count);
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-total-count", total.to_string()),
        ("x-total", total.to_string()),
        ("x-page", page.to_string()),
        ("x-perpage", limit.to_string()),
        ("x-pagecount", page_count.to_string()),
        ("x-hasmore", (page < page_count).to_string()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// `GET /repos/{owner}/{repo}/labels`, alphabetically, as Gitea sorts them by default.
pub async fn labels(
    State(state): Shared,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Query<Params>,
) -> Response {
    let items: Option<Vec<Value>> = {
        let forge = state.forge();
        find_repo(&forge, &owner, &name).map(|repo| {
            let mut labels: Vec<_> = repo.labels.iter().collect();
            labels.sort_by(|a, b| a.name.cmp(&b.name));
            labels
                .into_iter()
                .map(|label| render::label(&state, repo, label))
                .collect()
        })
    };
    match items {
        Some(items) => paged(&state, &uri, &params, &items),
        None => no_repo(&state, &owner, &name),
    }
}
