//! A fake of GitHub's REST API (the paths MosAIc's `github` adapter uses), and, in its Gitea
//! flavour, of Gitea's API v1, which follows GitHub's shapes: the JSON of both is rendered
//! here from one [`Forge`], with the differences named where they are.
//!
//! | | GitHub | Gitea |
//! | --- | --- | --- |
//! | credentials | `Authorization: Bearer T` (or `token T`) | `Authorization: token T` |
//! | page size | `per_page` | `limit` |
//! | issue lists | include pull requests | `type=issues` leaves them out |
//! | labels on create | names | ids |
//! | merge | `PUT …/merge` `{merge_method}` → `{sha, merged, message}` | `POST …/merge` `{Do}` → empty 200 |
//! | quota | 5000/h, `X-RateLimit-*`, 403 when spent | none by default |

use crate::forge::{Forge, Issue, Note, Pull, PullState, Repo};
use crate::paging::{link_header, page_of};
use crate::server::{FakeServer, FakeState, Style, error};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Extension, Json, Router};
use base64::Engine as _;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// Which forge is faked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// GitHub.
    GitHub,
    /// Gitea (and Forgejo).
    Gitea,
}

/// How the GitHub fake speaks: no prefix, bearer tokens, a 5000-request quota answered with
/// 403 when spent.
pub fn style(token: &str) -> Style {
    Style {
        prefix: String::new(),
        auth_header: "authorization",
        accepted: vec![format!("Bearer {token}"), format!("token {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::FORBIDDEN,
        quota: Some(5000),
        etags: true,
        unmetered: vec!["/rate_limit"],
    }
}

/// Starts a GitHub fake serving `forge`, accepting `token`.
pub async fn start(forge: Forge, token: &str) -> FakeServer {
    FakeServer::start(style(token), forge, routes(Flavour::GitHub)).await
}

type Params = Query<HashMap<String, String>>;
type Shared = State<Arc<FakeState>>;

/// The routes of a GitHub-shaped API.
pub fn routes(flavour: Flavour) -> Router<Arc<FakeState>> {
    let merge = match flavour {
        Flavour::GitHub => put(pull_merge),
        Flavour::Gitea => post(pull_merge),
    };
    Router::new()
        .route("/user/repos", get(user_repos))
        .route("/orgs/{org}/repos", get(org_repos))
        .route("/users/{user}/repos", get(users_repos))
        .route("/repos/{owner}/{repo}", get(repo_get))
        .route("/repos/{owner}/{repo}/branches", get(branches))
        .route("/repos/{owner}/{repo}/contents/{*path}", get(contents))
        .route("/repos/{owner}/{repo}/commits", get(commits))
        .route("/repos/{owner}/{repo}/labels", get(labels))
        .route(
            "/repos/{owner}/{repo}/issues",
            get(issues_list).post(issue_create),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{number}",
            get(issue_get).patch(issue_update),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{number}/comments",
            post(comment_create),
        )
        .route(
            "/repos/{owner}/{repo}/issues/{number}/labels",
            put(issue_labels),
        )
        .route(
            "/repos/{owner}/{repo}/pulls",
            get(pulls_list).post(pull_create),
        )
        .route("/repos/{owner}/{repo}/pulls/{number}", get(pull_get))
        .route("/repos/{owner}/{repo}/pulls/{number}/merge", merge)
        .route("/rate_limit", get(rate_limit))
        .route(
            "/version",
            get(|| async { Json(json!({"version": "1.22.0"})) }),
        )
        .layer(Extension(flavour))
}

/// Where pages of the forge live on the web.
fn web_root(state: &FakeState, flavour: Flavour) -> String {
    match flavour {
        Flavour::GitHub => "https://github.com".into(),
        Flavour::Gitea => state.origin.clone(),
    }
}

fn page_params(flavour: Flavour, params: &HashMap<String, String>) -> Result<(u32, u32), String> {
    let size_name = match flavour {
        Flavour::GitHub => "per_page",
        Flavour::Gitea => "limit",
    };
    let number = |name: &str, default: u32| -> Result<u32, String> {
        match params.get(name) {
            None => Ok(default),
            Some(text) => text.parse().map_err(|_| format!("{name} must be a number")),
        }
    };
    let per_page = number(size_name, 30)?.clamp(1, 100);
    Ok((number("page", 1)?.max(1), per_page))
}

/// A JSON list page with the `Link` header (and Gitea's `X-Total-Count`).
fn paged(
    state: &FakeState,
    uri: &OriginalUri,
    params: &HashMap<String, String>,
    flavour: Flavour,
    items: Vec<Value>,
) -> Response {
    let (page, per_page) = match page_params(flavour, params) {
        Ok(numbers) => numbers,
        Err(message) => return error(StatusCode::UNPROCESSABLE_ENTITY, message),
    };
    let total = items.len();
    let (items, next, last) = page_of(&items, page, per_page);
    let query: Vec<String> = params
        .iter()
        .filter(|(name, _)| name.as_str() != "page")
        .map(|(name, value)| format!("{name}={value}"))
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
    if flavour == Flavour::Gitea {
        response
            .headers_mut()
            .insert("x-total-count", HeaderValue::from(total));
    }
    response
}

fn user_json(login: &str) -> Value {
    json!({ "login": login })
}

fn repo_json(state: &FakeState, flavour: Flavour, repo: &Repo) -> Value {
    let full = repo.full_name();
    json!({
        "id": repo.id,
        "name": repo.name,
        "full_name": full,
        "owner": user_json(&repo.owner),
        "description": repo.description.clone().unwrap_or_default(),
        "default_branch": repo.default_branch,
        "private": repo.private,
        "updated_at": repo.updated_at,
        "html_url": format!("{}/{full}", web_root(state, flavour)),
    })
}

fn issue_json(state: &FakeState, flavour: Flavour, repo: &Repo, issue: &Issue) -> Value {
    let labels: Vec<Value> = issue
        .labels
        .iter()
        .map(|name| {
            let label = repo.labels.iter().find(|label| &label.name == name);
            json!({
                "id": label.map_or(0, |label| label.id),
                "name": name,
                "color": label.map_or("ededed", |label| label.color.as_str()),
            })
        })
        .collect();
    json!({
        "id": issue.id,
        "number": issue.number,
        "title": issue.title,
        "body": issue.body,
        "state": if issue.open { "open" } else { "closed" },
        "user": user_json(&issue.author),
        "assignees": issue.assignees.iter().map(|login| user_json(login)).collect::<Vec<_>>(),
        "labels": labels,
        "comments": issue.comments.len(),
        "created_at": issue.created_at,
        "updated_at": issue.updated_at,
        "closed_at": issue.closed_at,
        "html_url": format!("{}/{}/issues/{}", web_root(state, flavour), repo.full_name(), issue.number),
        "pull_request": null,
    })
}

/// A pull request as GitHub lists it among issues.
fn pull_as_issue_json(state: &FakeState, flavour: Flavour, repo: &Repo, pull: &Pull) -> Value {
    let web = format!(
        "{}/{}/pull/{}",
        web_root(state, flavour),
        repo.full_name(),
        pull.number
    );
    json!({
        "id": pull.id,
        "number": pull.number,
        "title": pull.title,
        "body": pull.body,
        "state": if pull.state == PullState::Open { "open" } else { "closed" },
        "user": user_json(&pull.author),
        "assignees": [],
        "labels": [],
        "comments": pull.comments.len(),
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "html_url": web,
        "pull_request": { "html_url": web, "merged_at": pull.merged_at },
    })
}

fn pull_json(state: &FakeState, flavour: Flavour, repo: &Repo, pull: &Pull) -> Value {
    let path = match flavour {
        Flavour::GitHub => "pull",
        Flavour::Gitea => "pulls",
    };
    json!({
        "id": pull.id,
        "number": pull.number,
        "title": pull.title,
        "body": pull.body,
        "state": if pull.state == PullState::Open { "open" } else { "closed" },
        "draft": pull.draft,
        "merged": pull.state == PullState::Merged,
        "mergeable": pull.mergeable,
        "merged_at": pull.merged_at,
        "merge_commit_sha": pull.merge_sha,
        "head": { "ref": pull.source, "label": pull.source },
        "base": { "ref": pull.target, "label": pull.target },
        "user": user_json(&pull.author),
        "comments": pull.comments.len(),
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "html_url": format!("{}/{}/{path}/{}", web_root(state, flavour), repo.full_name(), pull.number),
    })
}

fn note_json(state: &FakeState, flavour: Flavour, repo: &Repo, number: u64, note: &Note) -> Value {
    json!({
        "id": note.id,
        "user": user_json(&note.author),
        "body": note.body,
        "created_at": note.created_at,
        "updated_at": note.created_at,
        "html_url": format!(
            "{}/{}/issues/{number}#issuecomment-{}",
            web_root(state, flavour),
            repo.full_name(),
            note.id
        ),
    })
}

fn no_repo() -> Response {
    error(StatusCode::NOT_FOUND, "Not Found")
}

/// Runs `answer` on the repository `owner/name`, or answers 404.
fn with_repo(
    state: &FakeState,
    owner: &str,
    name: &str,
    answer: impl FnOnce(&Repo) -> Response,
) -> Response {
    let forge = state.forge();
    match forge.repo(&format!("{owner}/{name}")) {
        Some(repo) => answer(repo),
        None => no_repo(),
    }
}

async fn user_repos(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items: Vec<Value> = state
        .forge()
        .repos
        .iter()
        .map(|repo| repo_json(&state, flavour, repo))
        .collect();
    paged(&state, &uri, &params, flavour, items)
}

fn owned_repos(state: &FakeState, flavour: Flavour, owner: &str) -> Vec<Value> {
    state
        .forge()
        .repos
        .iter()
        .filter(|repo| repo.owner == owner)
        .map(|repo| repo_json(state, flavour, repo))
        .collect()
}

async fn org_repos(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path(org): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    // An organization exists when it is not a user and owns something.
    let is_user = state.forge().user(&org).is_some();
    let items = owned_repos(&state, flavour, &org);
    if is_user || items.is_empty() {
        return no_repo();
    }
    paged(&state, &uri, &params, flavour, items)
}

async fn users_repos(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path(user): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    if state.forge().user(&user).is_none() {
        return no_repo();
    }
    let items = owned_repos(&state, flavour, &user);
    paged(&state, &uri, &params, flavour, items)
}

async fn repo_get(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name)): Path<(String, String)>,
) -> Response {
    with_repo(&state, &owner, &name, |repo| {
        Json(repo_json(&state, flavour, repo)).into_response()
    })
}

