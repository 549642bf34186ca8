//! Gitea's answers as Gitea 1.22 sends them (the shapes of its `v1_json.tmpl`, with the
//! fields a real instance fills), read into the unified model.

use super::*;
use mosaic_core::model::{FileEncoding, IssueState, PullState};
use serde_json::{Value, json};

fn read<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("a Gitea answer reads")
}

fn user(id: u64, login: &str) -> Value {
    json!({
        "id": id, "login": login, "login_name": "", "full_name": "", "email": format!("{login}@noreply.git.example.com"),
        "avatar_url": "https://git.example.com/avatars/1", "language": "", "is_admin": false,
        "last_login": "0001-01-01T00:00:00Z", "created": "2024-01-02T10:00:00+01:00", "restricted": false,
        "active": false, "prohibit_login": false, "location": "", "website": "", "description": "",
        "visibility": "public", "followers_count": 0, "following_count": 0, "starred_repos_count": 0,
        "username": login
    })
}

#[test]
fn a_repository_keeps_its_id_owner_and_page() {
    let repo: GiteaRepo = read(json!({
        "id": 42, "owner": user(3, "acme"), "name": "api", "full_name": "acme/api",
        "description": "", "empty": false, "private": true, "fork": false, "template": false,
        "parent": null, "mirror": false, "size": 1201, "language": "Rust",
        "html_url": "https://git.example.com/acme/api", "url": "https://git.example.com/api/v1/repos/acme/api",
        "ssh_url": "git@git.example.com:acme/api.git", "clone_url": "https://git.example.com/acme/api.git",
        "default_branch": "trunk", "archived": false, "created_at": "2024-01-02T10:00:00+01:00",
        "updated_at": "2024-03-04T11:12:13+01:00", "permissions": {"admin": true, "push": true, "pull": true},
        "has_issues": true, "has_pull_requests": true, "default_merge_style": "merge",
        "object_format_name": "sha1"
    }));
    let repo = repo.unify();
    assert_eq!(repo.id, "42");
    assert_eq!((repo.owner.as_str(), repo.name.as_str()), ("acme", "api"));
    assert_eq!(repo.full_name, "acme/api");
    assert_eq!(repo.description, None, "Gitea's empty description is none");
    assert_eq!(repo.default_branch, "trunk");
    assert!(repo.private);
    assert_eq!(
        repo.updated_at.as_deref(),
        Some("2024-03-04T11:12:13+01:00")
    );
    assert_eq!(repo.web_url, "https://git.example.com/acme/api");
}

#[test]
fn a_branch_names_its_tip_by_id() {
    let branch: GiteaBranch = read(json!({
        "name": "main",
        "commit": {
            "id": "5c4ad5a5b5e1b4b9e2f2c2a7d1e3f5a6b7c8d9e0", "message": "Merge pull request 'x'\n",
            "url": "https://git.example.com/acme/api/commit/5c4ad5a5",
            "author": {"name": "Ana", "email": "ana@example.com", "username": "ana"},
            "timestamp": "2024-03-04T11:12:13+01:00", "added": null, "removed": null, "modified": null
        },
        "protected": true, "required_approvals": 1, "enable_status_check": false,
        "status_check_contexts": [], "user_can_push": false, "user_can_merge": true,
        "effective_branch_protection_name": "main"
    }));
    let branch = branch.unify();
    assert_eq!(branch.name, "main");
    assert_eq!(
        branch.commit_sha,
        "5c4ad5a5b5e1b4b9e2f2c2a7d1e3f5a6b7c8d9e0"
    );
    assert!(branch.protected);
}

fn content(path: &str, content: &str, url_ref: &str) -> Value {
    json!({
        "name": path.rsplit('/').next().unwrap(), "path": path, "sha": "a8f5f167f44f4964e6c998dee827110c",
        "last_commit_sha": "5c4ad5a5b5e1b4b9e2f2c2a7d1e3f5a6b7c8d9e0", "type": "file", "size": 11,
        "encoding": "base64", "content": content, "target": null,
        "url": format!("https://git.example.com/api/v1/repos/acme/api/contents/{path}?ref={url_ref}"),
        "html_url": format!("https://git.example.com/acme/api/src/branch/{url_ref}/{path}"),
        "git_url": "https://git.example.com/api/v1/repos/acme/api/git/blobs/a8f5f167",
        "download_url": format!("https://git.example.com/acme/api/raw/branch/{url_ref}/{path}"),
        "submodule_git_url": null,
        "_links": {"self": "…", "git": "…", "html": "…"}
    })
}

