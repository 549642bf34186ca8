//! What a caller is told of a write Jira may have applied: a create answered with something
//! unreadable, and creates, updates and transitions whose read back fails, are unconfirmed,
//! naming the key; labels or people refused, or the people lookup failing, before anything is
//! written stay ordinary errors.

use crate::seeded;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_testkit::adapter::write_outcome::{
    a_failed_lookup_before_the_write_is_not_unconfirmed,
    a_failure_after_the_write_leaves_it_unconfirmed, a_refused_write_is_an_ordinary_error,
    an_unreadable_answer_leaves_the_write_unconfirmed,
};
use serde_json::json;

fn create() -> (OpId, serde_json::Value) {
    (
        OpId::PmIssuesCreate,
        json!({"project": "WEB", "title": "Orders fail"}),
    )
}

#[tokio::test]
async fn an_unreadable_create_names_the_key_or_id_its_body_gives() {
    let (server, provider) = seeded(json!({})).await;
    let provider = provider.as_ref();
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        r#"{"id": "10"#,
        None,
    )
    .await;
    let without_key =
        r#"{"id": "10050", "self": "https://acme.atlassian.net/rest/api/3/issue/10050"}"#;
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        without_key,
        Some("10050"),
    )
    .await;
    let tracker = server.state().data();
    let titles = ["WEB-6", "WEB-7"].map(|key| tracker.item(key).map(|item| item.title.clone()));
    assert_eq!(
        titles,
        [Some("Orders fail".into()), Some("Orders fail".into())],
        "Jira created both"
    );
}

#[tokio::test]
async fn a_create_whose_read_back_fails_names_its_key() {
    let (server, provider) = seeded(json!({})).await;
    let reason = a_failure_after_the_write_leaves_it_unconfirmed(
        &server,
        provider.as_ref(),
        create(),
        "WEB-6",
    )
    .await;
    assert!(reason.starts_with("reading it back failed"), "{reason}");
    assert!(server.state().data().item("WEB-6").is_some());
}

#[tokio::test]
async fn updates_and_transitions_whose_read_back_fails_name_the_item() {
    let (server, provider) = seeded(json!({})).await;
    let provider = provider.as_ref();
    let update = (
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "title": "Renamed"}),
    );
    a_failure_after_the_write_leaves_it_unconfirmed(&server, provider, update, "PLAT-2").await;
    let transition = (
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-2", "to": "done"}),
    );
    a_failure_after_the_write_leaves_it_unconfirmed(&server, provider, transition, "PLAT-2").await;
    let tracker = server.state().data();
    let item = tracker.item("PLAT-2").unwrap();
    let state = tracker.state_of(item).unwrap();
    assert_eq!(
        (item.title.as_str(), state.name.as_str()),
        ("Renamed", "Done")
    );
}

#[tokio::test]
async fn an_unreadable_comment_names_the_id_its_body_gives() {
    let (server, provider) = seeded(json!({})).await;
    let comment = (
        OpId::PmIssuesComment,
        json!({"key": "PLAT-3", "body": "Seen it."}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        comment,
        r#"{"id": "777", "body": 5}"#,
        Some("777"),
    )
    .await;
}

#[tokio::test]
async fn writes_refused_before_they_are_sent_stay_ordinary_errors() {
    let (server, provider) = seeded(json!({})).await;
    let provider = provider.as_ref();
    let spaced = (
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "labels": ["two words"]}),
    );
    let refused = a_refused_write_is_an_ordinary_error(&server, provider, spaced).await;
    assert!(matches!(refused, ProviderError::Invalid(_)), "{refused:?}");
    let nobody = (
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "assignee": "nobody@example.com"}),
    );
    let refused = a_refused_write_is_an_ordinary_error(&server, provider, nobody.clone()).await;
    assert!(matches!(refused, ProviderError::Invalid(_)), "{refused:?}");
    let failed = a_failed_lookup_before_the_write_is_not_unconfirmed(
        &server,
        provider,
        nobody,
        Scripted::status(503, "people unavailable"),
    )
    .await;
    assert_eq!(
        failed,
        ProviderError::Unavailable("people unavailable".into())
    );
}
