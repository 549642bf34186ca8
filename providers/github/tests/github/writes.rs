//! Writes against the GitHub fake: issues with labels and assignees, edits, comments on issues
//! and pull requests, drafts, and merges with GitHub's refusals.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::forge::PullState;
use mosaic_testkit::adapter::REPO;
use mosaic_testkit::adapter::call;
use serde_json::json;

#[tokio::test]
async fn issues_are_filed_with_labels_by_name_and_edited() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let created = call(
        provider,
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Login fails", "body": "Steps", "labels": ["bug", "triage"], "assignees": ["ben"]}),
    )
    .await
    .unwrap();
    assert_eq!(
        created["number"], 49,
        "issues and pull requests share numbers"
    );
    assert_eq!(created["labels"], json!(["bug", "triage"]));
    assert_eq!(created["assignees"], json!(["ben"]));
    assert_eq!(created["author"], "ana");
    assert_eq!(
        created["web_url"],
        "https://github.com/acme/internal-api/issues/49"
    );
    let request = server.state().requests().pop().unwrap();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/repos/acme/internal-api/issues")
    );
    assert!(
        server
            .state()
            .forge()
            .repo(REPO)
            .unwrap()
            .labels
            .iter()
            .any(|label| label.name == "triage"),
        "GitHub creates a label it does not know"
    );

    let closed = call(
        provider,
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 49, "state": "closed", "labels": [], "assignees": []}),
    )
    .await
    .unwrap();
    assert_eq!(closed["state"], "closed");
    assert_eq!(
        (closed["labels"].clone(), closed["assignees"].clone()),
        (json!([]), json!([]))
    );
    assert_eq!(closed["title"], "Login fails", "what is not named stays");
    let reopened = call(
        provider,
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 49, "state": "open", "title": "Login fails on Safari"}),
    )
    .await
    .unwrap();
    assert_eq!(
        (reopened["state"].as_str(), reopened["title"].as_str()),
        (Some("open"), Some("Login fails on Safari"))
    );

    let unknown = call(
        provider,
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "assignees": ["nobody"]}),
    )
    .await;
    assert_eq!(
        unknown.unwrap_err(),
        ProviderError::Invalid("Validation Failed; assignees: invalid".into())
    );
    let missing = call(
        provider,
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 999, "title": "x"}),
    )
    .await;
    assert_eq!(
        missing.unwrap_err(),
        ProviderError::NotFound("issue acme/internal-api#999".into())
    );
}

#[tokio::test]
async fn comments_on_issues_and_pull_requests_go_through_the_issue() {
    let (server, provider) = suite().subject.seeded().await;
    let on_issue = call(
        provider.as_ref(),
        OpId::GitIssuesComment,
        json!({"repo": REPO, "number": 1, "body": "Still happens."}),
    )
    .await
    .unwrap();
    assert_eq!(on_issue["body"], "Still happens.");
    assert_eq!(on_issue["author"], "ana");
    let on_pull = call(
        provider.as_ref(),
        OpId::GitPullsComment,
        json!({"repo": REPO, "number": 46, "body": "Looks good."}),
    )
    .await
    .unwrap();
    let id = on_pull["id"].as_str().unwrap();
    assert_eq!(
        on_pull["web_url"],
        format!("https://github.com/acme/internal-api/pull/46#issuecomment-{id}")
    );
    let paths: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .map(|seen| seen.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/repos/acme/internal-api/issues/1/comments",
            "/repos/acme/internal-api/issues/46/comments"
        ]
    );
    let issue = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 1}),
    )
    .await
    .unwrap();
    assert_eq!(issue["comments"], 3);
    let nowhere = call(
        provider.as_ref(),
        OpId::GitIssuesComment,
        json!({"repo": REPO, "number": 999, "body": "?"}),
    )
    .await;
    assert_eq!(
        nowhere.unwrap_err(),
        ProviderError::NotFound("issue or pull request acme/internal-api#999".into())
    );
}

#[tokio::test]
async fn an_issue_edit_of_a_pull_requests_number_changes_the_pull_request() {
    let (_server, provider) = suite().subject.seeded().await;
    let edited = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 46, "title": "Login, reworked"}),
    )
    .await
    .unwrap();
    assert_eq!(edited["number"], 46);
    assert_eq!(
        edited["web_url"],
        "https://github.com/acme/internal-api/pull/46"
    );
    let pull = call(
        provider.as_ref(),
        OpId::GitPullsGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await
    .unwrap();
    assert_eq!(pull["title"], "Login, reworked");
}

#[tokio::test]
async fn drafts_are_opened_and_refused_a_merge_until_ready() {
    let (server, provider) = suite().subject.seeded().await;
    let draft = call(
        provider.as_ref(),
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Try", "body": "WIP", "source_branch": "develop", "target_branch": "main", "draft": true}),
    )
    .await
    .unwrap();
    assert_eq!(draft["draft"], true);
    assert_eq!(draft["state"], "open");
    assert_eq!(
        (
            draft["source_branch"].as_str(),
            draft["target_branch"].as_str()
        ),
        (Some("develop"), Some("main"))
    );
    let number = draft["number"].as_u64().unwrap();
    let refused = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": number}),
    )
    .await;
    assert_eq!(
        refused.unwrap_err(),
        ProviderError::Conflict("Pull Request is still a draft".into())
    );
    let twice = call(
        provider.as_ref(),
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Again", "source_branch": "develop", "target_branch": "main"}),
    )
    .await;
    assert_eq!(
        twice.unwrap_err(),
        ProviderError::Invalid(
            "Validation Failed; A pull request already exists for acme:develop.".into()
        )
    );
    server
        .state()
        .forge()
        .repo_mut(REPO)
        .unwrap()
        .pull_mut(number)
        .unwrap()
        .draft = false;
    let merged = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": number, "method": "rebase"}),
    )
    .await
    .unwrap();
    assert_eq!(merged["merged"], true);
}

#[tokio::test]
async fn a_squash_merge_is_read_back_as_merged() {
    let (server, provider) = suite().subject.seeded().await;
    let merged = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 46, "method": "squash", "commit_message": "Login (#46)"}),
    )
    .await
    .unwrap();
    assert_eq!(merged["merged"], true);
    assert_eq!(merged["message"], "Pull Request successfully merged");
    let sha = merged["sha"].as_str().unwrap().to_owned();
    {
        let forge = server.state().forge();
        let repo = forge.repo(REPO).unwrap();
        assert_eq!(
            repo.pulls
                .iter()
                .find(|pull| pull.number == 46)
                .unwrap()
                .state,
            PullState::Merged
        );
        assert_eq!(repo.commits[0].message, "Login (#46)");
        assert_eq!(repo.commits[0].sha, sha);
    }
    let request = server.state().requests().pop().unwrap();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", "/repos/acme/internal-api/pulls/46/merge")
    );
    let pull = call(
        provider.as_ref(),
        OpId::GitPullsGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await
    .unwrap();
    assert_eq!(pull["state"], "merged");
    assert!(pull["merged_at"].is_string());
    let again = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 46}),
    )
    .await;
    assert_eq!(
        again.unwrap_err(),
        ProviderError::Conflict("Pull Request is not mergeable".into())
    );
}
