//! GitHub's answers as its API description documents them (the examples of the vendored
//! `specs/github/prism.json`), read into the unified model; then the edges the examples do
//! not show (null fields, bare label names, binary and oversized files, unknown states).

use super::*;
use mosaic_core::model::{FileEncoding, IssueState, PullState};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The documented example `name` (`components.examples.NAME.value`).
fn example(name: &str) -> Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        serde_json::from_str(include_str!("../api/prism.json"))
            .expect("the vendored description is JSON")
    });
    let value = &spec["components"]["examples"][name]["value"];
    assert!(!value.is_null(), "no example `{name}` in the description");
    value.clone()
}

fn read<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("a documented answer reads")
}

#[test]
fn documented_repositories_keep_id_owner_default_branch_and_page() {
    for name in [
        "repository-items-default-response",
        "minimal-repository-items",
    ] {
        let repos: Vec<GhRepo> = read(example(name));
        let repo = repos.into_iter().next().unwrap().unify();
        assert_eq!(repo.id, "1296269", "{name}");
        assert_eq!(repo.full_name, "octocat/Hello-World");
        assert_eq!(
            (repo.owner.as_str(), repo.name.as_str()),
            ("octocat", "Hello-World")
        );
        assert_eq!(repo.default_branch, "master");
        assert_eq!(repo.description.as_deref(), Some("This your first repo!"));
        assert!(!repo.private);
        assert_eq!(repo.updated_at.as_deref(), Some("2011-01-26T19:14:43Z"));
        assert_eq!(repo.web_url, "https://github.com/octocat/Hello-World");
    }
    let full: GhRepo = read(example("full-repository-default-response"));
    assert_eq!(full.unify().default_branch, "master");
}

#[test]
fn a_repository_without_default_branch_or_description_still_reads() {
    let repo: GhRepo = read(json!({
        "id": 7, "name": "empty", "full_name": "acme/empty", "owner": {"login": "acme"},
        "description": null, "private": true, "updated_at": null,
        "html_url": "https://ghe.example.com/acme/empty"
    }));
    let repo = repo.unify();
    assert_eq!(repo.description, None);
    assert_eq!(repo.default_branch, "main");
    assert_eq!(repo.web_url, "https://ghe.example.com/acme/empty");
}

#[test]
fn documented_branches_name_their_tip_and_protection() {
    let branches: Vec<GhBranch> = read(example("short-branch-with-protection-items"));
    let branch = branches.into_iter().next().unwrap().unify();
    assert_eq!(branch.name, "master");
    assert_eq!(
        branch.commit_sha,
        "c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc"
    );
    assert!(branch.protected);
}

#[test]
fn documented_commits_carry_message_author_and_page() {
    let commits: Vec<GhCommit> = read(example("commit-items"));
    let commit = commits.into_iter().next().unwrap().unify();
    assert_eq!(commit.sha, "6dcb09b5b57875f334f61aebed695e2e4193db5e");
    assert_eq!(commit.message, "Fix all the bugs");
    assert_eq!(commit.author_name, "Monalisa Octocat");
    assert_eq!(commit.author_email.as_deref(), Some("support@github.com"));
    assert_eq!(commit.authored_at.as_deref(), Some("2011-04-14T16:00:49Z"));
    assert_eq!(
        commit.web_url,
        "https://github.com/octocat/Hello-World/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e"
    );
    let anonymous: GhCommit = read(json!({
        "sha": "abc", "commit": {"message": "x", "author": null}, "html_url": "https://github.com/a/b/commit/abc"
    }));
    let anonymous = anonymous.unify();
    assert_eq!(
        (anonymous.author_name.as_str(), anonymous.author_email),
        ("", None)
    );
}

#[test]
fn the_documented_issue_is_a_pull_requests_issue_view() {
    for name in ["issue", "issue-with-pinned-comment"] {
        let issue: GhIssue = read(example(name));
        assert!(issue.is_pull_request(), "{name}");
    }
    let items: Vec<GhIssue> = read(example("issue-items"));
    assert!(items.iter().all(GhIssue::is_pull_request));
}

