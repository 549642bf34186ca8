//! The provider conformance suite of the core, against the Jira fake, with both search
//! endpoints. The suite transitions the work item it creates (in Backlog) to `in_progress`:
//! the seed's `PLAT` workflow reaches Done only from a started status.

use crate::seeded;
use mosaic_core::OpId;
use mosaic_testkit::{Fixture, check_provider};
use serde_json::json;

fn fixture() -> Fixture {
    Fixture {
        project: Some("PLAT".into()),
        work_item: Some("PLAT-1".into()),
        transition_to: Some("in_progress".into()),
        ..Fixture::default()
    }
}

#[tokio::test]
async fn jira_passes_the_provider_conformance_suite_with_token_pages() {
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
    let searched = server.state().requests();
    assert!(
        searched
            .iter()
            .any(|seen| seen.path == "/rest/api/3/search/jql")
    );
}

#[tokio::test]
async fn jira_passes_the_provider_conformance_suite_with_offset_pages() {
    let (server, provider) = seeded(json!({"search": "legacy"})).await;
    let report = check_provider(provider.as_ref(), &fixture()).await;
    report.assert_ok();
    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .any(|seen| seen.path == "/rest/api/3/search")
    );
    assert!(
        !requests
            .iter()
            .any(|seen| seen.path == "/rest/api/3/search/jql")
    );
    assert!(!provider.supports(OpId::GitReposList).is_supported());
}
