//! What the provider conformance suite sends Linear (the shared suite, `shared.rs`, checks
//! that it passes): every operation's GraphQL document, all to the one endpoint.

use crate::shared::suite;
use mosaic_linear_fake as linear;
use mosaic_testkit::check_provider;

#[tokio::test]
async fn the_conformance_suite_sends_every_document_to_the_one_endpoint() {
    let suite = suite();
    let (server, provider) = suite.subject.seeded().await;
    let report = check_provider(provider.as_ref(), &suite.fixture).await;
    report.assert_ok();
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