#[test]
fn a_documented_issue_keeps_number_labels_assignees_and_page() {
    let mut value = example("issue");
    value.as_object_mut().unwrap().remove("pull_request");
    let issue: GhIssue = read(value);
    assert!(!issue.is_pull_request());
    let issue = issue.unify().unwrap();
    assert_eq!((issue.id.as_str(), issue.number), ("1", 1347));
    assert_eq!(issue.title, "Found a bug");
    assert_eq!(
        issue.body.as_deref(),
        Some("I'm having a problem with this.")
    );
    assert_eq!(issue.state, IssueState::Open);
    assert_eq!(issue.author.as_deref(), Some("octocat"));
    assert_eq!(issue.assignees, ["octocat"]);
    assert_eq!(issue.labels, ["bug"]);
    assert_eq!(issue.comments, 0);
    assert_eq!(
        issue.web_url,
        "https://github.com/octocat/Hello-World/issues/1347"
    );
}

#[test]
fn issue_fields_the_description_allows_to_be_null_or_bare_read() {
    let issue: GhIssue = read(json!({
        "id": 9, "number": 3, "title": "t", "body": null, "state": "closed", "user": null,
        "assignees": null, "labels": ["plain", {"name": "object"}, {"id": 4}],
        "comments": 2, "html_url": "https://github.com/a/b/issues/3", "pull_request": null
    }));
    assert!(
        !issue.is_pull_request(),
        "a null `pull_request` is no pull request"
    );
    let issue = issue.unify().unwrap();
    assert_eq!(issue.state, IssueState::Closed);
    assert_eq!((issue.body, issue.author), (None, None));
    assert!(issue.assignees.is_empty());
    assert_eq!(
        issue.labels,
        ["plain", "object"],
        "a label without a name is left out"
    );
    let odd: GhIssue = read(json!({
        "id": 9, "number": 3, "title": "t", "state": "locked", "html_url": "u"
    }));
    assert_eq!(
        odd.unify().unwrap_err(),
        ProviderError::Protocol("unknown issue state `locked`".into())
    );
}

#[test]
fn a_documented_comment_keeps_its_id_author_and_anchor() {
    let comment: GhComment = read(example("issue-comment"));
    let comment = comment.unify();
    assert_eq!(comment.id, "1");
    assert_eq!(comment.author.as_deref(), Some("octocat"));
    assert_eq!(comment.body, "Me too");
    assert_eq!(comment.created_at.as_deref(), Some("2011-04-14T16:00:49Z"));
    assert_eq!(
        comment.web_url,
        "https://github.com/octocat/Hello-World/issues/1347#issuecomment-1"
    );
}

#[test]
fn documented_pull_requests_read_from_the_single_and_the_list_shape() {
    let pull: GhPull = read(example("pull-request"));
    // The example says `merged: false` beside a merge time; `merged` decides.
    assert!(!pull.is_merged());
    let pull = pull.unify().unwrap();
    assert_eq!((pull.id.as_str(), pull.number), ("1", 1347));
    assert_eq!(pull.state, PullState::Open);
    assert!(!pull.draft);
    assert_eq!(pull.source_branch, "new-topic");
    assert_eq!(pull.target_branch, "master");
    assert_eq!(pull.author.as_deref(), Some("octocat"));
    assert_eq!(
        pull.web_url,
        "https://github.com/octocat/Hello-World/pull/1347"
    );

    // List items have no `merged`: a merge time means merged.
    let items: Vec<GhPull> = read(example("pull-request-simple-items"));
    let listed = items.into_iter().next().unwrap();
    assert!(listed.is_merged());
    let listed = listed.unify().unwrap();
    assert_eq!(listed.state, PullState::Merged);
    assert_eq!(listed.merged_at.as_deref(), Some("2011-01-26T19:01:12Z"));
}

fn pull(state: &str, merged_at: Option<&str>, merged: Option<bool>) -> GhPull {
    read(json!({
        "id": 1, "number": 2, "title": "t", "state": state, "head": {"ref": "f"},
        "base": {"ref": "main"}, "merged_at": merged_at, "merged": merged,
        "html_url": "https://github.com/a/b/pull/2"
    }))
}

#[test]
fn pull_request_states_are_open_closed_or_merged() {
    let state = |pull: GhPull| pull.unify().map(|pull| pull.state);
    assert_eq!(state(pull("open", None, None)), Ok(PullState::Open));
    assert_eq!(state(pull("closed", None, None)), Ok(PullState::Closed));
    assert_eq!(
        state(pull("closed", Some("2026-01-01T00:00:00Z"), None)),
        Ok(PullState::Merged)
    );
    assert_eq!(
        state(pull("closed", None, Some(true))),
        Ok(PullState::Merged)
    );
    assert!(matches!(
        state(pull("draft", None, None)),
        Err(ProviderError::Protocol(_))
    ));
}

