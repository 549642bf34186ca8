//! The forge's data in Gitea's JSON: the field names and nesting of Gitea 1.22's `Repository`,
//! `Branch`, `ContentsResponse`, `Commit`, `Label`, `Issue`, `Comment` and `PullRequest`,
//! with the fields a real instance fills. Web pages live at the fake's own origin, as a
//! Gitea's live at its `ROOT_URL`.

use mosaic_fake_kit::forge::{
    Branch, Commit, Forge, Issue, Label, Note, Pull, PullState, Repo, User,
};
use mosaic_fake_kit::server::FakeState;
use serde_json::{Value, json};

/// Whether a title marks a work in progress, as Gitea's default prefixes do (any case).
pub fn is_work_in_progress(title: &str) -> bool {
    let upper = title.trim_start().to_uppercase();
    upper.starts_with("WIP:") || upper.starts_with("[WIP]")
}

/// A user; an unknown login is rendered as Gitea renders a ghost.
pub fn user(forge: &Forge, login: &str) -> Value {
    let known = forge.user(login);
    let fallback = User {
        id: 0,
        login: login.to_owned(),
        name: String::new(),
        email: String::new(),
    };
    let user = known.unwrap_or(&fallback);
    json!({
        "id": user.id,
        "login": user.login,
        "login_name": "",
        "full_name": user.name,
        "email": user.email,
        "avatar_url": "",
        "language": "",
        "is_admin": false,
        "restricted": false,
        "active": known.is_some(),
        "prohibit_login": false,
        "visibility": "public",
        "username": user.login,
    })
}

/// An organization, as `owner` of its repositories.
fn owner(forge: &Forge, login: &str) -> Value {
    if forge.user(login).is_some() {
        return user(forge, login);
    }
    json!({ "id": 0, "login": login, "full_name": "", "username": login, "visibility": "public" })
}

pub fn repo(state: &FakeState, forge: &Forge, repo: &Repo) -> Value {
    let full = repo.full_name();
    json!({
        "id": repo.id,
        "owner": owner(forge, &repo.owner),
        "name": repo.name,
        "full_name": full,
        "description": repo.description.clone().unwrap_or_default(),
        "empty": repo.commits.is_empty(),
        "private": repo.private,
        "fork": false,
        "template": false,
        "mirror": false,
        "size": repo.files.values().map(Vec::len).sum::<usize>(),
        "html_url": format!("{}/{full}", state.origin),
        "url": format!("{}/repos/{full}", state.base_url()),
        "clone_url": format!("{}/{full}.git", state.origin),
        "default_branch": repo.default_branch,
        "archived": false,
        "created_at": repo.updated_at,
        "updated_at": repo.updated_at,
        "has_issues": true,
        "has_pull_requests": true,
        "default_merge_style": "merge",
        "object_format_name": "sha1",
        "permissions": { "admin": true, "push": true, "pull": true },
    })
}

/// A commit as a branch or a push names it (`PayloadCommit`): its SHA is `id`.
fn payload_commit(state: &FakeState, forge: &Forge, repo: &Repo, sha: &str) -> Value {
    let commit = repo.commits.iter().find(|commit| commit.sha == sha);
    let author = commit.map_or("", |commit| commit.author.as_str());
    let person = forge.user(author);
    json!({
        "id": sha,
        "message": commit.map_or("", |commit| commit.message.as_str()),
        "url": format!("{}/{}/commit/{sha}", state.origin, repo.full_name()),
        "author": {
            "name": person.map_or(author, |user| user.name.as_str()),
            "email": person.map_or("", |user| user.email.as_str()),
            "username": author,
        },
        "timestamp": commit.map(|commit| commit.authored_at.clone()),
        "added": null, "removed": null, "modified": null, "verification": null,
    })
}

pub fn branch(state: &FakeState, forge: &Forge, repo: &Repo, branch: &Branch) -> Value {
    json!({
        "name": branch.name,
        "commit": payload_commit(state, forge, repo, &branch.sha),
        "protected": branch.protected,
        "required_approvals": 0,
        "enable_status_check": false,
        "status_check_contexts": [],
        "user_can_push": !branch.protected,
        "user_can_merge": true,
        "effective_branch_protection_name": if branch.protected { branch.name.as_str() } else { "" },
    })
}

/// What the contents API needs to place an entry: the ref read and its tip.
pub struct At<'a> {
    /// The ref as asked (or the default branch).
    pub git_ref: &'a str,
    /// The commit it resolves to.
    pub sha: &'a str,
    /// Whether the ref is a branch (pages are `src/branch/…`) or a commit (`src/commit/…`).
    pub is_branch: bool,
}

