//! Every operation of the `gitlab` adapter against GitLab's own API description
//! (`specs/gitlab/prism.json`) served by Prism, which refuses any request the description does
//! not allow (422). The description writes `/api/v4` into its paths, so the instance's base
//! URL is Prism's root plus `/api/v4`, as it is gitlab.com's root plus `/api/v4`. The project
//! is a nested-group one, so every request carries a URL-encoded project id.
//!
//! GitLab's description is generated from its Grape entities and mistypes several answers:
//! `assignees` is one user instead of a list, merge requests' `draft` a string, the issue list
//! a single issue instead of a list, and a file's answer has no body at all. Answers the
//! adapter reads past those fields parse into the unified model; the others are reported as
//! a bad answer naming the mistyped field (for a write, which GitLab accepted, as a write whose
//! outcome is unknown), which shows that the request passed validation and the answer was read
//! up to that field. The shapes GitLab really sends are read in the
//! mapping's unit tests (from its API reference) and from the fake.
//!
//! The description has no Notes API (comments on issues and merge requests), so Prism answers
//! those requests 404; they are checked against GitLab's API reference and the fake instead.

use mosaic_core::{Health, OpId};
use mosaic_gitlab::GitLabPlugin;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::contract::Expect::{Error, Ok};
use mosaic_testkit::adapter::contract::{assert_covers_every_git_operation, drive};
use mosaic_testkit::adapter::instance;
use serde_json::json;

/// An issue answer: the description's `assignees` is one user.
const ISSUE: mosaic_testkit::adapter::contract::Expect = Error(
    "bad_upstream_answer",
    "`assignees`: invalid type: map, expected a sequence",
);

/// A merge request answer: the description's `draft` is the string placeholder.
const MERGE_REQUEST: mosaic_testkit::adapter::contract::Expect = Error(
    "bad_upstream_answer",
    "draft`: invalid type: string \"string\", expected a boolean",
);

/// [`ISSUE`] answering a write: GitLab accepted it, so its outcome is unknown.
const WRITTEN_ISSUE: mosaic_testkit::adapter::contract::Expect = Error(
    "write_outcome_unknown",
    "`assignees`: invalid type: map, expected a sequence",
);

/// [`MERGE_REQUEST`] answering a write.
const WRITTEN_MERGE_REQUEST: mosaic_testkit::adapter::contract::Expect = Error(
    "write_outcome_unknown",
    "draft`: invalid type: string \"string\", expected a boolean",
);