async fn branches(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        let Some(repo) = forge.repo(&format!("{owner}/{name}")) else {
            return no_repo();
        };
        repo.branches
            .iter()
            .map(|branch| {
                let commit = match flavour {
                    Flavour::GitHub => json!({ "sha": branch.sha }),
                    Flavour::Gitea => json!({ "id": branch.sha, "message": "" }),
                };
                json!({ "name": branch.name, "commit": commit, "protected": branch.protected })
            })
            .collect()
    };
    paged(&state, &uri, &params, flavour, items)
}

async fn contents(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name, path)): Path<(String, String, String)>,
    Query(params): Params,
) -> Response {
    with_repo(&state, &owner, &name, |repo| {
        let git_ref = params
            .get("ref")
            .cloned()
            .unwrap_or(repo.default_branch.clone());
        if repo.branch(&git_ref).is_none() {
            return error(
                StatusCode::NOT_FOUND,
                format!("No commit found for the ref {git_ref}"),
            );
        }
        let Some(bytes) = repo.files.get(&path) else {
            return error(StatusCode::NOT_FOUND, "Not Found");
        };
        // GitHub wraps base64 at 60 characters, as `git` does.
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        let wrapped: Vec<&str> = encoded
            .as_bytes()
            .chunks(60)
            .map(|chunk| std::str::from_utf8(chunk).unwrap_or_default())
            .collect();
        let blob = crate::forge::sha(&format!("{}:{path}", repo.full_name()), bytes.len() as u64);
        Json(json!({
            "type": "file",
            "encoding": "base64",
            "size": bytes.len(),
            "name": path.rsplit('/').next().unwrap_or(&path),
            "path": path,
            "content": wrapped.join("\n"),
            "sha": blob,
            "html_url": format!("{}/{}/blob/{git_ref}/{path}", web_root(&state, flavour), repo.full_name()),
        }))
        .into_response()
    })
}

