//! GitLab's answers as its API reference prints them (`examples/` and the payloads below, from
//! `doc/api/*.md`), read into the unified model.

use super::*;
use mosaic_core::model::{FileEncoding, IssueState, PullState};
use mosaic_provider_kit::http::Reply;
use serde_json::{Value, json};

const ISSUE: &str = include_str!("../api/examples/issue.json");
const MERGE_REQUEST: &str = include_str!("../api/examples/merge_request.json");

fn web() -> WebRoot {
    WebRoot("https://gitlab.example.com".into())
}

fn read<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, mosaic_core::ProviderError> {
    Reply::new(serde_json::to_vec(&value).unwrap().into(), None).json()
}

fn example(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn the_documented_issue_is_read_with_its_iid_as_number() {
    let issue: GlIssue = serde_json::from_str(ISSUE).unwrap();
    let issue = issue.unify().unwrap();
    assert_eq!((issue.id.as_str(), issue.number), ("41", 1));
    assert_eq!(issue.state, IssueState::Closed);
    assert_eq!(issue.author.as_deref(), Some("root"));
    assert_eq!(issue.assignees, ["lennie"]);
    assert!(issue.labels.is_empty());
    assert_eq!(issue.comments, 1);
    assert_eq!(
        issue.body.as_deref(),
        Some("Omnis vero earum sunt corporis dolor et placeat.")
    );
    assert_eq!(
        issue.created_at.as_deref(),
        Some("2016-01-04T15:31:46.176Z")
    );
    assert_eq!(
        issue.web_url,
        "http://gitlab.example.com/my-group/my-project/issues/1"
    );
}

#[test]
fn issue_states_are_opened_or_closed() {
    let mut value = example(ISSUE);
    value["state"] = json!("opened");
    value["labels"] = json!(["bug", "needs review"]);
    let issue = read::<GlIssue>(value.clone()).unwrap().unify().unwrap();
    assert_eq!(issue.state, IssueState::Open);
    assert_eq!(issue.labels, ["bug", "needs review"]);
    value["state"] = json!("reopened");
    let error = read::<GlIssue>(value).unwrap().unify().unwrap_err();
    assert!(
        matches!(error, ProviderError::Protocol(ref m) if m.contains("`reopened`")),
        "{error}"
    );
}

#[test]
fn an_issue_without_description_assignees_or_author_still_reads() {
    let value = json!({
        "id": 84, "iid": 14, "title": "Issues with auth", "state": "opened",
        "description": null, "assignees": [], "assignee": null, "author": null,
        "labels": ["bug"], "user_notes_count": 0,
        "web_url": "http://gitlab.example.com/my-group/my-project/issues/14"
    });
    let issue = read::<GlIssue>(value).unwrap().unify().unwrap();
    assert_eq!((issue.body, issue.author), (None, None));
    assert!(issue.assignees.is_empty());
}

#[test]
fn a_negative_iid_is_a_bad_answer_naming_the_field() {
    let mut value = example(ISSUE);
    value["iid"] = json!(-1);
    let error = read::<GlIssue>(value).unwrap().unify().unwrap_err();
    assert!(
        matches!(error, ProviderError::Protocol(ref m) if m.contains("`iid` -1")),
        "{error}"
    );
}

#[test]
fn the_descriptions_mistyped_issue_is_reported_where_it_breaks() {
    // GitLab's OpenAPI description types `assignees` as one user; the API sends a list.
    let mut value = example(ISSUE);
    value["assignees"] = value["assignee"].clone();
    let error = read::<GlIssue>(value).unwrap_err();
    assert!(
        matches!(error, ProviderError::Protocol(ref m) if m.contains("`assignees`")),
        "{error}"
    );
}

#[test]
fn the_documented_merge_request_is_read() {
    let mr: GlMergeRequest = serde_json::from_str(MERGE_REQUEST).unwrap();
    let pull = mr.unify().unwrap();
    assert_eq!((pull.id.as_str(), pull.number), ("155016530", 133));
    assert_eq!(pull.state, PullState::Open);
    assert!(!pull.draft);
    assert_eq!(pull.body, None, "an empty description is no body");
    assert_eq!(
        (pull.source_branch.as_str(), pull.target_branch.as_str()),
        ("manual-job-rules", "main")
    );
    assert_eq!(pull.author.as_deref(), Some("marcel.amirault"));
    assert_eq!(pull.merged_at, None);
    assert_eq!(
        pull.web_url,
        "https://gitlab.com/marcel.amirault/test-project/-/merge_requests/133"
    );
}

#[test]
fn merge_request_states_and_drafts() {
    let state = |name: &str, extra: Value| {
        let mut value = example(MERGE_REQUEST);
        value["state"] = json!(name);
        for (key, field) in extra.as_object().unwrap() {
            value[key] = field.clone();
        }
        read::<GlMergeRequest>(value).unwrap().unify()
    };
    assert_eq!(state("merged", json!({})).unwrap().state, PullState::Merged);
    assert_eq!(state("closed", json!({})).unwrap().state, PullState::Closed);
    assert_eq!(
        state("locked", json!({})).unwrap().state,
        PullState::Open,
        "a merge under way"
    );
    assert!(state("opened", json!({"draft": true})).unwrap().draft);
    // GitLab before 14.0 sends only `work_in_progress`.
    let old = state("opened", json!({"draft": null, "work_in_progress": true}));
    assert!(old.unwrap().draft);
    assert!(matches!(
        state("archived", json!({})),
        Err(ProviderError::Protocol(_))
    ));
}

#[test]
fn a_merge_answer_names_the_commit_it_made() {
    let mut value = example(MERGE_REQUEST);
    value["state"] = json!("merged");
    value["merge_commit_sha"] = json!("8888888888888888888888888888888888888888");
    let merged = read::<GlMergeRequest>(value.clone())
        .unwrap()
        .merge_result()
        .unwrap();
    assert!(merged.merged);
    assert_eq!(
        merged.sha.as_deref(),
        Some("8888888888888888888888888888888888888888")
    );
    assert_eq!(merged.message, "merged merge request !133");

    // A fast-forward merge makes no merge commit: the target is now the source's head.
    value["merge_commit_sha"] = Value::Null;
    let fast_forward = read::<GlMergeRequest>(value.clone())
        .unwrap()
        .merge_result()
        .unwrap();
    assert_eq!(
        fast_forward.sha.as_deref(),
        Some("e82eb4a098e32c796079ca3915e07487fc4db24c")
    );
    value["squash_commit_sha"] = json!("5555555555555555555555555555555555555555");
    let squashed = read::<GlMergeRequest>(value.clone())
        .unwrap()
        .merge_result()
        .unwrap();
    assert_eq!(
        squashed.sha.as_deref(),
        Some("5555555555555555555555555555555555555555")
    );

    value["state"] = json!("opened");
    value["merge_error"] = json!("Rebase failed. Please rebase locally");
    let failed = read::<GlMergeRequest>(value)
        .unwrap()
        .merge_result()
        .unwrap();
    assert!(!failed.merged);
    assert_eq!(failed.sha, None);
    assert!(
        failed.message.contains("Rebase failed"),
        "{}",
        failed.message
    );
}

/// "Get single project" of `doc/api/projects.md`, the fields the adapter reads and a few more.
fn project() -> Value {
    json!({
        "id": 3,
        "description": "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "description_html": "<p data-sourcepos=\"1:1-1:56\" dir=\"auto\">Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>",
        "default_branch": "main",
        "visibility": "private",
        "ssh_url_to_repo": "git@example.com:diaspora/diaspora-project-site.git",
        "http_url_to_repo": "http://example.com/diaspora/diaspora-project-site.git",
        "web_url": "http://example.com/diaspora/diaspora-project-site",
        "name": "Diaspora Project Site",
        "name_with_namespace": "Diaspora / Diaspora Project Site",
        "path": "diaspora-project-site",
        "path_with_namespace": "diaspora/diaspora-project-site",
        "created_at": "2013-09-30T13:46:02Z",
        "updated_at": "2013-09-30T13:46:02Z",
        "last_activity_at": "2013-09-30T13:46:02Z",
        "namespace": {
            "id": 3, "name": "Diaspora", "path": "diaspora", "kind": "group",
            "full_path": "diaspora", "avatar_url": "http://localhost:3000/uploads/group/avatar/3/foo.jpg",
            "web_url": "http://localhost:3000/groups/diaspora"
        }
    })
}

#[test]
fn a_project_is_a_repository_named_by_its_full_path() {
    let repo = read::<GlProject>(project()).unwrap().unify();
    assert_eq!(repo.id, "3");
    assert_eq!(repo.full_name, "diaspora/diaspora-project-site");
    assert_eq!(
        (repo.owner.as_str(), repo.name.as_str()),
        ("diaspora", "diaspora-project-site")
    );
    assert!(repo.private);
    assert_eq!(repo.default_branch, "main");
    assert_eq!(repo.updated_at.as_deref(), Some("2013-09-30T13:46:02Z"));
    assert_eq!(
        repo.web_url,
        "http://example.com/diaspora/diaspora-project-site"
    );
}

#[test]
fn a_nested_groups_project_keeps_every_group_in_its_owner() {
    let mut value = project();
    value["path_with_namespace"] = json!("client-a/platform/backend");
    value["path"] = json!("backend");
    value["visibility"] = json!("public");
    value["updated_at"] = Value::Null;
    value["default_branch"] = Value::Null;
    value["description"] = json!("");
    let repo = read::<GlProject>(value).unwrap().unify();
    assert_eq!(
        (repo.owner.as_str(), repo.name.as_str()),
        ("client-a/platform", "backend")
    );
    assert!(!repo.private);
    assert_eq!(
        repo.updated_at.as_deref(),
        Some("2013-09-30T13:46:02Z"),
        "last activity instead"
    );
    assert_eq!(repo.default_branch, "main", "an empty project has none yet");
    assert_eq!(repo.description, None);
    let mut internal = project();
    internal["visibility"] = json!("internal");
    assert!(
        read::<GlProject>(internal).unwrap().unify().private,
        "internal is not public"
    );
}

#[test]
fn a_branch_and_its_tip() {
    // "Get single repository branch" of `doc/api/branches.md`.
    let value = json!({
        "name": "main", "merged": false, "protected": true, "default": true,
        "developers_can_push": false, "developers_can_merge": false, "can_push": true,
        "web_url": "https://gitlab.example.com/my-group/my-project/-/tree/main",
        "commit": {
            "author_email": "john@example.com", "author_name": "John Smith",
            "authored_date": "2012-06-27T05:51:39-07:00", "committed_date": "2012-06-28T03:44:20-07:00",
            "committer_email": "john@example.com", "committer_name": "John Smith",
            "id": "7b5c3cc8be40ee161ae89a06bba6229da1032a0c", "short_id": "7b5c3cc",
            "title": "add projects API", "message": "add projects API",
            "parent_ids": ["4ad91d3c1144c406e50c7b33bae684bd6837faf8"]
        }
    });
    let branch = read::<GlBranch>(value).unwrap().unify();
    assert_eq!(branch.name, "main");
    assert_eq!(
        branch.commit_sha,
        "7b5c3cc8be40ee161ae89a06bba6229da1032a0c"
    );
    assert!(branch.protected);
}

/// "Get file from repository" of `doc/api/repository_files.md`, with real base64 content in
/// place of the reference's shortened `IyA9PSBTY2hlbWEgSW5mb3...`.
fn file(content: &str) -> Value {
    json!({
        "file_name": "key.rb",
        "file_path": "app/models/key.rb",
        "size": 1476,
        "encoding": "base64",
        "content": content,
        "content_sha256": "4c294617b60715c1d218e61164a3abd4808a4284cbc30e6728a01ad9aada4481",
        "ref": "main",
        "blob_id": "79f7bbd25901e8334750839545a9bd021f0e4c83",
        "commit_id": "d5a3ff139356ce33e37e73add446f16869741b50",
        "last_commit_id": "570e7b2abdd848b95f2f578043fc23bd6f6fd24d",
        "execute_filemode": false
    })
}

#[test]
fn a_text_file_is_decoded_and_a_binary_one_kept_as_base64() {
    // `# == Schema Info\n`
    let text = read::<GlFile>(file("IyA9PSBTY2hlbWEgSW5mbwo=")).unwrap();
    let text = text.unify("my-group/my-project", "main", &web()).unwrap();
    assert_eq!(
        (text.encoding, text.content.as_str()),
        (FileEncoding::Utf8, "# == Schema Info\n")
    );
    assert_eq!(text.path, "app/models/key.rb");
    assert_eq!(text.git_ref, "main");
    assert_eq!(text.sha, "79f7bbd25901e8334750839545a9bd021f0e4c83");
    assert_eq!(text.size, 1476);
    assert_eq!(
        text.web_url,
        "https://gitlab.example.com/my-group/my-project/-/blob/main/app/models/key.rb"
    );
    let binary = read::<GlFile>(file("iVBORw0KGgoA//6A")).unwrap();
    let binary = binary.unify("my-group/my-project", "main", &web()).unwrap();
    assert_eq!(
        (binary.encoding, binary.content.as_str()),
        (FileEncoding::Base64, "iVBORw0KGgoA//6A")
    );
    let broken = read::<GlFile>(file("not base64!")).unwrap();
    assert!(matches!(
        broken.unify("p/q", "main", &web()),
        Err(ProviderError::Protocol(_))
    ));
}

#[test]
fn the_ref_asked_for_names_a_file_when_gitlab_echoes_none() {
    let mut value = file("IyA9PSBTY2hlbWEgSW5mbwo=");
    value["ref"] = json!("");
    let read = read::<GlFile>(value).unwrap();
    let file = read.unify("g/sub/p", "feature/login", &web()).unwrap();
    assert_eq!(file.git_ref, "feature/login");
    assert_eq!(
        file.web_url,
        "https://gitlab.example.com/g/sub/p/-/blob/feature/login/app/models/key.rb"
    );
}

#[test]
fn a_commit_and_its_page() {
    // "List repository commits" of `doc/api/commits.md`.
    let value = json!({
        "id": "ed899a2f4b50b4370feeea94676502b42383c746",
        "short_id": "ed899a2f4b5",
        "title": "Replace sanitize with escape once",
        "author_name": "Example User",
        "author_email": "user@example.com",
        "authored_date": "2021-09-20T11:50:22.001+00:00",
        "committer_name": "Administrator",
        "committer_email": "admin@example.com",
        "committed_date": "2021-09-20T11:50:22.001+00:00",
        "created_at": "2021-09-20T11:50:22.001+00:00",
        "message": "Replace sanitize with escape once",
        "parent_ids": ["6104942438c14ec7bd21c6cd5bd995272b3faff6"],
        "web_url": "https://gitlab.example.com/janedoe/gitlab-foss/-/commit/ed899a2f4b50b4370feeea94676502b42383c746",
        "trailers": {},
        "extended_trailers": {}
    });
    let commit = read::<GlCommit>(value.clone())
        .unwrap()
        .unify("janedoe/gitlab-foss", &web());
    assert_eq!(commit.sha, "ed899a2f4b50b4370feeea94676502b42383c746");
    assert_eq!(commit.message, "Replace sanitize with escape once");
    assert_eq!(commit.author_name, "Example User");
    assert_eq!(commit.author_email.as_deref(), Some("user@example.com"));
    assert_eq!(
        commit.authored_at.as_deref(),
        Some("2021-09-20T11:50:22.001+00:00")
    );
    assert!(
        commit
            .web_url
            .ends_with("/-/commit/ed899a2f4b50b4370feeea94676502b42383c746")
    );

    let mut old = value;
    old.as_object_mut().unwrap().remove("web_url");
    let commit = read::<GlCommit>(old)
        .unwrap()
        .unify("janedoe/gitlab-foss", &web());
    assert_eq!(
        commit.web_url,
        "https://gitlab.example.com/janedoe/gitlab-foss/-/commit/ed899a2f4b50b4370feeea94676502b42383c746"
    );
}

#[test]
fn a_note_is_a_comment_anchored_on_its_page() {
    // "Get single snippet note" of `doc/api/notes.md` (the same entity for every noteable).
    let value = json!({
        "id": 302, "body": "closed", "attachment": null,
        "author": {"id": 1, "username": "pipin", "email": "admin@example.com", "name": "Pip",
                   "state": "active", "created_at": "2013-09-30T13:46:01Z"},
        "created_at": "2013-10-02T09:22:45Z", "updated_at": "2013-10-02T10:22:45Z",
        "system": true, "noteable_id": 377, "noteable_type": "Issue", "project_id": 5,
        "noteable_iid": 377, "resolvable": false, "confidential": false, "internal": false,
        "imported": false, "imported_from": "none"
    });
    let note = read::<GlNote>(value.clone()).unwrap();
    let comment = note.unify("g/sub/p", Noteable::Issue, 377, &web());
    assert_eq!(comment.id, "302");
    assert_eq!(comment.author.as_deref(), Some("pipin"));
    assert_eq!(comment.body, "closed");
    assert_eq!(comment.created_at.as_deref(), Some("2013-10-02T09:22:45Z"));
    assert_eq!(
        comment.web_url,
        "https://gitlab.example.com/g/sub/p/-/issues/377#note_302"
    );
    let on_mr = read::<GlNote>(value)
        .unwrap()
        .unify("g/p", Noteable::MergeRequest, 9, &web());
    assert_eq!(
        on_mr.web_url,
        "https://gitlab.example.com/g/p/-/merge_requests/9#note_302"
    );
}

#[test]
fn web_urls_encode_what_a_path_cannot_hold() {
    let url = web().blob("group/my project", "release 1", "docs/read me.md");
    assert_eq!(
        url,
        "https://gitlab.example.com/group/my%20project/-/blob/release%201/docs/read%20me.md"
    );
}

#[test]
fn the_version_answer_is_read() {
    // The description's example of `GET /version`.
    let value = json!({"version": "15.2-pre", "revision": "c401a659d0c", "enterprise": true,
                       "kas": {"enabled": true, "externalUrl": "grpc://gitlab.example.com:8150", "version": "15.0.0"}});
    assert_eq!(read::<GlVersion>(value).unwrap().version, "15.2-pre");
}
