//! What a caller is told of a write GitHub may have applied: creates, edits, comments and
//! merges answered 2xx with something unreadable are unconfirmed, naming the number from the
//! body or from GitHub's `Location` header; refusals stay ordinary errors. GitHub answers every
//! write with the written resource, so no write of this adapter reads anything back.

use crate::behaviour::{REPO, setup};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::forge::Issue;
use mosaic_fake_kit::server::FakeServer;
use mosaic_testkit::adapter::call;
use mosaic_testkit::adapter::write_outcome::{
    a_refused_write_is_an_ordinary_error, an_unreadable_answer_leaves_the_write_unconfirmed,
};
use serde_json::json;

/// Issue `number` of the fake's repository, as the fake holds it.
fn issue(server: &FakeServer, number: u64) -> Issue {
    let forge = server.state().forge();
    let repo = forge.repo(REPO).unwrap();
    let found = repo.issues.iter().find(|issue| issue.number == number);
    found.unwrap().clone()
}

/// What a proxy in front of GitHub might answer in its place.
const PROXY_PAGE: &str = "<html><body>upstream answer lost</body></html>";

#[tokio::test]
async fn an_unreadable_create_names_the_number_of_its_location() {
    let (server, provider) = setup().await;
    let create = (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "Login fails"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        create,
        PROXY_PAGE,
        Some("49"),
    )
    .await;
    assert_eq!(
        issue(&server, 49).title,
        "Login fails",
        "GitHub did create it"
    );
}

#[tokio::test]
async fn an_answer_the_model_cannot_hold_names_the_number_it_carries() {
    let (server, provider) = setup().await;
    // It reads as an issue, but in a state the unified model does not know.
    let locked = r#"{"id": 1, "number": 49, "title": "t", "state": "locked", "html_url": "https://github.com/acme/internal-api/issues/49"}"#;
    let create = (OpId::GitIssuesCreate, json!({"repo": REPO, "title": "t"}));
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        create,
        locked,
        Some("49"),
    )
    .await;
    let pull = (
        OpId::GitPullsCreate,
        json!({"repo": REPO, "title": "Try", "source_branch": "develop", "target_branch": "main"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        pull,
        r#"{"number": 50}"#,
        Some("50"),
    )
    .await;
}

#[tokio::test]
async fn unreadable_edits_and_merges_name_what_they_wrote() {
    let (server, provider) = setup().await;
    let edit = (
        OpId::GitIssuesUpdate,
        json!({"repo": REPO, "number": 1, "state": "closed"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        edit,
        PROXY_PAGE,
        Some("1"),
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
async fn an_unreadable_comment_names_the_comment_its_location_names() {
    let (server, provider) = setup().await;
    server.state().knobs.garble_next_write(PROXY_PAGE);
    let error = call(
        provider.as_ref(),
        OpId::GitIssuesComment,
        json!({"repo": REPO, "number": 1, "body": "Still happens."}),
    )
    .await
    .unwrap_err();
    let made = issue(&server, 1).comments.pop().unwrap();
    assert_eq!(made.body, "Still happens.");
    assert!(
        matches!(&error, ProviderError::WriteUnconfirmed { id: Some(id), .. } if *id == made.id.to_string()),
        "{error:?}"
    );
}

#[tokio::test]
async fn refused_writes_stay_ordinary_errors() {
    let (server, provider) = setup().await;
    let nested = (
        OpId::GitIssuesCreate,
        json!({"repo": "client-a/platform/backend", "title": "t"}),
    );
    let before_sending =
        a_refused_write_is_an_ordinary_error(&server, provider.as_ref(), nested).await;
    assert!(
        matches!(before_sending, ProviderError::Invalid(_)),
        "{before_sending:?}"
    );
    let unknown = (
        OpId::GitIssuesCreate,
        json!({"repo": REPO, "title": "t", "assignees": ["nobody"]}),
    );
    let by_github = a_refused_write_is_an_ordinary_error(&server, provider.as_ref(), unknown).await;
    assert_eq!(
        by_github,
        ProviderError::Invalid("Validation Failed; assignees: invalid".into())
    );
}