async fn commits(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        let Some(repo) = forge.repo(&format!("{owner}/{name}")) else {
            return no_repo();
        };
        if let Some(git_ref) = params.get("sha")
            && repo.branch(git_ref).is_none()
            && !repo.commits.iter().any(|commit| &commit.sha == git_ref)
        {
            return error(StatusCode::NOT_FOUND, "No commit found for SHA");
        }
        repo.commits
            .iter()
            .filter(|commit| {
                params
                    .get("path")
                    .is_none_or(|path| commit.paths.iter().any(|touched| touched == path))
            })
            .map(|commit| {
                let author = forge.user(&commit.author);
                json!({
                    "sha": commit.sha,
                    "commit": {
                        "message": commit.message,
                        "author": {
                            "name": author.map_or(commit.author.as_str(), |user| user.name.as_str()),
                            "email": author.map(|user| user.email.clone()),
                            "date": commit.authored_at,
                        },
                    },
                    "html_url": format!("{}/{}/commit/{}", web_root(&state, flavour), repo.full_name(), commit.sha),
                })
            })
            .collect()
    };
    paged(&state, &uri, &params, flavour, items)
}

async fn labels(State(state): Shared, Path((owner, name)): Path<(String, String)>) -> Response {
    with_repo(&state, &owner, &name, |repo| {
        let labels: Vec<Value> = repo
            .labels
            .iter()
            .map(|label| json!({"id": label.id, "name": label.name, "color": label.color}))
            .collect();
        Json(labels).into_response()
    })
}

