//! What only Plane tells a caller of a write it may have applied (the declared cases run in
//! the shared suite, `shared.rs`): what unreadable answers and failed read backs hid was
//! written all the same.

use crate::shared::suite;
use mosaic_core::OpId;
use mosaic_testkit::adapter::tracker::a_labelled_create;
use mosaic_testkit::adapter::write_outcome::{
    a_failure_after_the_write_leaves_it_unconfirmed,
    an_unreadable_answer_leaves_the_write_unconfirmed,
};
use serde_json::json;

#[tokio::test]
async fn creates_answered_unreadably_were_made() {
    let (server, provider) = suite().subject.seeded().await;
    let without_number = r#"{"id": "5f0c2a1e-0000-4000-8000-000000000007", "name": "Orders fail"}"#;
    for (answer, names) in [
        ("<html>oops</html>", None),
        (without_number, Some("5f0c2a1e-0000-4000-8000-000000000007")),
    ] {
        an_unreadable_answer_leaves_the_write_unconfirmed(
            &server,
            provider.as_ref(),
            a_labelled_create(),
            answer,
            names,
        )
        .await;
    }
    let tracker = server.state().data();
    assert!(
        tracker.item("WEB-6").is_some() && tracker.item("WEB-7").is_some(),
        "Plane created both"
    );
}

#[tokio::test]
async fn writes_whose_read_back_fails_were_made() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
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
