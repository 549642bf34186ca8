//! The provider conformance suite on Jira's older, offset-paged search endpoint (the shared
//! suite, `shared.rs`, runs it on `/rest/api/3/search/jql`, which pages by token).

use crate::shared::suite;
use mosaic_core::OpId;
use mosaic_testkit::check_provider;
use serde_json::json;

#[tokio::test]
async fn jira_passes_the_provider_conformance_suite_with_offset_pages() {
    let suite = suite();
    let (server, provider) = suite.subject.seeded_with(json!({"search": "legacy"})).await;
    let report = check_provider(provider.as_ref(), &suite.fixture).await;
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
