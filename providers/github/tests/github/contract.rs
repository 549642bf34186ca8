//! Every operation of the `github` adapter against GitHub's own API description
//! (`specs/github/prism.json`) served by Prism: every request must pass the description's
//! validation, and every documented answer must read into the unified model — the first
//! documented answer of each operation, then, picked with Prism's `Prefer` header, the other
//! documented contents answers and the documented error statuses.

use mosaic_core::{Health, OpId, Provider};
use mosaic_github::mapping::GhBlob;
use mosaic_github::{API_VERSION, DEFAULT_BASE_URL, GitHubPlugin, connect};
use mosaic_provider_kit::http::{ApiClient, Auth, ClientSettings};
use mosaic_provider_kit::token_settings::validate_token_settings;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::contract::Expect::{Error, Ok};
use mosaic_testkit::adapter::contract::{assert_covers_every_git_operation, drive};
use mosaic_testkit::adapter::instance;
use serde_json::json;
use std::sync::Arc;

const REPO: &str = "octocat/Hello-World";

/// An instance against `prism` asking for the documented answer `prefer` picks.
fn preferring(prism: &PrismMock, prefer: &str) -> Arc<dyn Provider> {
    let settings = json!({"base_url": prism.base_url(), "token": "ghp_contract"});
    let connection = validate_token_settings("github", &settings, Some(DEFAULT_BASE_URL))
        .expect("valid settings");
    connect(
        &mosaic_plugin::BuildContext::new("contract"),
        connection,
        vec![("prefer", prefer.to_owned())],
    )
    .expect("builds")
}

#[tokio::test]
async fn every_request_is_valid_and_every_documented_answer_parses() {
    let Some(prism) = PrismMock::shared("github") else {
        return;
    };
    let provider = instance(&GitHubPlugin::default(), &prism.base_url(), "ghp_contract").await;
    let repo = REPO;
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

#[tokio::test]
async fn the_other_documented_contents_answers_are_read_or_refused_by_name() {
    let Some(prism) = PrismMock::shared("github") else {
        return;
    };
    let file = json!({"repo": REPO, "path": "README.md", "ref": "master"});
    for (example, expect) in [
        // The documented file's base64 carries literal `\n` escapes: a malformed answer is
        // reported as the provider's, naming the file, never decoded into garbage.
        (
            "response-if-content-is-a-file",
            Error("bad_upstream_answer", "README.md"),
        ),
        (
            "response-if-content-is-a-symlink",
            Error("invalid_input", "symlink"),
        ),
        (
            "response-if-content-is-a-submodule",
            Error("invalid_input", "submodule"),
        ),
    ] {
        let provider = preferring(prism, &format!("example={example}"));
        let failures = drive(
            provider.as_ref(),
            &[(OpId::GitFilesGet, file.clone(), expect)],
        )
        .await;
        assert!(failures.is_empty(), "{example}: {}", failures.join("\n"));
    }
}

#[tokio::test]
async fn the_blob_request_for_large_files_is_valid_and_its_answer_reads() {
    // Prism documents no file without content, so `git.files.get` never reaches the blob API
    // here; its request is sent as the adapter sends it.
    let Some(prism) = PrismMock::shared("github") else {
        return;
    };
    let api = ApiClient::new(
        &mosaic_plugin::BuildContext::new("contract"),
        ClientSettings {
            base_url: prism.base_url().parse().unwrap(),
            auth: Auth::Authorization("Bearer ghp_contract".into()),
            // The adapter's own headers (see `github::connect`).
            headers: vec![
                (
                    "accept",
                    "application/vnd.github+json, application/json".into(),
                ),
                ("x-github-api-version", API_VERSION.into()),
            ],
            conditional_requests: false,
            dialect: mosaic_github::dialect::GITHUB,
        },
    )
    .unwrap();
    let path = "/repos/octocat/Hello-World/git/blobs/3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15";
    let blob: GhBlob = api.get(path, &[]).await.unwrap().json().unwrap();
    assert_eq!(blob.encoding, "base64");
    assert!(!blob.content.is_empty());
}

#[tokio::test]
async fn documented_error_statuses_become_typed_errors() {
    let Some(prism) = PrismMock::shared("github") else {
        return;
    };
    let number = json!({"repo": REPO, "number": 1347});
    let cases = [
        (
            "code=404",
            OpId::GitReposGet,
            json!({"repo": REPO}),
            Error("not_found", "octocat/Hello-World"),
        ),
        (
            "code=403",
            OpId::GitReposGet,
            json!({"repo": REPO}),
            Error("forbidden", ""),
        ),
        (
            "code=404",
            OpId::GitIssuesGet,
            number.clone(),
            Error("not_found", "#1347"),
        ),
        (
            "code=404",
            OpId::GitPullsGet,
            number.clone(),
            Error("not_found", "#1347"),
        ),
        (
            "code=404",
            OpId::GitFilesGet,
            json!({"repo": REPO, "path": "README.md", "ref": "main"}),
            Error("not_found", "README.md"),
        ),
        (
            "code=422",
            OpId::GitIssuesCreate,
            json!({"repo": REPO, "title": "t"}),
            Error("invalid_input", ""),
        ),
        (
            "code=422",
            OpId::GitPullsCreate,
            json!({"repo": REPO, "title": "t", "source_branch": "a", "target_branch": "b"}),
            Error("invalid_input", ""),
        ),
        (
            "code=410",
            OpId::GitIssuesUpdate,
            json!({"repo": REPO, "number": 1347, "title": "t"}),
            Error("not_found", "#1347"),
        ),
        (
            "code=405",
            OpId::GitPullsMerge,
            number.clone(),
            Error("conflict", "not mergeable"),
        ),
        (
            "code=409",
            OpId::GitPullsMerge,
            number.clone(),
            Error("conflict", "Head branch"),
        ),
        (
            "code=503",
            OpId::GitIssuesCreate,
            json!({"repo": REPO, "title": "t"}),
            Error("unavailable", ""),
        ),
    ];
    let mut failures = Vec::new();
    for (prefer, op, arguments, expect) in cases {
        let provider = preferring(prism, prefer);
        for failure in drive(provider.as_ref(), &[(op, arguments, expect)]).await {
            failures.push(format!("{prefer}: {failure}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