#[tokio::test]
async fn every_request_is_valid_and_every_documented_answer_is_read() {
    let Some(prism) = PrismMock::shared("gitlab") else {
        return;
    };
    let base_url = format!("{}/api/v4", prism.base_url());
    let provider = instance(&GitLabPlugin::default(), &base_url, "glpat-contract").await;
    let repo = "gitlab-org/ci-cd/runner";
    let calls = [
        (OpId::GitReposList, json!({}), Ok),
        (
            OpId::GitReposList,
            json!({"owner": "gitlab-org/ci-cd", "per_page": 5, "cursor": "2"}),
            Ok,
        ),
        (OpId::GitReposGet, json!({"repo": repo}), Ok),
        (
            OpId::GitBranchesList,
            json!({"repo": repo, "per_page": 50}),
            Ok,
        ),
        // The description documents the file answer without any content: an empty body.
        (
            OpId::GitFilesGet,
            json!({"repo": repo, "path": "docs/index.md", "ref": "main"}),
            Error("bad_upstream_answer", "EOF"),
        ),
        // Without a ref, the project's default branch is read first.
        (
            OpId::GitFilesGet,
            json!({"repo": repo, "path": "README.md"}),
            Error("bad_upstream_answer", "EOF"),
        ),
        (
            OpId::GitCommitsList,
            json!({"repo": repo, "ref": "main", "path": "src", "per_page": 20, "cursor": "3"}),
            Ok,
        ),
        // The description's issue list answers one issue, not a list.
        (
            OpId::GitIssuesList,
            json!({"repo": repo, "state": "closed", "labels": ["bug", "P1"]}),
            Error("bad_upstream_answer", "sequence"),
        ),
        (
            OpId::GitIssuesGet,
            json!({"repo": repo, "number": 14}),
            ISSUE,
        ),
        // The documented project user is `admin`: the assignee resolves, the issue is posted.
        (
            OpId::GitIssuesCreate,
            json!({"repo": repo, "title": "Found a bug", "body": "It breaks.", "labels": ["bug"], "assignees": ["admin"]}),
            WRITTEN_ISSUE,
        ),
        (
            OpId::GitIssuesUpdate,
            json!({"repo": repo, "number": 14, "title": "Renamed", "body": "", "state": "closed", "labels": [], "assignees": []}),
            WRITTEN_ISSUE,
        ),
        (
            OpId::GitIssuesUpdate,
            json!({"repo": repo, "number": 14, "state": "open", "assignees": ["admin"]}),
            WRITTEN_ISSUE,
        ),
        // No Notes API in the description.
        (
            OpId::GitIssuesComment,
            json!({"repo": repo, "number": 14, "body": "Me too"}),
            Error("not_found", "issue gitlab-org/ci-cd/runner#14"),
        ),
        (
            OpId::GitPullsList,
            json!({"repo": repo, "state": "closed", "per_page": 10}),
            MERGE_REQUEST,
        ),
        (
            OpId::GitPullsList,
            json!({"repo": repo, "state": "merged"}),
            MERGE_REQUEST,
        ),
        (
            OpId::GitPullsGet,
            json!({"repo": repo, "number": 14}),
            MERGE_REQUEST,
        ),
        (
            OpId::GitPullsCreate,
            json!({"repo": repo, "title": "Amazing new feature", "source_branch": "feature", "target_branch": "main", "body": "Please pull", "draft": true}),
            WRITTEN_MERGE_REQUEST,
        ),
        (
            OpId::GitPullsMerge,
            json!({"repo": repo, "number": 14, "method": "squash", "commit_message": "Squashed\n\nAll of it."}),
            WRITTEN_MERGE_REQUEST,
        ),
        (
            OpId::GitPullsMerge,
            json!({"repo": repo, "number": 14, "method": "merge", "commit_message": "Merge it"}),
            WRITTEN_MERGE_REQUEST,
        ),
        // Refused before any request.
        (
            OpId::GitPullsMerge,
            json!({"repo": repo, "number": 14, "method": "rebase"}),
            Error("unsupported", "`rebase`"),
        ),
        (
            OpId::GitPullsComment,
            json!({"repo": repo, "number": 14, "body": "Looks good"}),
            Error("not_found", "merge request gitlab-org/ci-cd/runner!14"),
        ),
    ];
    assert_covers_every_git_operation(&calls);
    let failures = drive(provider.as_ref(), &calls).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(provider.health().await, Health::Healthy);
}

/// Prism does check what the adapter sends: GitHub's `state=open` is no GitLab state. And
/// the description has no Notes API: Prism knows no such route.
#[tokio::test]
async fn prism_refuses_what_the_description_does_not_allow() {
    let Some(prism) = PrismMock::shared("gitlab") else {
        return;
    };
    let client = reqwest::Client::new();
    let issues = format!("{}/api/v4/projects/a%2Fb/issues", prism.base_url());
    let get = |url: String| {
        client
            .get(url)
            .header("private-token", "glpat-contract")
            .send()
    };
    let wrong_state = get(format!("{issues}?state=open")).await.unwrap();
    assert_eq!(wrong_state.status(), 422);
    let right_state = get(format!("{issues}?state=opened")).await.unwrap();
    assert_eq!(right_state.status(), 200);
    let notes = client
        .post(format!("{issues}/1/notes"))
        .header("private-token", "glpat-contract")
        .json(&json!({"body": "Me too"}))
        .send()
        .await
        .unwrap();
    assert_eq!(notes.status(), 404);
    let problem: serde_json::Value = notes.json().await.unwrap();
    assert!(
        problem["type"]
            .as_str()
            .unwrap()
            .ends_with("NO_PATH_MATCHED_ERROR"),
        "{problem}"
    );
}
