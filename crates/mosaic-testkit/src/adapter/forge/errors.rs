//! A forge's error statuses as typed errors: 404, 403, 422 (or what the forge answers a
//! pull request from a branch that does not exist), 405 and 401.

use super::REPO;
use crate::adapter::call;
use crate::adapter::suite::ForgeSuite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use serde_json::json;

/// 404, 403, a refused pull request, a second merge and 401, each as its typed error, with
/// the forge's message or what was not found.
pub async fn error_statuses_become_typed_errors(suite: &ForgeSuite) {
    read_error_statuses_become_typed_errors(suite).await;
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let no_branch = call(
        provider,
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "t", "source_branch": "no-such-branch", "target_branch": "main"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        no_branch.code(),
        suite.particulars.unknown_source_branch,
        "{no_branch:?}"
    );
    assert!(!no_branch.to_string().is_empty());

    let merged_twice = call(
        provider,
        OpId::GitPullsMerge,
        json!({"repo": REPO, "number": 47}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(merged_twice, ProviderError::Conflict(_)),
        "{merged_twice:?}"
    );
}

/// What reads are refused with: 404 naming what was not found, 403 with the forge's message,
/// 401 as the credentials' fault (the part of [`error_statuses_become_typed_errors`] a forge
/// that only reads shows).
pub async fn read_error_statuses_become_typed_errors(suite: &ForgeSuite) {
    let (server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let missing = call(provider, OpId::GitReposGet, json!({"repo": "acme/nothing"}))
        .await
        .unwrap_err();
    assert!(
        matches!(&missing, ProviderError::NotFound(message) if message.contains("`acme/nothing`")),
        "{missing:?}"
    );
    let no_issue = call(
        provider,
        OpId::GitIssuesGet,
        json!({"repo": REPO, "number": 99}),
    )
    .await;
    assert_eq!(
        no_issue.unwrap_err(),
        ProviderError::NotFound("issue acme/internal-api#99".into())
    );

    let denial = "Must have admin rights to Repository.";
    server
        .state()
        .knobs
        .fail_next(Scripted::status(403, denial));
    let forbidden = call(provider, OpId::GitReposGet, json!({"repo": REPO}))
        .await
        .unwrap_err();
    assert_eq!(forbidden, ProviderError::Forbidden(denial.into()));

    let wrong = suite
        .subject
        .with_wrong_credential(&server.base_url())
        .await;
    let refused = call(wrong.as_ref(), OpId::GitReposGet, json!({"repo": REPO}))
        .await
        .unwrap_err();
    assert_eq!(
        refused,
        ProviderError::Unauthenticated("Bad credentials".into())
    );
}
