//! GitLab's JSON entities rendered from the forge model: `UserBasic`, `Project`, `Branch`,
//! `Commit`, `Issue`, `MergeRequest`, `Note`. Web pages are below the server's origin, as
//! GitLab's are below its web root, with the API at `/api/v4`.

use mosaic_fake_kit::forge::{Branch, Commit, Forge, Issue, Note, Pull, PullState, Repo};
use serde_json::{Value, json};

/// A stable id for something the forge model keeps no id for (groups).
pub(super) fn stable_id(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // Below 2^31, as GitLab's ids fit its `int32` description.
    hash % 2_000_000_000
}

/// `UserBasic`.
pub(super) fn user(origin: &str, forge: &Forge, login: &str) -> Value {
    let found = forge.user(login);
    json!({
        "id": found.map_or_else(|| stable_id(login), |user| user.id),
        "username": login,
        "name": found.map_or(login, |user| user.name.as_str()),
        "state": "active",
        "locked": false,
        "avatar_url": null,
        "web_url": format!("{origin}/{login}"),
    })
}

/// The namespace a project lives in: a user's or a (nested) group.
fn namespace(origin: &str, forge: &Forge, path: &str) -> Value {
    let user = forge.user(path);
    let (parent, name) = match path.rsplit_once('/') {
        Some((parent, name)) => (Some(parent), name),
        None => (None, path),
    };
    json!({
        "id": user.map_or_else(|| stable_id(path), |user| user.id),
        "name": user.map_or(name, |user| user.name.as_str()),
        "path": name,
        "kind": if user.is_some() { "user" } else { "group" },
        "full_path": path,
        "parent_id": parent.map(stable_id),
        "avatar_url": null,
        "web_url": if user.is_some() { format!("{origin}/{path}") } else { format!("{origin}/groups/{path}") },
    })
}

/// `Project` (the fields of `BasicProjectDetails` and a few of `ProjectWithAccess`).
pub(super) fn project(origin: &str, forge: &Forge, repo: &Repo) -> Value {
    let full = repo.full_name();
    json!({
        "id": repo.id,
        "description": repo.description,
        "name": repo.name,
        "name_with_namespace": full.replace('/', " / "),
        "path": repo.name,
        "path_with_namespace": full,
        "namespace": namespace(origin, forge, &repo.owner),
        "default_branch": repo.default_branch,
        "visibility": if repo.private { "private" } else { "public" },
        "created_at": repo.updated_at,
        "updated_at": repo.updated_at,
        "last_activity_at": repo.updated_at,
        "web_url": format!("{origin}/{full}"),
        "http_url_to_repo": format!("{origin}/{full}.git"),
        "ssh_url_to_repo": format!("git@127.0.0.1:{full}.git"),
        "readme_url": repo.files.contains_key("README.md").then(|| format!("{origin}/{full}/-/blob/{}/README.md", repo.default_branch)),
        "archived": false,
        "empty_repo": repo.commits.is_empty(),
        "merge_method": "merge",
        "squash_option": "default_off",
        "_links": {
            "self": format!("{origin}/api/v4/projects/{}", repo.id),
            "issues": format!("{origin}/api/v4/projects/{}/issues", repo.id),
            "merge_requests": format!("{origin}/api/v4/projects/{}/merge_requests", repo.id),
            "repo_branches": format!("{origin}/api/v4/projects/{}/repository/branches", repo.id),
        },
    })
}

/// `Commit`.
pub(super) fn commit(origin: &str, forge: &Forge, repo: &Repo, commit: &Commit) -> Value {
    let author = forge.user(&commit.author);
    let name = author.map_or(commit.author.as_str(), |user| user.name.as_str());
    let email = author.map(|user| user.email.clone());
    let title = commit.message.lines().next().unwrap_or_default();
    let position = repo.commits.iter().position(|c| c.sha == commit.sha);
    let parent = position.and_then(|at| repo.commits.get(at + 1));
    json!({
        "id": commit.sha,
        "short_id": &commit.sha[..commit.sha.len().min(8)],
        "title": title,
        "message": commit.message,
        "author_name": name,
        "author_email": email,
        "authored_date": commit.authored_at,
        "committer_name": name,
        "committer_email": email,
        "committed_date": commit.authored_at,
        "created_at": commit.authored_at,
        "parent_ids": parent.map(|parent| vec![parent.sha.clone()]).unwrap_or_default(),
        "web_url": format!("{origin}/{}/-/commit/{}", repo.full_name(), commit.sha),
        "trailers": {},
        "extended_trailers": {},
    })
}

/// `Branch`, with its tip commit.
pub(super) fn branch(origin: &str, forge: &Forge, repo: &Repo, branch: &Branch) -> Value {
    let tip = match repo.commits.iter().find(|c| c.sha == branch.sha) {
        Some(found) => commit(origin, forge, repo, found),
        None => json!({ "id": branch.sha, "short_id": &branch.sha[..branch.sha.len().min(8)] }),
    };
    json!({
        "name": branch.name,
        "commit": tip,
        "merged": false,
        "protected": branch.protected,
        "default": branch.name == repo.default_branch,
        "developers_can_push": !branch.protected,
        "developers_can_merge": !branch.protected,
        "can_push": true,
        "web_url": format!("{origin}/{}/-/tree/{}", repo.full_name(), branch.name),
    })
}

