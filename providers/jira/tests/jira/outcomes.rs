//! What only Jira tells a caller of a write it may have applied (the declared cases run in
//! the shared suite, `shared.rs`): what unreadable answers and failed read backs hid was
//! written all the same.

use crate::shared::{create, suite};
use mosaic_core::OpId;
use mosaic_testkit::adapter::write_outcome::{
    a_failure_after_the_write_leaves_it_unconfirmed,
    an_unreadable_answer_leaves_the_write_unconfirmed,
};
use serde_json::json;

#[tokio::test]
async fn creates_answered_unreadably_were_made() {
    let (server, provider) = suite().subject.seeded().await;
    let without_key =
        r#"{"id": "10050", "self": "https://acme.atlassian.net/rest/api/3/issue/10050"}"#;
    for (answer, names) in [(r#"{"id": "10"#, None), (without_key, Some("10050"))] {
        an_unreadable_answer_leaves_the_write_unconfirmed(
            &server,
            provider.as_ref(),
            create(),
            answer,
            names,
        )
        .await;
    }
    let tracker = server.state().data();
    let titles = ["WEB-6", "WEB-7"].map(|key| tracker.item(key).map(|item| item.title.clone()));
    assert_eq!(
        titles,
        [Some("Orders fail".into()), Some("Orders fail".into())],
        "Jira created both"
    );
}

#[tokio::test]
async fn writes_whose_read_back_fails_were_made() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    a_failure_after_the_write_leaves_it_unconfirmed(&server, provider, create(), "WEB-6").await;
    assert!(server.state().data().item("WEB-6").is_some());
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
