//! The provider conformance suite of the core, against the fake. Pull requests are opened
//! from `develop`, which has none open (`feature/login` has #46).

use crate::support::instance;
use mosaic_fakes::forge::Forge;
use mosaic_fakes::gitlab;
use mosaic_providers::gitlab::GitLabPlugin;
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
async fn gitlab_passes_the_provider_conformance_suite() {
    let server = gitlab::start(Forge::seeded(), "t0ken").await;
    let provider = instance(&GitLabPlugin, &server.base_url(), "t0ken").await;
    check_provider(provider.as_ref(), &fixture())
        .await
        .assert_ok();
}