/// One entry of the contents API; `content` only for a file read on its own.
pub fn content_entry(
    state: &FakeState,
    repo: &Repo,
    path: &str,
    bytes: Option<&[u8]>,
    at: &At<'_>,
    with_content: bool,
) -> Value {
    use base64::Engine as _;
    let full = repo.full_name();
    let kind = if bytes.is_some() { "file" } else { "dir" };
    let size = bytes.map_or(0, <[u8]>::len);
    let blob = mosaic_fake_kit::forge::sha(&format!("{full}:{path}"), size as u64);
    let encoded_ref = super::encode_query(at.git_ref);
    let web_kind = if at.is_branch { "branch" } else { "commit" };
    let content = bytes
        .filter(|_| with_content)
        .map(|bytes| base64::engine::general_purpose::STANDARD.encode(bytes));
    json!({
        "name": path.rsplit('/').next().unwrap_or(path),
        "path": path,
        "sha": blob,
        "last_commit_sha": at.sha,
        "type": kind,
        "size": size,
        "encoding": content.as_ref().map(|_| "base64"),
        "content": content,
        "target": null,
        "url": format!("{}/repos/{full}/contents/{path}?ref={encoded_ref}", state.base_url()),
        "html_url": format!("{}/{full}/src/{web_kind}/{}/{path}", state.origin, at.git_ref),
        "git_url": format!("{}/repos/{full}/git/blobs/{blob}", state.base_url()),
        "download_url": bytes.map(|_| format!("{}/{full}/raw/{web_kind}/{}/{path}", state.origin, at.git_ref)),
        "submodule_git_url": null,
    })
}

/// A commit as the commits API lists it, without the stats, files and verification that
/// the adapter turns off.
pub fn commit(state: &FakeState, forge: &Forge, repo: &Repo, commit: &Commit) -> Value {
    let full = repo.full_name();
    let person = forge.user(&commit.author);
    let signature = json!({
        "name": person.map_or(commit.author.as_str(), |user| user.name.as_str()),
        "email": person.map_or("", |user| user.email.as_str()),
        "date": commit.authored_at,
    });
    let api = format!(
        "{}/repos/{full}/git/commits/{}",
        state.base_url(),
        commit.sha
    );
    json!({
        "url": api,
        "sha": commit.sha,
        "created": commit.authored_at,
        "html_url": format!("{}/{full}/commit/{}", state.origin, commit.sha),
        "commit": {
            "url": api,
            "author": signature,
            "committer": signature,
            "message": commit.message,
            "tree": { "url": api, "sha": commit.sha, "created": commit.authored_at },
            "verification": null,
        },
        "author": person.map(|_| user(forge, &commit.author)),
        "committer": person.map(|_| user(forge, &commit.author)),
        "parents": [],
        "files": null,
        "stats": null,
    })
}

pub fn label(state: &FakeState, repo: &Repo, label: &Label) -> Value {
    json!({
        "id": label.id,
        "name": label.name,
        "exclusive": false,
        "is_archived": false,
        "color": label.color,
        "description": "",
        "url": format!("{}/repos/{}/labels/{}", state.base_url(), repo.full_name(), label.id),
    })
}

fn labels_of(state: &FakeState, repo: &Repo, names: &[String]) -> Vec<Value> {
    repo.labels
        .iter()
        .filter(|label| names.contains(&label.name))
        .map(|label| self::label(state, repo, label))
        .collect()
}

fn users(forge: &Forge, logins: &[String]) -> Value {
    if logins.is_empty() {
        // Gitea sends null, not an empty list, for no assignees.
        return Value::Null;
    }
    Value::Array(logins.iter().map(|login| user(forge, login)).collect())
}

pub fn issue(state: &FakeState, forge: &Forge, repo: &Repo, issue: &Issue) -> Value {
    let full = repo.full_name();
    json!({
        "id": issue.id,
        "url": format!("{}/repos/{full}/issues/{}", state.base_url(), issue.number),
        "html_url": format!("{}/{full}/issues/{}", state.origin, issue.number),
        "number": issue.number,
        "user": user(forge, &issue.author),
        "original_author": "",
        "original_author_id": 0,
        "title": issue.title,
        "body": issue.body.clone().unwrap_or_default(),
        "ref": "",
        "assets": [],
        "labels": labels_of(state, repo, &issue.labels),
        "milestone": null,
        "assignee": issue.assignees.first().map(|login| user(forge, login)),
        "assignees": users(forge, &issue.assignees),
        "state": if issue.open { "open" } else { "closed" },
        "is_locked": false,
        "comments": issue.comments.len(),
        "created_at": issue.created_at,
        "updated_at": issue.updated_at,
        "closed_at": issue.closed_at,
        "due_date": null,
        "pull_request": null,
        "repository": { "id": repo.id, "name": repo.name, "owner": repo.owner, "full_name": full },
        "pin_order": 0,
    })
}

