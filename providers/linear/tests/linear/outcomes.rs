//! What a caller is told of a mutation Linear may have applied: an answer that is not GraphQL,
//! a payload that does not fit its document, or one without success, is unconfirmed, naming
//! the identifier the payload or the input gives; a label refused, or a lookup failing, before
//! any mutation is sent stays an ordinary error. Mutations answer the written work item, so no
//! write of this adapter reads anything back.

use crate::seeded;
use mosaic_core::{OpId, ProviderError};
use mosaic_linear_fake::forbidden;
use mosaic_testkit::adapter::write_outcome::{
    a_failed_lookup_before_the_write_is_not_unconfirmed, a_refused_write_is_an_ordinary_error,
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
async fn unreadable_creates_name_the_identifier_of_their_payload() {
    let (server, provider) = seeded().await;
    let provider = provider.as_ref();
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        "<html>502</html>",
        None,
    )
    .await;
    let misshapen = r#"{"data": {"issueCreate": {"success": true, "issue": {"id": "u-7", "identifier": "WEB-7"}}}}"#;
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        misshapen,
        Some("WEB-7"),
    )
    .await;
    let without_success = r#"{"data": {"issueCreate": {"success": false, "issue": null}}}"#;
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        without_success,
        None,
    )
    .await;
    let tracker = server.state().data();
    assert!(
        ["WEB-6", "WEB-7", "WEB-8"]
            .iter()
            .all(|key| tracker.item(key).is_some()),
        "Linear created all three"
    );
}

#[tokio::test]
async fn unreadable_updates_transitions_and_comments_name_what_they_wrote() {
    let (server, provider) = seeded().await;
    let provider = provider.as_ref();
    let update = (
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-6", "title": "Renamed"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        update,
        "",
        Some("PLAT-6"),
    )
    .await;
    let transition = (
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "done"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        transition,
        r#"{"data": nul"#,
        Some("PLAT-1"),
    )
    .await;
    let comment = (
        OpId::PmIssuesComment,
        json!({"key": "PLAT-3", "body": "Seen it."}),
    );
    let misshapen = r#"{"data": {"commentCreate": {"success": true, "comment": {"id": "c-9"}}}}"#;
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        comment,
        misshapen,
        Some("c-9"),
    )
    .await;
    assert_eq!(
        server.state().data().item("PLAT-6").unwrap().title,
        "Renamed"
    );
}

#[tokio::test]
async fn mutations_refused_before_they_are_sent_stay_ordinary_errors() {
    let (server, provider) = seeded().await;
    let provider = provider.as_ref();
    let unknown = (
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "labels": ["urgent-ish"]}),
    );
    let refused = a_refused_write_is_an_ordinary_error(&server, provider, unknown).await;
    assert!(matches!(refused, ProviderError::Invalid(_)), "{refused:?}");
    let failed = a_failed_lookup_before_the_write_is_not_unconfirmed(
        &server,
        provider,
        create(),
        forbidden("the key may not read teams"),
    )
    .await;
    assert!(matches!(failed, ProviderError::Forbidden(_)), "{failed:?}");
}
