//! The provider conformance suite of the core, against the Gitea fake. Pull requests are
//! opened from `develop`, which has none open (`feature/login` has #46); the seed carries the
//! `conformance` label the suite files its issue with.

use mosaic_fake_kit::forge::Forge;
use mosaic_gitea::GiteaPlugin;
use mosaic_gitea_fake as gitea;
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
async fn gitea_passes_the_provider_conformance_suite() {
    let server = gitea::start(Forge::seeded(), "t0ken").await;
    let provider = instance(&GiteaPlugin::default(), &server.base_url(), "t0ken").await;
    let report = check_provider(provider.as_ref(), &fixture()).await;
    report.assert_ok();
    assert_eq!(report.supported.len(), 15, "every git operation: {report}");
    assert!(
        server
            .state()
            .requests()
            .iter()
            .all(|seen| seen.path.starts_with("/api/v1/")),
        "every request went below the configured prefix"
    );
}
