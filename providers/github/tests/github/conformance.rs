//! The provider conformance suite of the core, against the GitHub fake. Pull requests are
//! opened from `develop`, which has none open (`feature/login` has #46).

use mosaic_fake_kit::forge::Forge;
use mosaic_github::GitHubPlugin;
use mosaic_github_fake as github;
use mosaic_testkit::adapter::instance;
use mosaic_testkit::{Fixture, check_provider};

/// The seeded repository, issue, pull request, file and branches.
pub fn fixture() -> Fixture {
    Fixture {
        repo: Some("acme/internal-api".into()),
        issue: Some(1),
        pull: Some(46),
        file: Some("README.md".into()),
        source_branch: Some("develop".into()),
        target_branch: Some("main".into()),
        ..Fixture::default()
    }
}

#[tokio::test]
async fn github_passes_the_provider_conformance_suite() {
    let server = github::start(Forge::seeded(), "t0ken").await;
    let provider = instance(&GitHubPlugin::default(), &server.base_url(), "t0ken").await;
    let report = check_provider(provider.as_ref(), &fixture()).await;
    report.assert_ok();
    assert_eq!(report.supported.len(), 15, "every git operation: {report}");
    assert!(
        report
            .unsupported
            .iter()
            .all(|op| !op.name().starts_with("git."))
    );
}
