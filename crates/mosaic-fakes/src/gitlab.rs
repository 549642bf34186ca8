//! A fake of GitLab's REST API v4 below `/api/v4` (the paths MosAIc's `gitlab` adapter uses):
//! projects by numeric id or URL-encoded full path (nested groups included), issues and merge
//! requests by `iid`, notes, project members, and GitLab's pagination headers (`X-Page`,
//! `X-Per-Page`, `X-Next-Page` — empty on the last page —, `X-Total`, `Link`).

use crate::forge::{Forge, Issue, Note, Pull, PullState, Repo};
use crate::paging::{link_header, page_of};
use crate::server::{FakeServer, FakeState, Style, error};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine as _;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;

/// How the GitLab fake speaks: `/api/v4`, `PRIVATE-TOKEN`, `RateLimit-*` headers, 429 with
/// `Retry-After` when the quota is spent.
pub fn style(token: &str) -> Style {
    Style {
        prefix: "/api/v4".into(),
        auth_header: "private-token",
        accepted: vec![token.to_owned()],
        rate_limit_prefix: "ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: Some(2000),
        etags: true,
        unmetered: Vec::new(),
    }
}

/// Starts a GitLab fake serving `forge`, accepting `token`.
pub async fn start(forge: Forge, token: &str) -> FakeServer {
    FakeServer::start(style(token), forge, routes()).await
}

type Params = Query<HashMap<String, String>>;
type Shared = State<Arc<FakeState>>;

/// The routes of the fake.
pub fn routes() -> Router<Arc<FakeState>> {
    Router::new()
        .route("/projects", get(projects))
        .route("/groups/{group}/projects", get(group_projects))
        .route("/users/{user}/projects", get(user_projects))
        .route(
            "/version",
            get(|| async { Json(json!({"version": "17.5.0", "revision": "fake"})) }),
        )
        .route("/projects/{id}", get(project_get))
        .route("/projects/{id}/users", get(project_users))
        .route("/projects/{id}/repository/branches", get(branches))
        .route("/projects/{id}/repository/files/{file}", get(file_get))
        .route("/projects/{id}/repository/commits", get(commits))
        .route("/projects/{id}/issues", get(issues_list).post(issue_create))
        .route(
            "/projects/{id}/issues/{iid}",
            get(issue_get).put(issue_update),
        )
        .route("/projects/{id}/issues/{iid}/notes", post(issue_note))
        .route(
            "/projects/{id}/merge_requests",
            get(mrs_list).post(mr_create),
        )
        .route("/projects/{id}/merge_requests/{iid}", get(mr_get))
        .route("/projects/{id}/merge_requests/{iid}/merge", put(mr_merge))
        .route("/projects/{id}/merge_requests/{iid}/notes", post(mr_note))
}

fn not_found(what: &str) -> Response {
    error(StatusCode::NOT_FOUND, format!("404 {what} Not Found"))
}

/// `{"message": {"field": ["problem"]}}`, GitLab's validation answer.
fn invalid(field: &str, problem: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "message": { field: [problem] } })),
    )
        .into_response()
}

/// The project a path's `{id}` names: a numeric id or the decoded full path.
fn find<'a>(forge: &'a Forge, id: &str) -> Option<&'a Repo> {
    match id.parse::<u64>() {
        Ok(number) => forge.repo_by_id(number),
        Err(_) => forge.repo(id),
    }
}

fn full_path_of(forge: &Forge, id: &str) -> Option<String> {
    find(forge, id).map(Repo::full_name)
}

fn web(state: &FakeState, repo: &Repo) -> String {
    format!("{}/{}", state.origin, repo.full_name())
}

/// A page with GitLab's headers.
fn paged(
    state: &FakeState,
    uri: &OriginalUri,
    params: &HashMap<String, String>,
    items: Vec<Value>,
) -> Response {
    let number = |name: &str, default: u32| {
        params.get(name).map_or(Ok(default), |text| {
            text.parse::<u32>().map_err(|_| name.to_owned())
        })
    };
    let (page, per_page) = match (number("page", 1), number("per_page", 20)) {
        (Ok(page), Ok(per_page)) => (page.max(1), per_page.clamp(1, 100)),
        (Err(name), _) | (_, Err(name)) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({ "error": format!("{name} is invalid") })),
            )
                .into_response();
        }
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
    let headers = response.headers_mut();
    let link = link_header(&url, page, next, last);
    if !link.is_empty() {
        headers.insert(header::LINK, HeaderValue::from_str(&link).expect("ASCII"));
    }
    headers.insert("x-page", HeaderValue::from(page));
    headers.insert("x-per-page", HeaderValue::from(per_page));
    headers.insert(
        "x-next-page",
        HeaderValue::from_str(&next.map(|n| n.to_string()).unwrap_or_default()).expect("digits"),
    );
    headers.insert("x-total", HeaderValue::from(total));
    headers.insert("x-total-pages", HeaderValue::from(last));
    response
}

