//! Writes against the Gitea fake: labels by id, edits, comments, drafts by title prefix, and
//! merges with every refusal explained.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::forge::PullState;
use mosaic_testkit::adapter::call;
use serde_json::json;

const REPO: &str = "acme/internal-api";

#[tokio::test]
async fn labels_are_written_by_id_and_unknown_names_refused_before_any_write() {
    let (server, provider) = suite().subject.seeded().await;
    let created = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Labelled", "body": "Body", "labels": ["docs", "bug"], "assignees": ["ben"]}),
    )
    .await
    .unwrap();
    assert_eq!(created["labels"], json!(["bug", "docs"]));
    assert_eq!(created["assignees"], json!(["ben"]));
    assert_eq!(created["author"], "ana");
    let number = created["number"].as_u64().unwrap();
    assert_eq!(number, 49, "issues and pull requests share numbers");
    let stored = server
        .state()
        .forge()
        .repo(REPO)
        .unwrap()
        .issues
        .last()
        .unwrap()
        .clone();
    assert_eq!(stored.labels, ["bug", "docs"]);

    let before = server.state().requests().len();
    let unknown = call(
        provider.as_ref(),
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Labelled", "labels": ["bug", "nope", "neither"]}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        unknown,
        ProviderError::Invalid(
            "labels `nope`, `neither` do not exist in `acme/internal-api` or its organization"
                .into()
        )
    );
    let after = &server.state().requests()[before..];
    assert!(after.iter().all(|seen| seen.method == "GET"), "{after:?}");
    assert!(
        after
            .iter()
            .any(|seen| seen.path == "/api/v1/orgs/acme/labels"),
        "the organization's labels were looked at too"
    );
}

#[tokio::test]
async fn an_update_edits_fields_then_replaces_labels() {
    let (server, provider) = suite().subject.seeded().await;
    let updated = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2, "title": "Renamed", "state": "closed", "labels": ["feature"], "assignees": []}),
    )
    .await
    .unwrap();
    assert_eq!(updated["title"], "Renamed");
    assert_eq!(updated["state"], "closed");
    assert_eq!(updated["labels"], json!(["feature"]));
    assert_eq!(updated["assignees"], json!([]));
    let writes: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method != "GET")
        .map(|seen| format!("{} {}", seen.method, seen.path))
        .collect();
    assert_eq!(
        writes,
        [
            "PATCH /api/v1/repos/acme/internal-api/issues/2",
            "PUT /api/v1/repos/acme/internal-api/issues/2/labels"
        ]
    );
    let read = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 2}),
    )
    .await
    .unwrap();
    for field in ["title", "state", "labels", "assignees"] {
        assert_eq!(read[field], updated[field], "{field}");
    }

    let only_labels = call(
        provider.as_ref(),
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 3, "labels": []}),
    )
    .await
    .unwrap();
    assert_eq!(only_labels["labels"], json!([]));
    let missing = call(
        provider.as_ref(),
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
async fn comments_go_to_issues_and_pull_requests_alike() {
    let (_server, provider) = suite().subject.seeded().await;
    let on_issue = call(
        provider.as_ref(),
        OpId::GitIssuesComment,
        json!({"repo": REPO, "number": 1, "body": "Still happening."}),
    )
    .await
    .unwrap();
    assert_eq!(on_issue["author"], "ana");
    assert!(
        on_issue["web_url"]
            .as_str()
            .unwrap()
            .contains("/issues/1#issuecomment-")
    );
    let on_pull = call(
        provider.as_ref(),
        OpId::GitPullsComment,
        json!({"repo": REPO, "number": 46, "body": "Looks good."}),
    )
    .await
    .unwrap();
    assert!(
        on_pull["web_url"]
            .as_str()
            .unwrap()
            .contains("/pulls/46#issuecomment-")
    );
    let issue = call(
        provider.as_ref(),
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 1}),
    )
    .await
    .unwrap();
    assert_eq!(issue["comments"], 3);
}

#[tokio::test]
async fn drafts_are_opened_with_the_work_in_progress_prefix_and_not_merged() {
    let (_server, provider) = suite().subject.seeded().await;
    let draft = call(
        provider.as_ref(),
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Try", "body": "Early.", "source_branch": "develop", "target_branch": "main", "draft": true}),
    )
    .await
    .unwrap();
    assert_eq!(draft["title"], "WIP: Try");
    assert_eq!(draft["draft"], true);
    assert_eq!(draft["state"], "open");
    let refused = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": draft["number"]}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, ProviderError::Conflict(ref m) if m.contains("work in progress")),
        "{refused:?}"
    );
    let twice = call(
        provider.as_ref(),
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Again", "source_branch": "develop", "target_branch": "main"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(twice, ProviderError::Conflict(ref m) if m.contains("already exists")),
        "{twice:?}"
    );
}

#[tokio::test]
async fn a_merge_reads_back_its_commit() {
    let (server, provider) = suite().subject.seeded().await;
    let merged = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 46, "method": "squash", "commit_message": "Add login (#46)\n\nSquashed."}),
    )
    .await
    .unwrap();
    let stored = server.state().forge().repo(REPO).unwrap().pulls[0].clone();
    assert_eq!(stored.state, PullState::Merged);
    assert_eq!(merged["merged"], true);
    assert_eq!(merged["sha"].as_str(), stored.merge_sha.as_deref());
    assert_eq!(merged["message"], "merged with `squash`");
    let commit = server.state().forge().repo(REPO).unwrap().commits[0].clone();
    assert_eq!(commit.message, "Add login (#46)\n\nSquashed.");
    let pull = call(
        provider.as_ref(),
        OpId::GitPullsGet,
        json!({"repo": REPO, "number": 46}),
    )
    .await
    .unwrap();
    assert_eq!(pull["state"], "merged");
}

#[tokio::test]
async fn merge_refusals_say_why() {
    let (server, provider) = suite().subject.seeded().await;
    let merge = |number: u64| {
        let provider = provider.clone();
        async move {
            call(
                provider.as_ref(),
                OpId::GitPullsMerge,
                json!({"repo": REPO, "number": number}),
            )
            .await
            .unwrap_err()
        }
    };
    // Gitea: 405 with an empty message, and 404 for a closed one.
    assert_eq!(
        merge(47).await,
        ProviderError::Conflict("pull request acme/internal-api#47 is already merged".into())
    );
    assert_eq!(
        merge(48).await,
        ProviderError::Conflict("pull request acme/internal-api#48 is closed".into())
    );
    assert_eq!(
        merge(999).await,
        ProviderError::NotFound("pull request acme/internal-api#999".into())
    );
    server
        .state()
        .forge()
        .repo_mut(REPO)
        .unwrap()
        .pull_mut(46)
        .unwrap()
        .mergeable = false;
    assert_eq!(
        merge(46).await,
        ProviderError::Conflict(
            "pull request acme/internal-api#46 cannot be merged: Please try again later".into()
        )
    );

    let before = server.state().requests().len();
    let rebase = call(
        provider.as_ref(),
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 46, "method": "rebase", "commit_message": "Nope"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(rebase, ProviderError::Invalid(ref m) if m.contains("rebase")),
        "{rebase:?}"
    );
    assert_eq!(
        server.state().requests().len(),
        before,
        "refused without a request"
    );
}
