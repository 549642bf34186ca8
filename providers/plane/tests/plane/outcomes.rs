//! What a caller is told of a write Plane may have applied: a create answered with something
//! unreadable names the id its body gives; creates, updates and transitions whose read back by
//! key fails name the key; labels refused, or the project lookup failing, before anything is
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
        json!({"project": "WEB", "title": "Orders fail", "labels": ["bug"]}),
    )
}

#[tokio::test]
async fn an_unreadable_create_names_the_id_its_body_gives() {
    let (server, provider) = seeded(json!({})).await;
    let provider = provider.as_ref();
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        "<html>oops</html>",
        None,
    )
    .await;
    let without_number = r#"{"id": "5f0c2a1e-0000-4000-8000-000000000007", "name": "Orders fail"}"#;
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider,
        create(),
        without_number,
        Some("5f0c2a1e-0000-4000-8000-000000000007"),
    )
    .await;
    let tracker = server.state().data();
    assert!(
        tracker.item("WEB-6").is_some() && tracker.item("WEB-7").is_some(),
        "Plane created both"
    );
}

#[tokio::test]
async fn writes_whose_read_back_fails_name_the_key() {
    let (server, provider) = seeded(json!({})).await;
    let provider = provider.as_ref();
    let reason =
        a_failure_after_the_write_leaves_it_unconfirmed(&server, provider, create(), "WEB-6").await;
    assert!(reason.starts_with("reading it back failed"), "{reason}");
    let update = (
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "title": "Renamed"}),
    );
    a_failure_after_the_write_leaves_it_unconfirmed(&server, provider, update, "PLAT-2").await;
    let transition = (
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "done"}),
    );
    a_failure_after_the_write_leaves_it_unconfirmed(&server, provider, transition, "PLAT-1").await;
    let tracker = server.state().data();
    assert_eq!(tracker.item("PLAT-2").unwrap().title, "Renamed");
    let done = tracker.item("PLAT-1").unwrap();
    assert_eq!(tracker.state_of(done).unwrap().name, "Done");
}

#[tokio::test]
async fn unreadable_updates_name_the_item() {
    let (server, provider) = seeded(json!({})).await;
    let update = (
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "priority": "high"}),
    );
    an_unreadable_answer_leaves_the_write_unconfirmed(
        &server,
        provider.as_ref(),
        update,
        "",
        Some("PLAT-2"),
    )
    .await;
}

#[tokio::test]
async fn writes_refused_before_they_are_sent_stay_ordinary_errors() {
    let (server, provider) = seeded(json!({})).await;
    let provider = provider.as_ref();
    let unknown = (
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "labels": ["nope"]}),
    );
    let refused = a_refused_write_is_an_ordinary_error(&server, provider, unknown).await;
    assert!(matches!(refused, ProviderError::Invalid(_)), "{refused:?}");
    let failed = a_failed_lookup_before_the_write_is_not_unconfirmed(
        &server,
        provider,
        create(),
        Scripted::status(503, "projects unavailable"),
    )
    .await;
    assert_eq!(
        failed,
        ProviderError::Unavailable("projects unavailable".into())
    );
}