#[test]
fn a_text_file_is_decoded_and_names_the_ref_gitea_read() {
    let entry = parse_content(
        "README.md",
        content("README.md", "aGVsbG8gd29ybGQ=", "trunk"),
    )
    .unwrap();
    assert_eq!(entry.ref_read().as_deref(), Some("trunk"));
    let file = entry.unify("trunk").unwrap();
    assert_eq!(file.encoding, FileEncoding::Utf8);
    assert_eq!(file.content, "hello world");
    assert_eq!((file.size, file.git_ref.as_str()), (11, "trunk"));
    assert_eq!(file.sha, "a8f5f167f44f4964e6c998dee827110c");
    assert_eq!(
        file.web_url,
        "https://git.example.com/acme/api/src/branch/trunk/README.md"
    );
}

#[test]
fn a_ref_with_a_slash_is_read_back_decoded() {
    let entry = content("a.txt", "YQ==", "feature%2Flogin");
    let entry = parse_content("a.txt", entry).unwrap();
    assert_eq!(entry.ref_read().as_deref(), Some("feature/login"));
}

#[test]
fn a_binary_file_stays_base64_without_line_breaks() {
    let entry = parse_content(
        "logo.png",
        content("logo.png", "iVBORw0K\nGgoA//6A", "main"),
    )
    .unwrap();
    let file = entry.unify("main").unwrap();
    assert_eq!(file.encoding, FileEncoding::Base64);
    assert_eq!(file.content, "iVBORw0KGgoA//6A");
}

#[test]
fn directories_links_and_garbage_are_refused_clearly() {
    let listing = json!([content("docs/a.md", "YQ==", "main")]);
    let error = parse_content("docs", listing).unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("`docs` is a directory, not a file".into())
    );

    let mut link = content("current", "", "main");
    link["type"] = json!("symlink");
    link["target"] = json!("releases/v2");
    let error = parse_content("current", link)
        .unwrap()
        .unify("main")
        .unwrap_err();
    assert!(
        matches!(error, ProviderError::Invalid(ref m) if m.contains("releases/v2")),
        "{error}"
    );

    let error = parse_content("x", json!({"type": "file", "size": "big"})).unwrap_err();
    assert!(
        matches!(error, ProviderError::Protocol(ref m) if m.contains("size")),
        "{error}"
    );

    let not_base64 = parse_content("x", content("x", "string", "main")).unwrap();
    assert!(matches!(
        not_base64.unify("main"),
        Err(ProviderError::Protocol(_))
    ));
}

#[test]
fn a_commit_reads_its_git_author() {
    let commit: GiteaCommit = read(json!({
        "url": "https://git.example.com/api/v1/repos/acme/api/git/commits/5c4ad5a5",
        "sha": "5c4ad5a5b5e1b4b9e2f2c2a7d1e3f5a6b7c8d9e0",
        "created": "2024-03-04T11:12:13+01:00",
        "html_url": "https://git.example.com/acme/api/commit/5c4ad5a5b5e1b4b9e2f2c2a7d1e3f5a6b7c8d9e0",
        "commit": {
            "url": "https://git.example.com/api/v1/repos/acme/api/git/commits/5c4ad5a5",
            "author": {"name": "Ana Souza", "email": "ana@example.com", "date": "2024-03-04T11:12:13+01:00"},
            "committer": {"name": "Ana Souza", "email": "ana@example.com", "date": "2024-03-04T11:12:13+01:00"},
            "message": "Add rate limits\n\nCloses #3\n",
            "tree": {"url": "…", "sha": "b7c8d9e0", "created": "2024-03-04T11:12:13+01:00"},
            "verification": null
        },
        "author": user(1, "ana"), "committer": user(1, "ana"),
        "parents": [{"url": "…", "sha": "1111", "created": "2024-03-03T10:00:00+01:00"}],
        "files": null, "stats": null
    }));
    let commit = commit.unify();
    assert_eq!(commit.sha, "5c4ad5a5b5e1b4b9e2f2c2a7d1e3f5a6b7c8d9e0");
    assert_eq!(commit.message, "Add rate limits\n\nCloses #3\n");
    assert_eq!(commit.author_name, "Ana Souza");
    assert_eq!(commit.author_email.as_deref(), Some("ana@example.com"));
    assert_eq!(
        commit.authored_at.as_deref(),
        Some("2024-03-04T11:12:13+01:00")
    );
    assert!(
        commit
            .web_url
            .ends_with("/commit/5c4ad5a5b5e1b4b9e2f2c2a7d1e3f5a6b7c8d9e0")
    );
}