fn user_json(forge: &Forge, login: &str) -> Value {
    let id = forge.user(login).map_or(0, |user| user.id);
    json!({ "id": id, "username": login, "name": forge.user(login).map_or(login, |user| user.name.as_str()) })
}

fn project_json(state: &FakeState, repo: &Repo) -> Value {
    json!({
        "id": repo.id,
        "name": repo.name,
        "path": repo.name,
        "path_with_namespace": repo.full_name(),
        "namespace": { "full_path": repo.owner, "path": repo.owner.rsplit('/').next() },
        "description": repo.description,
        "default_branch": repo.default_branch,
        "visibility": if repo.private { "private" } else { "public" },
        "last_activity_at": repo.updated_at,
        "web_url": web(state, repo),
    })
}

fn issue_json(state: &FakeState, forge: &Forge, repo: &Repo, issue: &Issue) -> Value {
    json!({
        "id": issue.id,
        "iid": issue.number,
        "project_id": repo.id,
        "title": issue.title,
        "description": issue.body,
        "state": if issue.open { "opened" } else { "closed" },
        "author": user_json(forge, &issue.author),
        "assignees": issue.assignees.iter().map(|login| user_json(forge, login)).collect::<Vec<_>>(),
        "labels": issue.labels,
        "user_notes_count": issue.comments.len(),
        "created_at": issue.created_at,
        "updated_at": issue.updated_at,
        "closed_at": issue.closed_at,
        "web_url": format!("{}/-/issues/{}", web(state, repo), issue.number),
    })
}

fn mr_json(state: &FakeState, forge: &Forge, repo: &Repo, pull: &Pull) -> Value {
    let state_name = match pull.state {
        PullState::Open => "opened",
        PullState::Closed => "closed",
        PullState::Merged => "merged",
    };
    json!({
        "id": pull.id,
        "iid": pull.number,
        "project_id": repo.id,
        "title": pull.title,
        "description": pull.body,
        "state": state_name,
        "draft": pull.draft,
        "work_in_progress": pull.draft,
        "source_branch": pull.source,
        "target_branch": pull.target,
        "author": user_json(forge, &pull.author),
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "merged_at": pull.merged_at,
        "merge_commit_sha": pull.merge_sha,
        "squash_commit_sha": null,
        "web_url": format!("{}/-/merge_requests/{}", web(state, repo), pull.number),
    })
}

fn note_json(forge: &Forge, note: &Note) -> Value {
    json!({
        "id": note.id,
        "body": note.body,
        "author": user_json(forge, &note.author),
        "created_at": note.created_at,
        "system": false,
    })
}

fn project_list(state: &FakeState, keep: impl Fn(&Repo) -> bool) -> Vec<Value> {
    let forge = state.forge();
    let mut repos: Vec<&Repo> = forge.repos.iter().filter(|repo| keep(repo)).collect();
    repos.sort_by_key(|repo| repo.full_name());
    repos
        .into_iter()
        .map(|repo| project_json(state, repo))
        .collect()
}

async fn projects(State(state): Shared, uri: OriginalUri, Query(params): Params) -> Response {
    let items = project_list(&state, |_| true);
    paged(&state, &uri, &params, items)
}

async fn group_projects(
    State(state): Shared,
    Path(group): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let is_user = state.forge().user(&group).is_some();
    let items = project_list(&state, |repo| repo.owner == group);
    if is_user || items.is_empty() {
        return not_found("Group");
    }
    paged(&state, &uri, &params, items)
}

async fn user_projects(
    State(state): Shared,
    Path(user): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let login = {
        let forge = state.forge();
        let found = match user.parse::<u64>() {
            Ok(id) => forge.user_by_id(id),
            Err(_) => forge.user(&user),
        };
        match found {
            Some(found) => found.login.clone(),
            None => return not_found("User"),
        }
    };
    let items = project_list(&state, |repo| repo.owner == login);
    paged(&state, &uri, &params, items)
}

