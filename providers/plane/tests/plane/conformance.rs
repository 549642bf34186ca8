//! The provider conformance suite of the core, against the Plane fake, with both path names of
//! work items. Plane has no workflow rules, so the suite's work item (in Backlog) moves
//! straight to `done`.

use crate::seeded;
use mosaic_core::OpId;
use mosaic_testkit::{Fixture, check_provider};
use serde_json::json;

fn fixture() -> Fixture {
    Fixture {
        project: Some("PLAT".into()),
        work_item: Some("PLAT-1".into()),
        transition_to: Some("done".into()),
        ..Fixture::default()
    }
}

#[tokio::test]
async fn plane_passes_the_provider_conformance_suite_on_work_items_paths() {
    let (server, provider) = seeded(json!({})).await;
    let report = check_provider(provider.as_ref(), &fixture()).await;
    report.assert_ok();
    assert_eq!(report.supported.len(), 7, "every pm operation: {report}");
    assert!(
        report
            .supported
            .iter()
            .all(|op| op.name().starts_with("pm."))
    );
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
    let (server, provider) = seeded(json!({"api": "issues"})).await;
    let report = check_provider(provider.as_ref(), &fixture()).await;
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
