//! The provider conformance suite on both path names of work items, and what its writes
//! leave in Plane (the shared suite, `shared.rs`, checks that it passes). Plane has no
//! workflow rules, so the suite's work item (in Backlog) moves straight to `done`.

use crate::shared::suite;
use mosaic_core::OpId;
use mosaic_testkit::check_provider;
use serde_json::json;

#[tokio::test]
async fn the_conformance_suite_writes_on_work_items_paths() {
    let suite = suite();
    let (server, provider) = suite.subject.seeded().await;
    let report = check_provider(provider.as_ref(), &suite.fixture).await;
    report.assert_ok();
    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .any(|seen| seen.path.contains("/work-items/"))
    );
    assert!(!requests.iter().any(|seen| seen.path.contains("/issues/")));
    let tracker = server.state().data();
    let created = tracker
        .item("PLAT-46")
        .expect("the suite created a work item");
    assert_eq!(created.labels, ["conformance"]);
    assert_eq!(
        tracker.state_of(created).map(|s| s.name.as_str()),
        Some("Done")
    );
}

#[tokio::test]
async fn plane_passes_the_provider_conformance_suite_on_issues_paths() {
    let suite = suite();
    let (server, provider) = suite.subject.seeded_with(json!({"api": "issues"})).await;
    let report = check_provider(provider.as_ref(), &suite.fixture).await;
    report.assert_ok();
    let requests = server.state().requests();
    assert!(requests.iter().any(|seen| seen.path.contains("/issues/")));
    assert!(
        !requests
            .iter()
            .any(|seen| seen.path.contains("/work-items/"))
    );
    assert!(!provider.supports(OpId::GitReposList).is_supported());
}
