//! The provider conformance suite of the core, against the Linear fake: team `PLAT`, work item
//! `PLAT-1`, moved to `done` (Linear has no workflow rules, so Todo reaches Done directly).

use crate::seeded;
use mosaic_linear_fake as linear;
use mosaic_testkit::{Fixture, check_provider};

#[tokio::test]
async fn linear_passes_the_provider_conformance_suite() {
    let (server, provider) = seeded().await;
    let fixture = Fixture {
        project: Some("PLAT".into()),
        work_item: Some("PLAT-1".into()),
        transition_to: Some("done".into()),
        ..Fixture::default()
    };
    let report = check_provider(provider.as_ref(), &fixture).await;
    report.assert_ok();
    assert_eq!(report.supported.len(), 7, "every pm operation: {report}");
    let operations = linear::operations(server.state());
    for expected in [
        "Teams",
        "IssueSearch",
        "IssueGet",
        "IssueCreate",
        "IssueUpdate",
        "CommentCreate",
    ] {
        assert!(
            operations.iter().any(|name| name == expected),
            "{expected} in {operations:?}"
        );
    }
    assert!(
        server
            .state()
            .requests()
            .iter()
            .all(|seen| seen.method == "POST" && seen.path == "/graphql"),
        "every request went to the one endpoint"
    );
}