#[test]
fn the_documented_merge_answer_reads() {
    let merge: GhMerge = read(example(
        "pull-request-merge-result-response-if-merge-was-successful",
    ));
    let merge = merge.unify();
    assert!(merge.merged);
    assert_eq!(
        merge.sha.as_deref(),
        Some("6dcb09b5b57875f334f61aebed695e2e4193db5e")
    );
    assert_eq!(merge.message, "Pull Request successfully merged");
}

fn content(value: Value) -> GhContent {
    read::<GhContents>(value).into_entry("x").unwrap()
}

#[test]
fn documented_directories_symlinks_and_submodules_are_not_files() {
    let directory: GhContents = read(example("content-file-response-if-content-is-a-directory"));
    assert_eq!(
        directory.into_entry("lib/octokit").unwrap_err(),
        ProviderError::Invalid("`lib/octokit` is a directory, not a file".into())
    );
    let symlink = content(example("content-file-response-if-content-is-a-symlink"));
    assert_eq!(
        symlink.unify("master").unwrap_err(),
        ProviderError::Invalid("`bin/some-symlink` is a symlink, not a file".into())
    );
    let submodule = content(example("content-file-response-if-content-is-a-submodule"));
    assert!(!submodule.content_left_out());
    assert_eq!(
        submodule.unify("master").unwrap_err(),
        ProviderError::Invalid("`test/qunit` is a submodule, not a file".into())
    );
}

#[test]
fn the_documented_file_example_is_not_valid_base64_and_says_so() {
    // The example's content has literal `\n` escapes inside the base64: a malformed answer is
    // the provider's, named as such, never a panic or garbage.
    let file = content(example("content-file-response-if-content-is-a-file"));
    let error = file.unify("master").unwrap_err();
    assert!(
        matches!(error, ProviderError::Protocol(ref m) if m.contains("README.md") && m.contains("base64")),
        "{error}"
    );
}

fn file(content: &str, encoding: &str) -> Value {
    json!({
        "type": "file", "encoding": encoding, "size": 5, "name": "a", "path": "docs/a",
        "content": content, "sha": "3d21ec53a331a6f037a91c368710b99387d012c1",
        "html_url": "https://github.com/a/b/blob/main/docs/a"
    })
}

#[test]
fn files_are_text_when_utf8_and_base64_otherwise() {
    // GitHub wraps base64 in lines of 60 characters.
    let text = content(file("aGVs\nbG8=\n", "base64"))
        .unify("main")
        .unwrap();
    assert_eq!(
        (text.encoding, text.content.as_str()),
        (FileEncoding::Utf8, "hello")
    );
    assert_eq!(
        (text.path.as_str(), text.git_ref.as_str(), text.size),
        ("docs/a", "main", 5)
    );
    assert_eq!(text.sha, "3d21ec53a331a6f037a91c368710b99387d012c1");
    assert_eq!(text.web_url, "https://github.com/a/b/blob/main/docs/a");
    let binary = content(file("iVBO\nRw0K\n", "base64"))
        .unify("main")
        .unwrap();
    assert_eq!(
        (binary.encoding, binary.content.as_str()),
        (FileEncoding::Base64, "iVBORw0K")
    );
    let empty = content(file("", "base64")).unify("main").unwrap();
    assert_eq!(
        (empty.encoding, empty.content.as_str()),
        (FileEncoding::Utf8, "")
    );
}

#[test]
fn a_file_over_a_megabyte_is_read_from_its_blob() {
    let large = content(file("", "none"));
    assert!(large.content_left_out());
    assert!(matches!(
        content(file("", "none")).unify("main"),
        Err(ProviderError::Protocol(ref m)) if m.contains("`none`")
    ));
    let blob: GhBlob = read(example("blob"));
    let wrong = large.unify_with_blob("main", blob).unwrap_err();
    assert!(
        matches!(wrong, ProviderError::Protocol(ref m) if m.contains("3a0f86fb")),
        "{wrong}"
    );

    let mut blob: GhBlob = read(example("blob"));
    blob.sha = "3d21ec53a331a6f037a91c368710b99387d012c1".into();
    let file = content(file("", "none"))
        .unify_with_blob("main", blob)
        .unwrap();
    assert_eq!(
        (file.encoding, file.content.as_str()),
        (FileEncoding::Utf8, "Content of the blob")
    );
    assert_eq!(file.web_url, "https://github.com/a/b/blob/main/docs/a");
}
