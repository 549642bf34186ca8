//! Every operation of the `github` adapter against GitHub's own API description
//! (`specs/github/prism.json`) served by Prism.

use crate::support::contract::Expect::{Error, Ok};
use crate::support::contract::{assert_covers_every_git_operation, drive};
use crate::support::instance;
use mosaic_core::{Health, OpId};
use mosaic_providers::github::GitHubPlugin;
use mosaic_testkit::PrismMock;
use serde_json::json;

#[tokio::test]
async fn every_request_is_valid_and_every_documented_answer_parses() {
    let Some(prism) = PrismMock::shared("github") else {
        return;
    };
    let provider = instance(&GitHubPlugin, &prism.base_url(), "ghp_contract").await;
    let repo = "octocat/Hello-World";
    let calls = [
        (OpId::GitReposList, json!({}), Ok),
        (
            OpId::GitReposList,
            json!({"owner": "octocat", "per_page": 5, "cursor": "2"}),
            Ok,
        ),
        (OpId::GitReposGet, json!({"repo": repo}), Ok),
        (
            OpId::GitBranchesList,
            json!({"repo": repo, "per_page": 100}),
            Ok,
        ),
        // GitHub's first documented answer for a path is a directory listing.
        (
            OpId::GitFilesGet,
            json!({"repo": repo, "path": "README.md", "ref": "main"}),
            Error("invalid_input", "directory"),
        ),
        (
            OpId::GitCommitsList,
            json!({"repo": repo, "ref": "main", "path": "src"}),
            Ok,
        ),
        (
            OpId::GitIssuesList,
            json!({"repo": repo, "state": "all", "labels": ["bug", "ui"]}),
            Ok,
        ),
        // GitHub's documented issue is a pull request's, which git.pulls.get serves.
        (
            OpId::GitIssuesGet,
            json!({"repo": repo, "number": 1347}),
            Error("not_found", "pull request"),
        ),
        (
            OpId::GitIssuesCreate,
            json!({"repo": repo, "title": "Found a bug", "body": "It breaks.", "labels": ["bug"], "assignees": ["octocat"]}),
            Ok,
        ),
        (
            OpId::GitIssuesUpdate,
            json!({"repo": repo, "number": 1347, "title": "Renamed", "state": "closed", "labels": [], "assignees": ["octocat"]}),
            Ok,
        ),
        (
            OpId::GitIssuesComment,
            json!({"repo": repo, "number": 1347, "body": "Me too"}),
            Ok,
        ),
        (
            OpId::GitPullsList,
            json!({"repo": repo, "state": "merged"}),
            Ok,
        ),
        (OpId::GitPullsGet, json!({"repo": repo, "number": 1347}), Ok),
        (
            OpId::GitPullsCreate,
            json!({"repo": repo, "title": "Amazing new feature", "source_branch": "octocat:new-feature", "target_branch": "master", "body": "Please pull", "draft": true}),
            Ok,
        ),
        (
            OpId::GitPullsMerge,
            json!({"repo": repo, "number": 1347, "method": "squash", "commit_message": "Squashed"}),
            Ok,
        ),
        (
            OpId::GitPullsComment,
            json!({"repo": repo, "number": 1347, "body": "Looks good"}),
            Ok,
        ),
    ];
    assert_covers_every_git_operation(&calls);
    let failures = drive(provider.as_ref(), &calls).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(provider.health().await, Health::Healthy);
}
