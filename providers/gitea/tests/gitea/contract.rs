//! Every operation of the `gitea` adapter against Gitea's own API description
//! (`specs/gitea/prism.json`) served by Prism, which refuses any request the description does
//! not allow.
//!
//! Gitea's description has no examples, so Prism answers with placeholders generated from its
//! schemas: strings `"string"`, booleans `true`, and for every `int64` the smallest safe
//! integer. Answers whose fields the unified model can hold parse; those carrying an issue or
//! pull request number (negative here, which no Gitea sends) are reported as a bad answer
//! naming the field — for a write, as a write whose outcome is unknown, since Gitea accepted
//! it — which shows the request passed and the answer was read to its end.
//! Realistic answers are read in the mapping's unit tests and from the fake.

use mosaic_core::{Health, OpId};
use mosaic_gitea::GiteaPlugin;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::contract::Expect::{Error, Ok};
use mosaic_testkit::adapter::contract::{assert_covers_every_git_operation, drive};
use mosaic_testkit::adapter::instance;
use serde_json::json;

/// What an answer carrying Prism's placeholder number is reported as.
const NUMBER: mosaic_testkit::adapter::contract::Expect =
    Error("bad_upstream_answer", "`number` -9007199254740991");

/// The same, answering a write: Gitea accepted it, so its outcome is unknown.
const WRITTEN_NUMBER: mosaic_testkit::adapter::contract::Expect =
    Error("write_outcome_unknown", "`number` -9007199254740991");

#[tokio::test]
async fn every_request_is_valid_and_every_documented_answer_is_read() {
    let Some(prism) = PrismMock::shared("gitea") else {
        return;
    };
    let provider = instance(&GiteaPlugin::default(), &prism.base_url(), "gitea_contract").await;
    let repo = "gitea/tea";
    // The documented label list holds one label named `string`.
    let label = "string";
    let calls = [
        (OpId::GitReposList, json!({}), Ok),
        (
            OpId::GitReposList,
            json!({"owner": "gitea", "per_page": 5, "cursor": "2"}),
            Ok,
        ),
        (OpId::GitReposGet, json!({"repo": repo}), Ok),
        (
            OpId::GitBranchesList,
            json!({"repo": repo, "per_page": 50}),
            Ok,
        ),
        // The documented entry's `type` is the placeholder `string`: not a file. (Only
        // top-level paths: the description's `{filepath}` is one segment, while Gitea's router
        // takes the rest of the path.)
        (
            OpId::GitFilesGet,
            json!({"repo": repo, "path": "README.md", "ref": "main"}),
            Error("invalid_input", "not a file"),
        ),
        (
            OpId::GitFilesGet,
            json!({"repo": repo, "path": "README.md"}),
            Error("invalid_input", "not a file"),
        ),
        (
            OpId::GitCommitsList,
            json!({"repo": repo, "ref": "main", "per_page": 20}),
            Ok,
        ),
        (
            OpId::GitCommitsList,
            json!({"repo": repo, "ref": "main", "path": "src", "per_page": 5, "cursor": "2:5"}),
            Ok,
        ),
        // The documented issue carries `pull_request`, so the list leaves it out.
        (
            OpId::GitIssuesList,
            json!({"repo": repo, "state": "all", "labels": [label]}),
            Ok,
        ),
        // The documented issue carries `pull_request`: it is a pull request's.
        (
            OpId::GitIssuesGet,
            json!({"repo": repo, "number": 12}),
            Error("not_found", "pull request"),
        ),
        (
            OpId::GitIssuesCreate,
            json!({"repo": repo, "title": "Found a bug", "body": "It breaks.", "labels": [label], "assignees": ["lunny"]}),
            WRITTEN_NUMBER,
        ),
        (
            OpId::GitIssuesUpdate,
            json!({"repo": repo, "number": 12, "title": "Renamed", "body": "", "state": "closed", "labels": [label], "assignees": []}),
            WRITTEN_NUMBER,
        ),
        (
            OpId::GitIssuesUpdate,
            json!({"repo": repo, "number": 12, "state": "open"}),
            WRITTEN_NUMBER,
        ),
        (
            OpId::GitIssuesComment,
            json!({"repo": repo, "number": 12, "body": "Me too"}),
            Ok,
        ),
        (
            OpId::GitPullsList,
            json!({"repo": repo, "state": "merged", "per_page": 10}),
            NUMBER,
        ),
        (
            OpId::GitPullsGet,
            json!({"repo": repo, "number": 12}),
            NUMBER,
        ),
        (
            OpId::GitPullsCreate,
            json!({"repo": repo, "title": "Amazing new feature", "source_branch": "feature", "target_branch": "main", "body": "Please pull", "draft": true}),
            WRITTEN_NUMBER,
        ),
        // The merge's empty answer, then the documented pull request, which is merged.
        (
            OpId::GitPullsMerge,
            json!({"repo": repo, "number": 12, "method": "squash", "commit_message": "Squashed\n\nAll of it."}),
            Ok,
        ),
        (
            OpId::GitPullsMerge,
            json!({"repo": repo, "number": 12, "method": "rebase"}),
            Ok,
        ),
        (
            OpId::GitPullsComment,
            json!({"repo": repo, "number": 12, "body": "Looks good"}),
            Ok,
        ),
    ];
    assert_covers_every_git_operation(&calls);
    let failures = drive(provider.as_ref(), &calls).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(provider.health().await, Health::Healthy);
}
