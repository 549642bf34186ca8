//! What a caller is told of a write GitLab may have applied: creates, edits and merges answered
//! 2xx with something unreadable, or with an issue the unified model cannot hold, are
//! unconfirmed, naming the `iid` the body gives or the input knew; an assignee refused, or
//! the user lookup failing, before anything is written stays an ordinary error. GitLab answers
//! every write with the written resource, so no write of this adapter reads anything back.

use crate::behaviour::{REPO, setup};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::write_outcome::{
    a_failed_lookup_before_the_write_is_not_unconfirmed, a_refused_write_is_an_ordinary_error,
    an_unreadable_answer_leaves_the_write_unconfirmed,
};
use serde_json::json;

#[tokio::test]
async fn unreadable_creates_name_the_iid_their_body_gives() {
    let (server, provider) = setup().await;
    let provider = provider.as_ref();
    let create = || {
        (
            OpId::GitIssuesCreate,
            json!({"repo": REPO, "title": "Login fails"}),
        )
    };
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        "<html>502</html>",
        None,
    )
    .await;
    // It reads as an issue, but in a state the unified model does not know.
    let locked = r#"{"id": 9001, "iid": 50, "title": "Login fails", "state": "locked"}"#;
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        locked,
        Some("50"),
    )
    .await;
    let created: Vec<u64> = {
        let forge = server.state().forge();
        let repo = forge.repo(REPO).unwrap();
        repo.issues
            .iter()
            .filter(|issue| issue.title == "Login fails")
            .map(|issue| issue.number)
            .collect()
    };
    assert_eq!(created.len(), 2, "GitLab created both: {created:?}");
    let request = (
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Rework", "source_branch": "develop", "target_branch": "main"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        request,
        r#"{"id": 77, "iid": 51}"#,
        Some("51"),
    )
    .await;
}

#[tokio::test]
async fn unreadable_edits_and_merges_name_what_they_wrote() {
    let (server, provider) = setup().await;
    let edit = (
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 2, "state": "closed"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        edit,
        r#"{"iid": "#,
        Some("2"),
    )
    .await;
    let merge = (OpId::GitPullsMerge, json!({"repo": REPO, "number": 46}));
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        merge,
        "",
        Some("46"),
    )
    .await;
}

#[tokio::test]
async fn writes_refused_before_they_are_sent_stay_ordinary_errors() {
    let (server, provider) = setup().await;
    let unknown = (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "assignees": ["nobody"]}),
    );
    let refused =
        a_refused_write_is_an_ordinary_error(&server, provider.as_ref(), unknown.clone()).await;
    assert!(matches!(refused, ProviderError::Invalid(_)), "{refused:?}");
    let failed = a_failed_lookup_before_the_write_is_not_unconfirmed(
        &server,
        provider.as_ref(),
        unknown,
        Scripted::status(503, "users unavailable"),
    )
    .await;
    assert_eq!(
        failed,
        ProviderError::Unavailable("users unavailable".into())
    );
}
