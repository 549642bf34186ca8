//! The provider conformance suite of the core, against the GitLab fake: on the seed's
//! nested-group project `client-a/platform/backend`, so that every operation addresses a
//! URL-encoded project id, and on the top-level `acme/internal-api`. Merge requests are opened
//! from a branch without an open one (`feature/x` has !4 on the nested project, so a `develop`
//! branch is added to it before the fake starts; `acme/internal-api`'s `develop` has none).

use mosaic_fake_kit::forge::{Branch, Forge, sha};
use mosaic_gitlab::GitLabPlugin;
use mosaic_gitlab_fake as gitlab;
use mosaic_testkit::adapter::instance;
use mosaic_testkit::{Fixture, check_provider};

const NESTED: &str = "client-a/platform/backend";

fn fixture(repo: &str, issue: u64, pull: u64) -> Fixture {
    Fixture {
        repo: Some(repo.into()),
        issue: Some(issue),
        pull: Some(pull),
        file: Some("README.md".into()),
        source_branch: Some("develop".into()),
        target_branch: Some("main".into()),
        ..Fixture::default()
    }
}

#[tokio::test]
async fn gitlab_passes_the_provider_conformance_suite_on_a_nested_group_project() {
    let mut forge = Forge::seeded();
    forge.repo_mut(NESTED).unwrap().branches.push(Branch {
        name: "develop".into(),
        sha: sha(NESTED, 700),
        protected: false,
    });
    let server = gitlab::start(forge, "t0ken").await;
    let provider = instance(&GitLabPlugin::default(), &server.base_url(), "t0ken").await;
    let report = check_provider(provider.as_ref(), &fixture(NESTED, 1, 4)).await;
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

#[tokio::test]
async fn gitlab_passes_the_provider_conformance_suite_on_a_top_level_project() {
    let server = gitlab::start(Forge::seeded(), "t0ken").await;
    let provider = instance(&GitLabPlugin::default(), &server.base_url(), "t0ken").await;
    let report = check_provider(provider.as_ref(), &fixture("acme/internal-api", 1, 46)).await;
    report.assert_ok();
    assert_eq!(report.supported.len(), 15, "every git operation: {report}");
}