fn pull_page(state: &FakeState, repo: &Repo, pull: &Pull) -> String {
    format!(
        "{}/{}/pulls/{}",
        state.origin,
        repo.full_name(),
        pull.number
    )
}

fn is_draft(pull: &Pull) -> bool {
    pull.draft || is_work_in_progress(&pull.title)
}

/// A pull request as the issues API shows it.
pub fn pull_as_issue(state: &FakeState, forge: &Forge, repo: &Repo, pull: &Pull) -> Value {
    let full = repo.full_name();
    json!({
        "id": pull.id,
        "url": format!("{}/repos/{full}/issues/{}", state.base_url(), pull.number),
        "html_url": pull_page(state, repo, pull),
        "number": pull.number,
        "user": user(forge, &pull.author),
        "title": pull.title,
        "body": pull.body.clone().unwrap_or_default(),
        "labels": [],
        "assignees": null,
        "state": if pull.state == PullState::Open { "open" } else { "closed" },
        "comments": pull.comments.len(),
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "closed_at": if pull.state == PullState::Open { None } else { Some(pull.updated_at.clone()) },
        "pull_request": {
            "merged": pull.state == PullState::Merged,
            "merged_at": pull.merged_at,
            "draft": is_draft(pull),
            "html_url": pull_page(state, repo, pull),
        },
        "repository": { "id": repo.id, "name": repo.name, "owner": repo.owner, "full_name": full },
    })
}

fn pull_end(repo: &Repo, branch: &str) -> Value {
    let sha = repo.branch(branch).map(|branch| branch.sha.clone());
    json!({ "label": branch, "ref": branch, "sha": sha, "repo_id": repo.id, "repo": null })
}

pub fn pull(state: &FakeState, forge: &Forge, repo: &Repo, pull: &Pull) -> Value {
    let page = pull_page(state, repo, pull);
    let merged = pull.state == PullState::Merged;
    json!({
        "id": pull.id,
        "url": page,
        "number": pull.number,
        "user": user(forge, &pull.author),
        "title": pull.title,
        "body": pull.body.clone().unwrap_or_default(),
        "labels": [],
        "milestone": null,
        "assignee": null,
        "assignees": null,
        "requested_reviewers": null,
        "state": if pull.state == PullState::Open { "open" } else { "closed" },
        "draft": is_draft(pull),
        "is_locked": false,
        "comments": pull.comments.len(),
        "html_url": page,
        "diff_url": format!("{page}.diff"),
        "patch_url": format!("{page}.patch"),
        "mergeable": pull.mergeable,
        "merged": merged,
        "merged_at": pull.merged_at,
        "merge_commit_sha": pull.merge_sha,
        "merged_by": if merged { user(forge, &pull.author) } else { Value::Null },
        "allow_maintainer_edit": false,
        "base": pull_end(repo, &pull.target),
        "head": pull_end(repo, &pull.source),
        "merge_base": repo.branch(&pull.target).map(|branch| branch.sha.clone()),
        "due_date": null,
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "closed_at": if pull.state == PullState::Open { None } else { Some(pull.updated_at.clone()) },
        "pin_order": 0,
    })
}

pub fn comment(state: &FakeState, forge: &Forge, repo: &Repo, number: u64, note: &Note) -> Value {
    let full = repo.full_name();
    let is_pull = repo.pulls.iter().any(|pull| pull.number == number);
    let kind = if is_pull { "pulls" } else { "issues" };
    let page = format!("{}/{full}/{kind}/{number}", state.origin);
    json!({
        "id": note.id,
        "html_url": format!("{page}#issuecomment-{}", note.id),
        "pull_request_url": if is_pull { page.clone() } else { String::new() },
        "issue_url": if is_pull { String::new() } else { page.clone() },
        "user": user(forge, &note.author),
        "original_author": "",
        "original_author_id": 0,
        "body": note.body,
        "assets": [],
        "created_at": note.created_at,
        "updated_at": note.created_at,
    })
}