/// Every user of the forge is a member of every project here; `search` matches logins and names.
async fn project_users(
    State(state): Shared,
    Path(id): Path<String>,
    Query(params): Params,
) -> Response {
    let forge = state.forge();
    if find(&forge, &id).is_none() {
        return not_found("Project");
    }
    let search = params.get("search").map(|text| text.to_lowercase());
    let found: Vec<Value> = forge
        .users
        .iter()
        .filter(|user| {
            search.as_ref().is_none_or(|text| {
                user.login.to_lowercase().contains(text) || user.name.to_lowercase().contains(text)
            })
        })
        .map(|user| json!({"id": user.id, "username": user.login, "name": user.name, "state": "active"}))
        .collect();
    Json(found).into_response()
}

async fn project_get(State(state): Shared, Path(id): Path<String>) -> Response {
    let forge = state.forge();
    match find(&forge, &id) {
        Some(repo) => Json(project_json(&state, repo)).into_response(),
        None => not_found("Project"),
    }
}

async fn branches(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        let Some(repo) = find(&forge, &id) else {
            return not_found("Project");
        };
        repo.branches
            .iter()
            .map(|branch| json!({"name": branch.name, "commit": {"id": branch.sha}, "protected": branch.protected, "default": branch.name == repo.default_branch}))
            .collect()
    };
    paged(&state, &uri, &params, items)
}

async fn file_get(
    State(state): Shared,
    Path((id, file)): Path<(String, String)>,
    Query(params): Params,
) -> Response {
    let Some(git_ref) = params.get("ref") else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "ref is missing"})),
        )
            .into_response();
    };
    let forge = state.forge();
    let Some(repo) = find(&forge, &id) else {
        return not_found("Project");
    };
    if repo.branch(git_ref).is_none() {
        return not_found("Commit");
    }
    let Some(bytes) = repo.files.get(&file) else {
        return not_found("File");
    };
    Json(json!({
        "file_name": file.rsplit('/').next().unwrap_or(&file),
        "file_path": file,
        "size": bytes.len(),
        "encoding": "base64",
        "content": base64::engine::general_purpose::STANDARD.encode(bytes),
        "ref": git_ref,
        "blob_id": crate::forge::sha(&format!("{}:{file}", repo.full_name()), bytes.len() as u64),
        "last_commit_id": repo.commits.first().map(|commit| commit.sha.clone()),
    }))
    .into_response()
}

async fn commits(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let items = {
        let forge = state.forge();
        let Some(repo) = find(&forge, &id) else {
            return not_found("Project");
        };
        if let Some(name) = params.get("ref_name")
            && repo.branch(name).is_none()
        {
            return not_found("Commit");
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
                    "id": commit.sha,
                    "short_id": &commit.sha[..8],
                    "title": commit.message.lines().next(),
                    "message": commit.message,
                    "author_name": author.map_or(commit.author.as_str(), |user| user.name.as_str()),
                    "author_email": author.map(|user| user.email.clone()),
                    "authored_date": commit.authored_at,
                    "web_url": format!("{}/-/commit/{}", web(&state, repo), commit.sha),
                })
            })
            .collect()
    };
    paged(&state, &uri, &params, items)
}

async fn issues_list(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let wanted_state = params.get("state").map(String::as_str);
    if !matches!(wanted_state, None | Some("opened" | "closed" | "all")) {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "state does not have a valid value"})),
        )
            .into_response();
    }
    let labels: Vec<String> = params
        .get("labels")
        .map(|labels| labels.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let items = {
        let forge = state.forge();
        let Some(repo) = find(&forge, &id) else {
            return not_found("Project");
        };
        let mut issues: Vec<&Issue> = repo
            .issues
            .iter()
            .filter(|issue| match wanted_state {
                Some("opened") => issue.open,
                Some("closed") => !issue.open,
                _ => true,
            })
            .filter(|issue| labels.iter().all(|label| issue.labels.contains(label)))
            .collect();
        issues.sort_by_key(|issue| std::cmp::Reverse(issue.number));
        issues
            .into_iter()
            .map(|issue| issue_json(&state, &forge, repo, issue))
            .collect()
    };
    paged(&state, &uri, &params, items)
}

fn parse_iid(text: &str) -> Option<u64> {
    text.parse().ok()
}

async fn issue_get(State(state): Shared, Path((id, iid)): Path<(String, String)>) -> Response {
    let forge = state.forge();
    let Some(repo) = find(&forge, &id) else {
        return not_found("Project");
    };
    match parse_iid(&iid).and_then(|iid| repo.issues.iter().find(|issue| issue.number == iid)) {
        Some(issue) => Json(issue_json(&state, &forge, repo, issue)).into_response(),
        None => not_found(""),
    }
}