fn issue(number: u64, pull_request: Value) -> Value {
    json!({
        "id": 1000 + number, "url": format!("https://git.example.com/api/v1/repos/acme/api/issues/{number}"),
        "html_url": format!("https://git.example.com/acme/api/issues/{number}"), "number": number,
        "user": user(2, "ben"), "original_author": "", "original_author_id": 0,
        "title": "Rate limits are ignored", "body": "",
        "ref": "", "assets": [], "labels": [
            {"id": 7, "name": "bug", "exclusive": false, "is_archived": false, "color": "ee0701", "description": "", "url": "…"}
        ],
        "milestone": null, "assignee": null, "assignees": null, "state": "closed", "is_locked": false,
        "comments": 2, "created_at": "2024-03-01T09:00:00+01:00", "updated_at": "2024-03-02T09:00:00+01:00",
        "closed_at": "2024-03-02T09:00:00+01:00", "due_date": null, "pull_request": pull_request,
        "repository": {"id": 42, "name": "api", "owner": "acme", "full_name": "acme/api"}, "pin_order": 0
    })
}

#[test]
fn an_issue_keeps_its_global_id_and_number() {
    let read: GiteaIssue = read(issue(3, Value::Null));
    assert!(!read.is_pull_request());
    assert!(read.has_labels(&["bug".into()]));
    assert!(!read.has_labels(&["bug".into(), "docs".into()]));
    let issue = read.unify().unwrap();
    assert_eq!((issue.id.as_str(), issue.number), ("1003", 3));
    assert_eq!(issue.state, IssueState::Closed);
    assert_eq!(issue.body, None, "an empty body is none");
    assert_eq!(issue.author.as_deref(), Some("ben"));
    assert!(issue.assignees.is_empty(), "null assignees are none");
    assert_eq!(issue.labels, ["bug"]);
    assert_eq!(issue.comments, 2);
    assert_eq!(issue.web_url, "https://git.example.com/acme/api/issues/3");
}

#[test]
fn a_pull_request_among_issues_is_recognised() {
    let read: GiteaIssue = read(issue(
        4,
        json!({"merged": false, "merged_at": null, "draft": false, "html_url": "https://git.example.com/acme/api/pulls/4"}),
    ));
    assert!(read.is_pull_request());
}

#[test]
fn a_comment_keeps_its_id_and_page() {
    let comment: GiteaComment = read(json!({
        "id": 81, "html_url": "https://git.example.com/acme/api/issues/3#issuecomment-81",
        "pull_request_url": "", "issue_url": "https://git.example.com/acme/api/issues/3",
        "user": user(1, "ana"), "original_author": "", "original_author_id": 0,
        "body": "Fixed on develop.", "assets": [],
        "created_at": "2024-03-02T09:00:00+01:00", "updated_at": "2024-03-02T09:00:00+01:00"
    }));
    let comment = comment.unify();
    assert_eq!(comment.id, "81");
    assert_eq!(comment.author.as_deref(), Some("ana"));
    assert_eq!(comment.body, "Fixed on develop.");
    assert!(comment.web_url.ends_with("#issuecomment-81"));
}

