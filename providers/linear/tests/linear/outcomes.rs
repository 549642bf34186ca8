//! What only Linear tells a caller of a mutation it may have applied (the declared cases run
//! in the shared suite, `shared.rs`): what unreadable answers hid was written all the same.

use crate::shared::{create, suite};
use mosaic_core::OpId;
use mosaic_testkit::adapter::write_outcome::an_unreadable_answer_leaves_the_write_unconfirmed;
use serde_json::json;

#[tokio::test]
async fn mutations_answered_unreadably_were_made() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let misshapen = r#"{"data": {"issueCreate": {"success": true, "issue": {"id": "u-7", "identifier": "WEB-7"}}}}"#;
    let without_success = r#"{"data": {"issueCreate": {"success": false, "issue": null}}}"#;
    for (answer, names) in [
        ("<html>502</html>", None),
        (misshapen, Some("WEB-7")),
        (without_success, None),
    ] {
        an_unreadable_answer_leaves_the_write_unconfirmed(
            &server,
            provider,
            create(),
            answer,
            names,
        )
        .await;
    }
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
    let tracker = server.state().data();
    assert!(
        ["WEB-6", "WEB-7", "WEB-8"]
            .iter()
            .all(|key| tracker.item(key).is_some()),
        "Linear created all three"
    );
    assert_eq!(tracker.item("PLAT-6").unwrap().title, "Renamed");
}