/// Logins of `assignee_ids`, or the first id that names nobody.
fn assignees(forge: &Forge, value: Option<&Value>) -> Result<Option<Vec<String>>, u64> {
    let Some(Value::Array(ids)) = value else {
        return Ok(None);
    };
    ids.iter()
        .map(|id| {
            let id = id.as_u64().unwrap_or(0);
            forge
                .user_by_id(id)
                .map(|user| user.login.clone())
                .ok_or(id)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// `labels` as GitLab takes them: a list of names or one comma-separated string.
fn labels_of(value: Option<&Value>) -> Option<Vec<String>> {
    let names: Vec<String> = match value? {
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Value::String(text) => text.split(',').map(str::to_owned).collect(),
        _ => return None,
    };
    Some(
        names
            .into_iter()
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .collect(),
    )
}

async fn issue_create(
    State(state): Shared,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let title = body["title"].as_str().unwrap_or_default().trim().to_owned();
    if title.is_empty() {
        return invalid("title", "can't be blank");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(full) = full_path_of(&forge, &id) else {
        return not_found("Project");
    };
    let assignees = match assignees(&forge, body.get("assignee_ids")) {
        Ok(assignees) => assignees.unwrap_or_default(),
        Err(unknown) => return invalid("assignee_ids", &format!("user {unknown} does not exist")),
    };
    let description = body["description"].as_str().map(str::to_owned);
    let Some(issue) = forge.open_issue(&full, &title, description, &caller) else {
        return not_found("Project");
    };
    let repo = forge
        .repo_mut(&full)
        .expect("the issue was just opened here");
    let stored = repo.issue_mut(issue.number).expect("just opened");
    stored.labels = labels_of(body.get("labels")).unwrap_or_default();
    stored.assignees = assignees;
    let issue = stored.clone();
    let repo = forge.repo(&full).expect("still there");
    (
        StatusCode::CREATED,
        Json(issue_json(&state, &forge, repo, &issue)),
    )
        .into_response()
}

async fn issue_update(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    let mut forge = state.forge();
    let now = forge.now();
    let Some(full) = full_path_of(&forge, &id) else {
        return not_found("Project");
    };
    let new_assignees = match assignees(&forge, body.get("assignee_ids")) {
        Ok(assignees) => assignees,
        Err(unknown) => return invalid("assignee_ids", &format!("user {unknown} does not exist")),
    };
    let repo = forge.repo_mut(&full).expect("found above");
    let Some(issue) = parse_iid(&iid).and_then(|iid| repo.issue_mut(iid)) else {
        return not_found("");
    };
    if let Some(title) = body["title"].as_str() {
        if title.trim().is_empty() {
            return invalid("title", "can't be blank");
        }
        issue.title = title.to_owned();
    }
    if let Some(text) = body["description"].as_str() {
        issue.body = Some(text.to_owned());
    }
    match body["state_event"].as_str() {
        Some("close") => {
            issue.open = false;
            issue.closed_at = Some(now.clone());
        }
        Some("reopen") => {
            issue.open = true;
            issue.closed_at = None;
        }
        Some(_) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": "state_event does not have a valid value"})),
            )
                .into_response();
        }
        None => {}
    }
    if let Some(labels) = labels_of(body.get("labels")) {
        issue.labels = labels;
    }
    if let Some(assignees) = new_assignees {
        issue.assignees = assignees;
    }
    issue.updated_at = now;
    let issue = issue.clone();
    let repo = forge.repo(&full).expect("still there");
    Json(issue_json(&state, &forge, repo, &issue)).into_response()
}

/// A note on issue or merge request `iid`, when it is of that kind.
fn note(state: &FakeState, id: &str, iid: &str, body: &Value, on_issue: bool) -> Response {
    let text = body["body"].as_str().unwrap_or_default();
    if text.trim().is_empty() {
        return invalid("note", "can't be blank");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(full) = full_path_of(&forge, id) else {
        return not_found("Project");
    };
    let Some(iid) = parse_iid(iid) else {
        return not_found("");
    };
    let repo = forge.repo(&full).expect("found above");
    let exists = if on_issue {
        repo.issues.iter().any(|issue| issue.number == iid)
    } else {
        repo.pulls.iter().any(|pull| pull.number == iid)
    };
    if !exists {
        return not_found(if on_issue { "Issue" } else { "Merge Request" });
    }
    match forge.comment(&full, iid, &caller, text) {
        Some(note) => (StatusCode::CREATED, Json(note_json(&forge, &note))).into_response(),
        None => not_found("Noteable"),
    }
}

async fn issue_note(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    note(&state, &id, &iid, &body, true)
}

async fn mr_note(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> Response {
    note(&state, &id, &iid, &body, false)
}

async fn mrs_list(
    State(state): Shared,
    Path(id): Path<String>,
    uri: OriginalUri,
    Query(params): Params,
) -> Response {
    let wanted = params.get("state").map_or("all", String::as_str);
    if !matches!(wanted, "opened" | "closed" | "merged" | "locked" | "all") {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "state does not have a valid value"})),
        )
            .into_response();
    }
    let items = {
        let forge = state.forge();
        let Some(repo) = find(&forge, &id) else {
            return not_found("Project");
        };
        let mut pulls: Vec<&Pull> = repo
            .pulls
            .iter()
            .filter(|pull| match wanted {
                "opened" => pull.state == PullState::Open,
                "closed" => pull.state == PullState::Closed,
                "merged" => pull.state == PullState::Merged,
                "locked" => false,
                _ => true,
            })
            .collect();
        pulls.sort_by_key(|pull| std::cmp::Reverse(pull.number));
        pulls
            .into_iter()
            .map(|pull| mr_json(&state, &forge, repo, pull))
            .collect()
    };
    paged(&state, &uri, &params, items)
}

