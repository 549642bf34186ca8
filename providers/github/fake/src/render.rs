//! GitHub's JSON shapes of the forge's data (the schemas of GitHub's API description, with
//! the fields a real answer fills). `api` is the fake's API root (`http://127.0.0.1:P`), for
//! the `url` fields; web pages are below [`WEB_ROOT`].

use super::WEB_ROOT;
use base64::Engine as _;
use mosaic_fake_kit::forge::{Branch, Commit, Forge, Issue, Note, Pull, PullState, Repo};
use serde_json::{Value, json};

/// Files bigger than this come from the contents API without their content (1 MB).
pub const CONTENTS_LIMIT: usize = 1024 * 1024;

/// A user or organization as other objects embed it (`simple-user`).
pub fn user(forge: &Forge, login: &str) -> Value {
    let account = forge.user(login);
    json!({
        "login": login,
        "id": account.map_or(0, |user| user.id),
        "type": if account.is_some() { "User" } else { "Organization" },
        "site_admin": false,
        "html_url": format!("{WEB_ROOT}/{login}"),
    })
}

/// A repository (`full-repository`; lists send the same fields).
pub fn repo(forge: &Forge, api: &str, repo: &Repo) -> Value {
    let full = repo.full_name();
    json!({
        "id": repo.id,
        "node_id": format!("R_{}", repo.id),
        "name": repo.name,
        "full_name": full,
        "owner": user(forge, &repo.owner),
        "private": repo.private,
        "visibility": if repo.private { "private" } else { "public" },
        "description": repo.description,
        "fork": false,
        "archived": false,
        "default_branch": repo.default_branch,
        "updated_at": repo.updated_at,
        "pushed_at": repo.updated_at,
        "html_url": format!("{WEB_ROOT}/{full}"),
        "url": format!("{api}/repos/{full}"),
    })
}

/// A label of the repository by name.
fn label(api: &str, repo: &Repo, name: &str) -> Value {
    let known = repo.labels.iter().find(|label| label.name == name);
    json!({
        "id": known.map_or(0, |label| label.id),
        "name": name,
        "color": known.map_or("ededed", |label| label.color.as_str()),
        "default": false,
        "description": null,
        "url": format!("{api}/repos/{}/labels/{name}", repo.full_name()),
    })
}

fn users(forge: &Forge, logins: &[String]) -> Vec<Value> {
    logins.iter().map(|login| user(forge, login)).collect()
}

/// An issue (`issue`); a real issue has no `pull_request` key at all.
pub fn issue(forge: &Forge, api: &str, repo: &Repo, issue: &Issue) -> Value {
    let full = repo.full_name();
    json!({
        "id": issue.id,
        "node_id": format!("I_{}", issue.id),
        "number": issue.number,
        "title": issue.title,
        "body": issue.body,
        "state": if issue.open { "open" } else { "closed" },
        "state_reason": if issue.open { Value::Null } else { json!("completed") },
        "locked": false,
        "user": user(forge, &issue.author),
        "assignee": issue.assignees.first().map(|login| user(forge, login)),
        "assignees": users(forge, &issue.assignees),
        "labels": issue.labels.iter().map(|name| label(api, repo, name)).collect::<Vec<_>>(),
        "comments": issue.comments.len(),
        "created_at": issue.created_at,
        "updated_at": issue.updated_at,
        "closed_at": issue.closed_at,
        "author_association": "MEMBER",
        "html_url": format!("{WEB_ROOT}/{full}/issues/{}", issue.number),
        "url": format!("{api}/repos/{full}/issues/{}", issue.number),
    })
}

fn pull_state(pull: &Pull) -> &'static str {
    if pull.state == PullState::Open {
        "open"
    } else {
        "closed"
    }
}

/// When a pull request was closed (merging closes it too).
fn pull_closed_at(pull: &Pull) -> Option<&str> {
    match pull.state {
        PullState::Open => None,
        PullState::Merged => pull.merged_at.as_deref(),
        PullState::Closed => Some(&pull.updated_at),
    }
}

/// A pull request as GitHub lists it among issues: its issue view with `pull_request`.
pub fn pull_as_issue(forge: &Forge, api: &str, repo: &Repo, pull: &Pull) -> Value {
    let full = repo.full_name();
    let web = format!("{WEB_ROOT}/{full}/pull/{}", pull.number);
    json!({
        "id": pull.id,
        "node_id": format!("I_{}", pull.id),
        "number": pull.number,
        "title": pull.title,
        "body": pull.body,
        "state": pull_state(pull),
        "locked": false,
        "user": user(forge, &pull.author),
        "assignee": null,
        "assignees": [],
        "labels": [],
        "comments": pull.comments.len(),
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "closed_at": pull_closed_at(pull),
        "draft": pull.draft,
        "author_association": "MEMBER",
        "html_url": web,
        "url": format!("{api}/repos/{full}/issues/{}", pull.number),
        "pull_request": {
            "url": format!("{api}/repos/{full}/pulls/{}", pull.number),
            "html_url": web,
            "diff_url": format!("{web}.diff"),
            "patch_url": format!("{web}.patch"),
            "merged_at": pull.merged_at,
        },
    })
}