async fn issues_list(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let state_filter = params.get("state").map_or("open", String::as_str);
    if !matches!(state_filter, "open" | "closed" | "all") {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "state must be open, closed or all",
        );
    }
    let wanted: Vec<String> = params
        .get("labels")
        .map(|labels| labels.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let only_issues = params.get("type").is_some_and(|kind| kind == "issues");
    let items = {
        let forge = state.forge();
        let Some(repo) = forge.repo(&format!("{owner}/{name}")) else {
            return no_repo();
        };
        let state_ok = |open: bool| match state_filter {
            "open" => open,
            "closed" => !open,
            _ => true,
        };
        let mut entries: Vec<(u64, Value)> = repo
            .issues
            .iter()
            .filter(|issue| state_ok(issue.open))
            .filter(|issue| wanted.iter().all(|label| issue.labels.contains(label)))
            .map(|issue| (issue.number, issue_json(&state, flavour, repo, issue)))
            .collect();
        // GitHub lists pull requests among issues; Gitea too, unless `type=issues`.
        if wanted.is_empty() && !(flavour == Flavour::Gitea && only_issues) {
            entries.extend(
                repo.pulls
                    .iter()
                    .filter(|pull| state_ok(pull.state == PullState::Open))
                    .map(|pull| (pull.number, pull_as_issue_json(&state, flavour, repo, pull))),
            );
        }
        // Newest first, as both forges sort by default.
        entries.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        entries.into_iter().map(|(_, json)| json).collect()
    };
    paged(&state, &uri, &params, flavour, items)
}

fn parse_number(text: &str) -> Option<u64> {
    text.parse().ok()
}