async fn mr_get(State(state): Shared, Path((id, iid)): Path<(String, String)>) -> Response {
    let forge = state.forge();
    let Some(repo) = find(&forge, &id) else {
        return not_found("Project");
    };
    match parse_iid(&iid).and_then(|iid| repo.pulls.iter().find(|pull| pull.number == iid)) {
        Some(pull) => Json(mr_json(&state, &forge, repo, pull)).into_response(),
        None => not_found(""),
    }
}

async fn mr_create(
    State(state): Shared,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> Response {
    let field = |name: &str| body[name].as_str().unwrap_or_default().trim().to_owned();
    let (title, source, target) = (
        field("title"),
        field("source_branch"),
        field("target_branch"),
    );
    if title.is_empty() {
        return invalid("title", "can't be blank");
    }
    let caller = state.caller();
    let mut forge = state.forge();
    let Some(full) = full_path_of(&forge, &id) else {
        return not_found("Project");
    };
    let repo = forge.repo(&full).expect("found above");
    for (name, branch) in [("source_branch", &source), ("target_branch", &target)] {
        if repo.branch(branch).is_none() {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({"message": [format!("{name} {branch} does not exist")]})),
            )
                .into_response();
        }
    }
    if source == target {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"message": ["You can't use same project/branch for source and target"]})),
        )
            .into_response();
    }
    if let Some(open) = repo.pulls.iter().find(|pull| {
        pull.state == PullState::Open && pull.source == source && pull.target == target
    }) {
        return (
            StatusCode::CONFLICT,
            Json(json!({"message": [format!("Another open merge request already exists for this source branch: !{}", open.number)]})),
        )
            .into_response();
    }
    let Some(pull) = forge.open_pull(&full, &title, &source, &target, &caller) else {
        return not_found("Project");
    };
    let repo = forge.repo_mut(&full).expect("just opened here");
    let stored = repo.pull_mut(pull.number).expect("just opened");
    stored.body = body["description"].as_str().map(str::to_owned);
    stored.draft =
        title.starts_with("Draft:") || title.starts_with("[Draft]") || title.starts_with("(Draft)");
    let pull = stored.clone();
    let repo = forge.repo(&full).expect("still there");
    (
        StatusCode::CREATED,
        Json(mr_json(&state, &forge, repo, &pull)),
    )
        .into_response()
}

async fn mr_merge(
    State(state): Shared,
    Path((id, iid)): Path<(String, String)>,
    body: Option<Json<Value>>,
) -> Response {
    let body = body.map(|Json(body)| body).unwrap_or(Value::Null);
    let mut forge = state.forge();
    let Some(full) = full_path_of(&forge, &id) else {
        return not_found("Project");
    };
    let Some(iid) = parse_iid(&iid) else {
        return not_found("");
    };
    let message = body["merge_commit_message"]
        .as_str()
        .or(body["squash_commit_message"].as_str())
        .map_or_else(
            || format!("Merge branch into target, see !{iid}"),
            str::to_owned,
        );
    match forge.merge(&full, iid, &message) {
        None => not_found(""),
        // GitLab: 405 when the merge request cannot be merged in its state.
        Some(Err(_)) => error(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed"),
        Some(Ok(pull)) => {
            let repo = forge.repo(&full).expect("still there");
            Json(mr_json(&state, &forge, repo, &pull)).into_response()
        }
    }
}
