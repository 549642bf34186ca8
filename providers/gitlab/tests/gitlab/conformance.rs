//! The provider conformance suite of the core on the seed's nested-group project
//! `client-a/platform/backend`, so that every operation addresses a URL-encoded project id
//! (the shared suite, `shared.rs`, runs it on the top-level `acme/internal-api`). Merge
//! requests are opened from a branch without an open one: `feature/x` has !4 on the nested
//! project, so a `develop` branch is added to it before the fake starts.

use crate::projects::NESTED;
use crate::shared::suite;
use mosaic_fake_kit::forge::{Branch, Forge, sha};
use mosaic_testkit::adapter::forge;
use mosaic_testkit::{Fixture, check_provider};

#[tokio::test]
async fn gitlab_passes_the_provider_conformance_suite_on_a_nested_group_project() {
    let mut seed = Forge::seeded();
    seed.repo_mut(NESTED).unwrap().branches.push(Branch {
        name: "develop".into(),
        sha: sha(NESTED, 700),
        protected: false,
    });
    let (server, provider) = suite().subject.start(seed).await;
    let fixture = Fixture {
        repo: Some(NESTED.into()),
        pull: Some(4),
        ..forge::fixture()
    };
    let report = check_provider(provider.as_ref(), &fixture).await;
    report.assert_ok();
    assert_eq!(report.supported.len(), 15, "every git operation: {report}");
    let requests = server.state().requests();
    assert!(
        requests
            .iter()
            .all(|seen| seen.path.starts_with("/api/v4/")),
        "every request went below the configured prefix"
    );
    let encoded = requests
        .iter()
        .filter(|seen| {
            seen.path
                .starts_with("/api/v4/projects/client-a%2Fplatform%2Fbackend")
        })
        .count();
    assert!(
        encoded > 20,
        "the project was addressed by its encoded path: {requests:?}"
    );
    assert!(
        requests
            .iter()
            .any(|seen| seen.path == "/api/v4/groups/client-a%2Fplatform/projects"),
        "repositories of the nested group were listed"
    );
}