async fn issue_get(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name, number)): Path<(String, String, String)>,
) -> Response {
    let Some(number) = parse_number(&number) else {
        return no_repo();
    };
    with_repo(&state, &owner, &name, |repo| {
        if let Some(issue) = repo.issues.iter().find(|issue| issue.number == number) {
            return Json(issue_json(&state, flavour, repo, issue)).into_response();
        }
        match repo.pulls.iter().find(|pull| pull.number == number) {
            Some(pull) => Json(pull_as_issue_json(&state, flavour, repo, pull)).into_response(),
            None => error(StatusCode::NOT_FOUND, "Not Found"),
        }
    })
}

/// A 422 the way each forge words it.
fn invalid(flavour: Flavour, resource: &str, field: &str, code: &str) -> Response {
    match flavour {
        Flavour::GitHub => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({
                "message": "Validation Failed",
                "errors": [{ "resource": resource, "field": field, "code": code }],
            })),
        )
            .into_response(),
        Flavour::Gitea => error(StatusCode::UNPROCESSABLE_ENTITY, format!("{field}: {code}")),
    }
}

/// Label names from a create body: names on GitHub, ids on Gitea.
fn label_names(
    flavour: Flavour,
    repo: &Repo,
    value: Option<&Value>,
) -> Result<Vec<String>, String> {
    let Some(Value::Array(items)) = value else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .map(|item| match (flavour, item) {
            (Flavour::GitHub, Value::String(name)) => Ok(name.clone()),
            (Flavour::Gitea, Value::Number(id)) => repo
                .labels
                .iter()
                .find(|label| Some(label.id) == id.as_u64())
                .map(|label| label.name.clone())
                .ok_or_else(|| format!("label id {id} does not exist")),
            (Flavour::Gitea, Value::String(name)) => repo
                .labels
                .iter()
                .find(|label| &label.name == name)
                .map(|label| label.name.clone())
                .ok_or_else(|| format!("label {name} does not exist")),
            _ => Err(format!("{item} is not a label")),
        })
        .collect()
}

