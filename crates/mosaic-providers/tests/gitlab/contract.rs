//! Every operation of the `gitlab` adapter against GitLab's own API description
//! (`specs/gitlab/prism.json`) served by Prism. The description writes `/api/v4` into its
//! paths, so the instance's base URL is Prism's root plus that prefix, as in production.
//!
//! GitLab's description is converted from its Swagger 2.0 file and types some answer fields
//! loosely (`draft` and `labels` as strings, `assignees` as one object): the adapter reads
//! those forms too. Where an example cannot be a GitLab object at all (a list documented as
//! one object, a count given as the text "string", a file without a body), the call is expected
//! to fail as a bad answer naming the field — every request still passed Prism's validation.

use crate::support::contract::Expect::{Error, Ok};
use crate::support::contract::drive;
use crate::support::instance;
use mosaic_core::{Health, OpId};
use mosaic_providers::gitlab::GitLabPlugin;
use mosaic_testkit::PrismMock;
use serde_json::json;

#[tokio::test]
async fn every_request_is_valid_and_every_documented_answer_parses() {
    let Some(prism) = PrismMock::shared("gitlab") else {
        return;
    };
    let base_url = format!("{}/api/v4", prism.base_url());
    let provider = instance(&GitLabPlugin, &base_url, "glpat-contract").await;
    let repo = "diaspora/diaspora-project-site";
    // The comment operations post notes, which GitLab's description does not describe; they
    // are checked against the fake only (tests/gitlab/specific.rs and the conformance suite).
    let calls = [
        (OpId::GitReposList, json!({}), Ok),
        (
            OpId::GitReposList,
            json!({"owner": "diaspora", "per_page": 5, "cursor": "2"}),
            Ok,
        ),
        (OpId::GitReposGet, json!({"repo": repo}), Ok),
        (
            OpId::GitBranchesList,
            json!({"repo": repo, "per_page": 100}),
            Ok,
        ),
        // The description documents no body for a file: nothing to parse.
        (
            OpId::GitFilesGet,
            json!({"repo": repo, "path": "app/models/key.rb", "ref": "main"}),
            Error("bad_upstream_answer", "EOF"),
        ),
        (
            OpId::GitCommitsList,
            json!({"repo": repo, "ref": "main", "path": "README.md"}),
            Ok,
        ),
        // The description documents the issue list as one issue object, not a list.
        (
            OpId::GitIssuesList,
            json!({"repo": repo, "state": "closed", "labels": ["bug", "ui"]}),
            Error("bad_upstream_answer", "expected a sequence"),
        ),
        // The description's issue example carries the placeholder "string" as its comment
        // count; the requests pass validation, the example cannot be an issue.
        (
            OpId::GitIssuesGet,
            json!({"repo": repo, "number": 6}),
            Error("bad_upstream_answer", "user_notes_count"),
        ),
        (
            OpId::GitIssuesCreate,
            json!({"repo": repo, "title": "Found a bug", "body": "It breaks.", "labels": ["bug"], "assignees": ["admin"]}),
            Error("bad_upstream_answer", "user_notes_count"),
        ),
        (
            OpId::GitIssuesUpdate,
            json!({"repo": repo, "number": 6, "title": "Renamed", "state": "closed", "labels": [], "assignees": []}),
            Error("bad_upstream_answer", "user_notes_count"),
        ),
        (
            OpId::GitPullsList,
            json!({"repo": repo, "state": "merged"}),
            Ok,
        ),
        (OpId::GitPullsGet, json!({"repo": repo, "number": 1}), Ok),
        (
            OpId::GitPullsCreate,
            json!({"repo": repo, "title": "Amazing new feature", "source_branch": "feature", "target_branch": "main", "body": "Please merge", "draft": true}),
            Ok,
        ),
        (
            OpId::GitPullsMerge,
            json!({"repo": repo, "number": 1, "method": "squash", "commit_message": "Squashed"}),
            Ok,
        ),
    ];
    let failures = drive(provider.as_ref(), &calls).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(provider.health().await, Health::Healthy);
}