/// One end of a pull request: `label` is `owner:branch`.
fn pull_end(forge: &Forge, api: &str, repo: &Repo, branch: &str) -> Value {
    json!({
        "label": format!("{}:{branch}", repo.owner),
        "ref": branch,
        "sha": repo.branch(branch).map(|tip| tip.sha.clone()),
        "user": user(forge, &repo.owner),
        "repo": self::repo(forge, api, repo),
    })
}

/// A pull request as lists send it (`pull-request-simple`: no `merged`, no counts).
pub fn pull_simple(forge: &Forge, api: &str, repo: &Repo, pull: &Pull) -> Value {
    let full = repo.full_name();
    json!({
        "id": pull.id,
        "node_id": format!("PR_{}", pull.id),
        "number": pull.number,
        "title": pull.title,
        "body": pull.body,
        "state": pull_state(pull),
        "locked": false,
        "draft": pull.draft,
        "user": user(forge, &pull.author),
        "assignee": null,
        "assignees": [],
        "labels": [],
        "head": pull_end(forge, api, repo, &pull.source),
        "base": pull_end(forge, api, repo, &pull.target),
        "created_at": pull.created_at,
        "updated_at": pull.updated_at,
        "closed_at": pull_closed_at(pull),
        "merged_at": pull.merged_at,
        "merge_commit_sha": pull.merge_sha,
        "author_association": "MEMBER",
        "html_url": format!("{WEB_ROOT}/{full}/pull/{}", pull.number),
        "url": format!("{api}/repos/{full}/pulls/{}", pull.number),
    })
}

/// A single pull request (`pull-request`): the list shape and its merge state and counts.
pub fn pull(forge: &Forge, api: &str, repo: &Repo, pull: &Pull) -> Value {
    let mut value = pull_simple(forge, api, repo, pull);
    let merged = pull.state == PullState::Merged;
    let open = pull.state == PullState::Open;
    let extra = json!({
        "merged": merged,
        "mergeable": if open { json!(pull.mergeable) } else { Value::Null },
        "mergeable_state": match (open, pull.mergeable, pull.draft) {
            (false, _, _) => "unknown",
            (true, _, true) => "draft",
            (true, true, false) => "clean",
            (true, false, false) => "dirty",
        },
        "merged_by": if merged { user(forge, &repo.owner) } else { Value::Null },
        "comments": pull.comments.len(),
        "review_comments": 0,
        "maintainer_can_modify": false,
        "commits": 1,
        "additions": 1,
        "deletions": 0,
        "changed_files": 1,
    });
    if let (Some(object), Value::Object(more)) = (value.as_object_mut(), extra) {
        object.extend(more);
    }
    value
}

/// A comment (`issue-comment`) on issue or pull request `number`.
pub fn comment(forge: &Forge, api: &str, repo: &Repo, number: u64, note: &Note) -> Value {
    let full = repo.full_name();
    let kind = if repo.pulls.iter().any(|pull| pull.number == number) {
        "pull"
    } else {
        "issues"
    };
    json!({
        "id": note.id,
        "node_id": format!("IC_{}", note.id),
        "user": user(forge, &note.author),
        "body": note.body,
        "created_at": note.created_at,
        "updated_at": note.created_at,
        "author_association": "MEMBER",
        "html_url": format!("{WEB_ROOT}/{full}/{kind}/{number}#issuecomment-{}", note.id),
        "issue_url": format!("{api}/repos/{full}/issues/{number}"),
        "url": format!("{api}/repos/{full}/issues/comments/{}", note.id),
    })
}

/// A branch (`short-branch`).
pub fn branch(api: &str, repo: &Repo, branch: &Branch) -> Value {
    json!({
        "name": branch.name,
        "commit": {
            "sha": branch.sha,
            "url": format!("{api}/repos/{}/commits/{}", repo.full_name(), branch.sha),
        },
        "protected": branch.protected,
    })
}