fn logins(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

async fn issue_create(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let full = format!("{owner}/{name}");
    let title = body["title"].as_str().unwrap_or_default().trim().to_owned();
    if title.is_empty() {
        return invalid(flavour, "Issue", "title", "missing_field");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(repo) = forge.repo(&full) else {
        return no_repo();
    };
    let labels = match label_names(flavour, repo, body.get("labels")) {
        Ok(labels) => labels,
        Err(message) => return error(StatusCode::UNPROCESSABLE_ENTITY, message),
    };
    let assignees = logins(body.get("assignees"));
    if let Some(unknown) = assignees.iter().find(|login| forge.user(login).is_none()) {
        return invalid(
            flavour,
            "Issue",
            "assignees",
            &format!("invalid: {unknown}"),
        );
    }
    let body_text = body["body"].as_str().map(str::to_owned);
    let Some(mut issue) = forge.open_issue(&full, &title, body_text, &caller) else {
        return no_repo();
    };
    let repo = forge
        .repo_mut(&full)
        .expect("the issue was just opened here");
    let stored = repo
        .issue_mut(issue.number)
        .expect("the issue was just opened");
    stored.labels = labels;
    stored.assignees = assignees;
    issue = stored.clone();
    let repo = forge.repo(&full).expect("still there");
    (
        StatusCode::CREATED,
        Json(issue_json(&state, flavour, repo, &issue)),
    )
        .into_response()
}

async fn issue_update(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name, number)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let full = format!("{owner}/{name}");
    let Some(number) = parse_number(&number) else {
        return no_repo();
    };
    let mut forge = state.forge();
    let now = forge.now();
    let Some(repo) = forge.repo(&full) else {
        return no_repo();
    };
    let labels = match body.get("labels") {
        Some(value) if flavour == Flavour::GitHub => {
            match label_names(flavour, repo, Some(value)) {
                Ok(labels) => Some(labels),
                Err(message) => return error(StatusCode::UNPROCESSABLE_ENTITY, message),
            }
        }
        _ => None,
    };
    let repo = forge.repo_mut(&full).expect("checked above");
    let Some(issue) = repo.issue_mut(number) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    if let Some(title) = body["title"].as_str() {
        if title.trim().is_empty() {
            return invalid(flavour, "Issue", "title", "missing_field");
        }
        issue.title = title.to_owned();
    }
    if let Some(text) = body["body"].as_str() {
        issue.body = Some(text.to_owned());
    }
    match body["state"].as_str() {
        Some("open") => {
            issue.open = true;
            issue.closed_at = None;
        }
        Some("closed") => {
            issue.open = false;
            issue.closed_at = Some(now.clone());
        }
        Some(other) => return invalid(flavour, "Issue", "state", &format!("invalid: {other}")),
        None => {}
    }
    if let Some(labels) = labels {
        issue.labels = labels;
    }
    if body.get("assignees").is_some() {
        issue.assignees = logins(body.get("assignees"));
    }
    issue.updated_at = now;
    let issue = issue.clone();
    let repo = forge.repo(&full).expect("still there");
    // Gitea answers an edit with 201, GitHub with 200.
    let status = match flavour {
        Flavour::GitHub => StatusCode::OK,
        Flavour::Gitea => StatusCode::CREATED,
    };
    (status, Json(issue_json(&state, flavour, repo, &issue))).into_response()
}

async fn issue_labels(
    State(state): Shared,
    Path((owner, name, number)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let full = format!("{owner}/{name}");
    let Some(number) = parse_number(&number) else {
        return no_repo();
    };
    let mut forge = state.forge();
    let Some(repo) = forge.repo(&full) else {
        return no_repo();
    };
    let names = match label_names(Flavour::Gitea, repo, body.get("labels")) {
        Ok(names) => names,
        Err(message) => return error(StatusCode::UNPROCESSABLE_ENTITY, message),
    };
    let repo = forge.repo_mut(&full).expect("checked above");
    let Some(issue) = repo.issue_mut(number) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    issue.labels = names;
    let labels: Vec<Value> = issue
        .labels
        .iter()
        .map(|name| json!({"name": name}))
        .collect();
    Json(labels).into_response()
}

async fn comment_create(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name, number)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let full = format!("{owner}/{name}");
    let Some(number) = parse_number(&number) else {
        return no_repo();
    };
    let text = body["body"].as_str().unwrap_or_default();
    if text.trim().is_empty() {
        return invalid(flavour, "IssueComment", "body", "missing_field");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(note) = forge.comment(&full, number, &caller, text) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    let repo = forge.repo(&full).expect("the comment was just made here");
    (
        StatusCode::CREATED,
        Json(note_json(&state, flavour, repo, number, &note)),
    )
        .into_response()
}

async fn pulls_list(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name)): Path<(String, String)>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let state_filter = params.get("state").map_or("open", String::as_str);
    if !matches!(state_filter, "open" | "closed" | "all") {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "state must be open, closed or all",
        );
    }
    let items = {
        let forge = state.forge();
        let Some(repo) = forge.repo(&format!("{owner}/{name}")) else {
            return no_repo();
        };
        let mut pulls: Vec<&Pull> = repo
            .pulls
            .iter()
            .filter(|pull| match state_filter {
                "open" => pull.state == PullState::Open,
                "closed" => pull.state != PullState::Open,
                _ => true,
            })
            .collect();
        pulls.sort_by_key(|pull| std::cmp::Reverse(pull.number));
        pulls
            .into_iter()
            .map(|pull| pull_json(&state, flavour, repo, pull))
            .collect()
    };
    paged(&state, &uri, &params, flavour, items)
}

async fn pull_get(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name, number)): Path<(String, String, String)>,
) -> Response {
    let Some(number) = parse_number(&number) else {
        return no_repo();
    };
    with_repo(&state, &owner, &name, |repo| {
        match repo.pulls.iter().find(|pull| pull.number == number) {
            Some(pull) => Json(pull_json(&state, flavour, repo, pull)).into_response(),
            None => error(StatusCode::NOT_FOUND, "Not Found"),
        }
    })
}

