//! What only GitHub tells a caller of a write it may have applied (the declared cases run in
//! the shared suite, `shared.rs`): an unreadable comment names the comment GitHub's
//! `Location` names, and an unreadable create was made all the same.

use crate::shared::{PROXY_PAGE, suite};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::forge::Issue;
use mosaic_fake_kit::server::FakeServer;
use mosaic_testkit::adapter::write_outcome::an_unreadable_answer_leaves_the_write_unconfirmed;
use mosaic_testkit::adapter::{REPO, call};
use serde_json::json;

/// Issue `number` of the fake's repository, as the fake holds it.
fn issue(server: &FakeServer, number: u64) -> Issue {
    let forge = server.state().forge();
    let repo = forge.repo(REPO).unwrap();
    let found = repo.issues.iter().find(|issue| issue.number == number);
    found.unwrap().clone()
}

#[tokio::test]
async fn an_unreadable_create_names_the_number_of_its_location_and_was_made() {
    let (server, provider) = suite().subject.seeded().await;
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
async fn an_unreadable_comment_names_the_comment_its_location_names() {
    let (server, provider) = suite().subject.seeded().await;
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