/// A commit (`commit`): git's author and GitHub's account of it.
pub fn commit(forge: &Forge, api: &str, repo: &Repo, commit: &Commit) -> Value {
    let full = repo.full_name();
    let account = forge.user(&commit.author);
    let signature = json!({
        "name": account.map_or(commit.author.as_str(), |user| user.name.as_str()),
        "email": account.map(|user| user.email.clone()),
        "date": commit.authored_at,
    });
    json!({
        "sha": commit.sha,
        "node_id": format!("C_{}", commit.sha),
        "commit": {
            "author": signature.clone(),
            "committer": signature,
            "message": commit.message,
            "comment_count": 0,
            "url": format!("{api}/repos/{full}/git/commits/{}", commit.sha),
        },
        "author": account.map(|user| self::user(forge, &user.login)),
        "committer": account.map(|user| self::user(forge, &user.login)),
        "parents": [],
        "html_url": format!("{WEB_ROOT}/{full}/commit/{}", commit.sha),
        "url": format!("{api}/repos/{full}/commits/{}", commit.sha),
    })
}

/// The blob SHA of a file's content: stable, and different when the content changes.
pub fn blob_sha(repo: &Repo, path: &str, bytes: &[u8]) -> String {
    // FNV-1a of the content, so the same bytes give the same SHA across runs.
    let content = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    mosaic_fake_kit::forge::sha(&format!("{}:{path}", repo.full_name()), content)
}

/// Base64 in lines of 60 characters with a final line break, as GitHub sends it.
fn wrapped_base64(bytes: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut text = String::with_capacity(encoded.len() + encoded.len() / 60 + 1);
    for line in encoded.as_bytes().chunks(60) {
        text.push_str(std::str::from_utf8(line).unwrap_or_default());
        text.push('\n');
    }
    text
}

/// The fields every contents entry has.
fn entry(
    api: &str,
    repo: &Repo,
    git_ref: &str,
    path: &str,
    kind: &str,
    sha: &str,
    size: usize,
) -> Value {
    let full = repo.full_name();
    let web_kind = if kind == "dir" { "tree" } else { "blob" };
    json!({
        "type": kind,
        "name": path.rsplit('/').next().unwrap_or(path),
        "path": path,
        "sha": sha,
        "size": size,
        "url": format!("{api}/repos/{full}/contents/{path}?ref={git_ref}"),
        "git_url": format!("{api}/repos/{full}/git/{}s/{sha}", if kind == "dir" { "tree" } else { "blob" }),
        "html_url": format!("{WEB_ROOT}/{full}/{web_kind}/{git_ref}/{path}"),
        "download_url": (kind == "file").then(|| format!("https://raw.githubusercontent.com/{full}/{git_ref}/{path}")),
    })
}

/// A file (`content-file`): its content base64, or left out when over 1 MB.
pub fn file(api: &str, repo: &Repo, git_ref: &str, path: &str, bytes: &[u8]) -> Value {
    let sha = blob_sha(repo, path, bytes);
    let mut value = entry(api, repo, git_ref, path, "file", &sha, bytes.len());
    let (encoding, content) = if bytes.len() > CONTENTS_LIMIT {
        ("none", String::new())
    } else {
        ("base64", wrapped_base64(bytes))
    };
    value["encoding"] = json!(encoding);
    value["content"] = json!(content);
    value
}

/// A directory: the list of its entries, directories first, by name.
pub fn directory(api: &str, repo: &Repo, git_ref: &str, dir: &str) -> Vec<Value> {
    let prefix = format!("{dir}/");
    let mut dirs: Vec<String> = Vec::new();
    let mut files: Vec<Value> = Vec::new();
    for (path, bytes) in &repo.files {
        let Some(rest) = path.strip_prefix(&prefix) else {
            continue;
        };
        match rest.split_once('/') {
            Some((sub, _)) => {
                let sub = format!("{prefix}{sub}");
                if !dirs.contains(&sub) {
                    dirs.push(sub);
                }
            }
            None => {
                let sha = blob_sha(repo, path, bytes);
                files.push(entry(api, repo, git_ref, path, "file", &sha, bytes.len()));
            }
        }
    }
    let tree = |path: &String| {
        let sha = mosaic_fake_kit::forge::sha(&format!("{}:{path}/", repo.full_name()), 0);
        entry(api, repo, git_ref, path, "dir", &sha, 0)
    };
    dirs.iter().map(tree).chain(files).collect()
}

/// A blob of the Git database (`blob`).
pub fn blob(api: &str, repo: &Repo, sha: &str, bytes: &[u8]) -> Value {
    json!({
        "sha": sha,
        "node_id": format!("B_{sha}"),
        "size": bytes.len(),
        "url": format!("{api}/repos/{}/git/blobs/{sha}", repo.full_name()),
        "content": wrapped_base64(bytes),
        "encoding": "base64",
    })
}
