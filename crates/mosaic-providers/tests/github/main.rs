//! The `github` plugin against a stateful fake of GitHub's API (behaviour and the provider
//! conformance suite) and against GitHub's own API description under Prism (contract).

#[path = "../support/mod.rs"]
mod support;

mod conformance;
mod contract;

forge_behaviour_tests!(
    mosaic_providers::github::GitHubPlugin,
    mosaic_fakes::github::start
);

/// GitHub-only: repositories have exactly one owner level.
#[tokio::test]
async fn nested_repository_paths_are_refused_before_any_request() {
    let (server, provider) = support::behaviour::setup(
        &mosaic_providers::github::GitHubPlugin,
        mosaic_fakes::github::start,
    )
    .await;
    let nested = support::call(
        provider.as_ref(),
        mosaic_core::OpId::GitReposGet,
        serde_json::json!({"repo": "client-a/platform/backend"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(nested, mosaic_core::ProviderError::Invalid(_)),
        "{nested:?}"
    );
    assert!(server.state().requests().is_empty());
}