async fn pull_create(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let full = format!("{owner}/{name}");
    let field = |name: &str| body[name].as_str().unwrap_or_default().trim().to_owned();
    let (title, head, base) = (field("title"), field("head"), field("base"));
    if title.is_empty() {
        return invalid(flavour, "PullRequest", "title", "missing_field");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(repo) = forge.repo(&full) else {
        return no_repo();
    };
    for (field, branch) in [("head", &head), ("base", &base)] {
        if repo.branch(branch).is_none() {
            return invalid(flavour, "PullRequest", field, "invalid");
        }
    }
    if head == base {
        return invalid(flavour, "PullRequest", "base", "invalid: same as head");
    }
    let open_already = repo
        .pulls
        .iter()
        .any(|pull| pull.state == PullState::Open && pull.source == head && pull.target == base);
    if open_already {
        return match flavour {
            Flavour::GitHub => invalid(
                flavour,
                "PullRequest",
                "head",
                "custom: A pull request already exists",
            ),
            Flavour::Gitea => error(
                StatusCode::CONFLICT,
                "pull request already exists for these targets",
            ),
        };
    }
    let Some(pull) = forge.open_pull(&full, &title, &head, &base, &caller) else {
        return no_repo();
    };
    let repo = forge
        .repo_mut(&full)
        .expect("the pull request was just opened here");
    let stored = repo.pull_mut(pull.number).expect("just opened");
    stored.body = body["body"].as_str().map(str::to_owned);
    stored.draft = match flavour {
        Flavour::GitHub => body["draft"].as_bool().unwrap_or(false),
        // Gitea: a title starting with its work-in-progress prefix makes a draft.
        Flavour::Gitea => title.starts_with("WIP:") || title.starts_with("[WIP]"),
    };
    let pull = stored.clone();
    let repo = forge.repo(&full).expect("still there");
    (
        StatusCode::CREATED,
        Json(pull_json(&state, flavour, repo, &pull)),
    )
        .into_response()
}

async fn pull_merge(
    State(state): Shared,
    Extension(flavour): Extension<Flavour>,
    Path((owner, name, number)): Path<(String, String, String)>,
    body: Option<Json<Value>>,
) -> Response {
    let full = format!("{owner}/{name}");
    let Some(number) = parse_number(&number) else {
        return no_repo();
    };
    let body = body.map(|Json(body)| body).unwrap_or(Value::Null);
    let method = match flavour {
        Flavour::GitHub => body["merge_method"].as_str().unwrap_or("merge").to_owned(),
        Flavour::Gitea => body["Do"].as_str().unwrap_or_default().to_owned(),
    };
    let allowed: &[&str] = match flavour {
        Flavour::GitHub => &["merge", "squash", "rebase"],
        Flavour::Gitea => &[
            "merge",
            "rebase",
            "rebase-merge",
            "squash",
            "fast-forward-only",
            "manually-merged",
        ],
    };
    if !allowed.contains(&method.as_str()) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("merge method `{method}` is not valid"),
        );
    }
    let message = match flavour {
        Flavour::GitHub => body["commit_message"].as_str(),
        Flavour::Gitea => body["MergeMessageField"].as_str(),
    }
    .map_or_else(|| format!("Merge pull request #{number}"), str::to_owned);
    let mut forge = state.forge();
    match forge.merge(&full, number, &message) {
        None => error(StatusCode::NOT_FOUND, "Not Found"),
        Some(Err(_)) => error(
            StatusCode::METHOD_NOT_ALLOWED,
            "Pull Request is not mergeable",
        ),
        Some(Ok(pull)) => match flavour {
            Flavour::GitHub => Json(json!({
                "sha": pull.merge_sha,
                "merged": true,
                "message": "Pull Request successfully merged",
            }))
            .into_response(),
            Flavour::Gitea => StatusCode::OK.into_response(),
        },
    }
}

async fn rate_limit(State(state): Shared) -> Response {
    let remaining = state.knobs.remaining().unwrap_or(5000);
    Json(json!({
        "resources": { "core": { "limit": 5000, "remaining": remaining, "reset": 0, "used": 5000 - remaining } },
        "rate": { "limit": 5000, "remaining": remaining, "reset": 0, "used": 5000 - remaining },
    }))
    .into_response()
}
