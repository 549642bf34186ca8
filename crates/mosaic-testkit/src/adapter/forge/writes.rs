//! Writes every forge must answer alike, each read back: an issue filed, edited and
//! commented on, a pull request merged.

use super::REPO;
use crate::adapter::call;
use crate::adapter::suite::ForgeSuite;
use mosaic_core::{OpId, ProviderError};
use serde_json::json;

/// The fields of an issue a read back must show as they were written.
const ISSUE_FIELDS: [&str; 8] = [
    "number",
    "title",
    "body",
    "state",
    "labels",
    "assignees",
    "author",
    "web_url",
];

/// A filed issue answers what was written, by the caller, and reads back the same.
pub async fn a_filed_issue_reads_back_as_written(suite: &ForgeSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let created = call(
        provider,
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Login fails", "body": "Steps", "labels": ["bug"], "assignees": ["ben"]}),
    )
    .await
    .unwrap();
    assert_eq!(
        (created["title"].as_str(), created["body"].as_str()),
        (Some("Login fails"), Some("Steps"))
    );
    assert_eq!(created["state"], "open");
    assert_eq!(created["labels"], json!(["bug"]));
    assert_eq!(created["assignees"], json!(["ben"]));
    assert_eq!(created["author"], "ana", "the token's user");
    let read = call(
        provider,
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": created["number"]}),
    )
    .await
    .unwrap();
    for field in ISSUE_FIELDS {
        assert_eq!(read[field], created[field], "{field}");
    }
}

/// An edit changes what it names and keeps the rest, reads back as answered, and an edit
/// of an issue that does not exist is not found.
pub async fn an_edit_changes_only_what_it_names_and_reads_back(suite: &ForgeSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let issue = json!({"repo": REPO, "number": 2});
    let before = call(provider, OpId::GitIssuesGet, issue.clone())
        .await
        .unwrap();
    let closed = call(
        provider,
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2, "state": "closed", "labels": []}),
    )
    .await
    .unwrap();
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["labels"], json!([]), "an empty list clears");
    for kept in ["title", "body", "assignees", "author"] {
        assert_eq!(closed[kept], before[kept], "{kept} is kept");
    }
    let read = call(provider, OpId::GitIssuesGet, issue).await.unwrap();
    for field in ISSUE_FIELDS {
        assert_eq!(read[field], closed[field], "{field}");
    }
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

/// A comment answers what was written, by the caller, and counts on its issue; a pull
/// request takes comments too, and a number that is neither is not found.
pub async fn a_comment_is_counted_on_its_issue(suite: &ForgeSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let issue = json!({"repo": REPO, "number": 1});
    let before = call(provider, OpId::GitIssuesGet, issue.clone())
        .await
        .unwrap();
    let comment = call(
        provider,
        OpId::GitIssuesComment,
        json!({"repo": REPO, "number": 1, "body": "Still happens."}),
    )
    .await
    .unwrap();
    assert_eq!(comment["body"], "Still happens.");
    assert_eq!(comment["author"], "ana");
    let after = call(provider, OpId::GitIssuesGet, issue).await.unwrap();
    let count = |issue: &serde_json::Value| issue["comments"].as_u64().unwrap();
    assert_eq!(count(&after), count(&before) + 1);
    let on_pull = call(
        provider,
        OpId::GitPullsComment,
        json!({"repo": REPO, "number": 46, "body": "Looks good."}),
    )
    .await
    .unwrap();
    assert_eq!(on_pull["body"], "Looks good.");
    let nowhere = call(
        provider,
        OpId::GitIssuesComment,
        json!({"repo": REPO, "number": 999, "body": "?"}),
    )
    .await
    .unwrap_err();
    assert!(matches!(nowhere, ProviderError::NotFound(_)), "{nowhere:?}");
}

/// A merge answers the merge, the pull request then reads as merged, and a second merge is
/// a conflict.
pub async fn a_merged_pull_request_reads_back_as_merged_and_is_not_merged_twice(
    suite: &ForgeSuite,
) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let pull = json!({"repo": REPO, "number": 46});
    let merged = call(provider, OpId::GitPullsMerge, pull.clone())
        .await
        .unwrap();
    assert_eq!(merged["merged"], true);
    assert!(merged["sha"].is_string(), "{merged}");
    let read = call(provider, OpId::GitPullsGet, pull.clone())
        .await
        .unwrap();
    assert_eq!(read["state"], "merged");
    assert!(read["merged_at"].is_string(), "{read}");
    let again = call(provider, OpId::GitPullsMerge, pull).await.unwrap_err();
    assert!(matches!(again, ProviderError::Conflict(_)), "{again:?}");
}
