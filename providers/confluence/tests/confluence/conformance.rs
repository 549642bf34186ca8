//! The provider conformance suite through Atlassian's OAuth gateway: a bearer token, the API
//! below `/ex/confluence/{cloudId}`, and `_links.next` that still name the site's own paths
//! (the shared suite, `shared.rs`, runs it with Basic credentials against the site).

use crate::shared::{CLOUD_ID, fixture, started_through_the_gateway};
use mosaic_core::OpId;
use mosaic_testkit::check_provider;

#[tokio::test]
async fn confluence_passes_the_provider_conformance_suite_through_the_oauth_gateway() {
    let (server, provider) = started_through_the_gateway().await;
    let report = check_provider(provider.as_ref(), &fixture()).await;
    report.assert_ok();
    let requests = server.state().requests();
    let prefix = format!("/ex/confluence/{CLOUD_ID}/wiki/");
    assert!(
        requests.iter().all(|seen| seen.path.starts_with(&prefix)),
        "{requests:?}"
    );
    assert!(!provider.supports(OpId::PmIssuesGet).is_supported());
}