fn pull(state: &str, merged: bool, draft: Option<bool>, title: &str) -> Value {
    let mut pull = json!({
        "id": 2001, "url": "https://git.example.com/acme/api/pulls/46", "number": 46,
        "user": user(2, "ben"), "title": title, "body": "Adds login.", "labels": [], "milestone": null,
        "assignee": null, "assignees": null, "requested_reviewers": null, "state": state,
        "is_locked": false, "comments": 0, "review_comments": 0, "additions": 10, "deletions": 2,
        "changed_files": 1, "html_url": "https://git.example.com/acme/api/pulls/46",
        "diff_url": "https://git.example.com/acme/api/pulls/46.diff",
        "patch_url": "https://git.example.com/acme/api/pulls/46.patch",
        "mergeable": true, "merged": merged,
        "merged_at": if merged { json!("2024-03-05T12:00:00+01:00") } else { Value::Null },
        "merge_commit_sha": if merged { json!("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b") } else { Value::Null },
        "merged_by": null, "allow_maintainer_edit": false,
        "base": {"label": "main", "ref": "main", "sha": "5c4ad5a5", "repo_id": 42, "repo": null},
        "head": {"label": "feature/login", "ref": "feature/login", "sha": "77aa88bb", "repo_id": 42, "repo": null},
        "merge_base": "5c4ad5a5", "due_date": null, "created_at": "2024-03-03T10:00:00+01:00",
        "updated_at": "2024-03-05T12:00:00+01:00", "closed_at": null, "pin_order": 0
    });
    if let Some(draft) = draft {
        pull["draft"] = json!(draft);
    }
    pull
}

#[test]
fn pull_requests_are_open_closed_or_merged() {
    let open: GiteaPull = read(pull("open", false, Some(false), "Add login"));
    let open = open.unify().unwrap();
    assert_eq!(open.state, PullState::Open);
    assert_eq!((open.id.as_str(), open.number), ("2001", 46));
    assert_eq!(open.source_branch, "feature/login");
    assert_eq!(open.target_branch, "main");
    assert_eq!(open.merged_at, None);
    assert!(!open.draft);

    let merged: GiteaPull = read(pull("closed", true, Some(false), "Add login"));
    assert_eq!(
        merged.merge_commit_sha.as_deref(),
        Some("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b")
    );
    let merged = merged.unify().unwrap();
    assert_eq!(merged.state, PullState::Merged);
    assert_eq!(
        merged.merged_at.as_deref(),
        Some("2024-03-05T12:00:00+01:00")
    );

    let closed: GiteaPull = read(pull("closed", false, Some(false), "Add login"));
    assert_eq!(closed.unify().unwrap().state, PullState::Closed);
}

#[test]
fn drafts_come_from_the_flag_or_before_1_22_from_the_title() {
    let flagged: GiteaPull = read(pull("open", false, Some(true), "WIP: Add login"));
    assert!(flagged.unify().unwrap().draft);
    let old: GiteaPull = read(pull("open", false, None, "[WIP] Add login"));
    assert!(old.unify().unwrap().draft);
    let plain: GiteaPull = read(pull("open", false, None, "Add login"));
    assert!(!plain.unify().unwrap().draft);
    assert!(has_wip_prefix("wip: lower case counts"));
    assert!(!has_wip_prefix("Wipe the cache"));
}

#[test]
fn the_version_is_read() {
    let version: GiteaVersion = read(json!({"version": "1.22.3"}));
    assert_eq!(version.version, "1.22.3");
}

#[test]
fn numbers_below_zero_are_refused_by_name() {
    // Gitea's description types numbers as `int64`; Prism's placeholder for one is the
    // smallest safe integer, which no issue can be numbered.
    let mut placeholder = issue(3, Value::Null);
    placeholder["number"] = json!(-9_007_199_254_740_991_i64);
    placeholder["id"] = json!(-9_007_199_254_740_991_i64);
    let parsed: GiteaIssue = read(placeholder);
    let error = parsed.unify().unwrap_err();
    assert!(
        matches!(error, ProviderError::Protocol(ref m) if m.contains("`number` -9007199254740991")),
        "{error}"
    );
    let label: GiteaLabel = read(json!({"id": -9_007_199_254_740_991_i64, "name": "string"}));
    assert_eq!(label.id, -9_007_199_254_740_991);
}