fn users(origin: &str, forge: &Forge, logins: &[String]) -> Vec<Value> {
    logins
        .iter()
        .map(|login| user(origin, forge, login))
        .collect()
}

/// `Issue`.
pub(super) fn issue(origin: &str, forge: &Forge, repo: &Repo, issue: &Issue) -> Value {
    let full = repo.full_name();
    let assignees = users(origin, forge, &issue.assignees);
    // GitLab lists an issue's labels by title.
    let mut labels = issue.labels.clone();
    labels.sort();
    json!({
        "id": issue.id,
        "iid": issue.number,
        "project_id": repo.id,
        "title": issue.title,
        "description": issue.body,
        "state": if issue.open { "opened" } else { "closed" },
        "created_at": issue.created_at,
        "updated_at": issue.updated_at,
        "closed_at": issue.closed_at,
        "closed_by": null,
        "labels": labels,
        "milestone": null,
        "author": user(origin, forge, &issue.author),
        "assignee": assignees.first().cloned(),
        "assignees": assignees,
        "type": "ISSUE",
        "issue_type": "issue",
        "user_notes_count": issue.comments.len(),
        "merge_requests_count": 0,
        "upvotes": 0,
        "downvotes": 0,
        "due_date": null,
        "confidential": false,
        "discussion_locked": null,
        "web_url": format!("{origin}/{full}/-/issues/{}", issue.number),
        "references": {
            "short": format!("#{}", issue.number),
            "relative": format!("#{}", issue.number),
            "full": format!("{full}#{}", issue.number),
        },
        "_links": {
            "self": format!("{origin}/api/v4/projects/{}/issues/{}", repo.id, issue.number),
            "notes": format!("{origin}/api/v4/projects/{}/issues/{}/notes", repo.id, issue.number),
            "project": format!("{origin}/api/v4/projects/{}", repo.id),
        },
    })
}

/// `detailed_merge_status` of an open merge request, or `not_open`.
fn merge_status(pull: &Pull) -> &'static str {
    match pull.state {
        PullState::Merged | PullState::Closed => "not_open",
        PullState::Open if pull.draft => "draft_status",
        PullState::Open if !pull.mergeable => "conflict",
        PullState::Open => "mergeable",
    }
}

/// `MergeRequest`.
pub(super) fn merge_request(origin: &str, forge: &Forge, repo: &Repo, pull: &Pull) -> Value {
    let full = repo.full_name();
    let state = match pull.state {
        PullState::Open => "opened",
        PullState::Closed => "closed",
        PullState::Merged => "merged",
    };
    let head = repo
        .branch(&pull.source)
        .map(|branch| branch.sha.clone())
        .or_else(|| pull.merge_sha.clone());
    let mut answer = json!({
        "id": pull.id,
        "iid": pull.number,
        "project_id": repo.id,
        "title": pull.title,
        "description": pull.body,
        "state": state,
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "merged_at": pull.merged_at,
        "closed_at": (pull.state == PullState::Closed).then(|| pull.updated_at.clone()),
        "merge_user": (pull.state == PullState::Merged).then(|| user(origin, forge, &pull.author)),
        "target_branch": pull.target,
        "source_branch": pull.source,
        "source_project_id": repo.id,
        "target_project_id": repo.id,
        "author": user(origin, forge, &pull.author),
        "assignee": null,
        "assignees": [],
        "reviewers": [],
        "labels": [],
        "draft": pull.draft,
        "work_in_progress": pull.draft,
        "milestone": null,
    });
    let mergeable = pull.mergeable || pull.state != PullState::Open;
    extend(
        &mut answer,
        json!({
            "merge_when_pipeline_succeeds": false,
            "merge_status": if mergeable { "can_be_merged" } else { "cannot_be_merged" },
            "detailed_merge_status": merge_status(pull),
            "has_conflicts": !mergeable,
            "sha": head,
            "merge_commit_sha": pull.merge_sha,
            "squash_commit_sha": null,
            "squash": false,
            "merge_error": null,
            "user_notes_count": pull.comments.len(),
            "upvotes": 0,
            "downvotes": 0,
            "discussion_locked": null,
            "web_url": format!("{origin}/{full}/-/merge_requests/{}", pull.number),
            "references": {
                "short": format!("!{}", pull.number),
                "relative": format!("!{}", pull.number),
                "full": format!("{full}!{}", pull.number),
            },
        }),
    );
    answer
}

/// Adds the fields of `more` to the object `value` (one `json!` per half keeps the macro's
/// recursion within bounds).
fn extend(value: &mut Value, more: Value) {
    if let (Value::Object(fields), Value::Object(extra)) = (value, more) {
        fields.extend(extra);
    }
}

/// `Note` on issue or merge request `iid`.
pub(super) fn note(
    origin: &str,
    forge: &Forge,
    repo: &Repo,
    noteable: (&str, u64, u64),
    note: &Note,
) -> Value {
    let (kind, noteable_id, iid) = noteable;
    json!({
        "id": note.id,
        "type": null,
        "body": note.body,
        "attachment": null,
        "author": user(origin, forge, &note.author),
        "created_at": note.created_at,
        "updated_at": note.created_at,
        "system": false,
        "noteable_id": noteable_id,
        "noteable_type": kind,
        "project_id": repo.id,
        "noteable_iid": iid,
        "resolvable": false,
        "confidential": false,
        "internal": false,
        "imported": false,
        "imported_from": "none",
    })
}
