//! What Woodpecker shares with every provider, declared once: the provider conformance suite
//! on the CI seed and the plugin's declaration, with an instance on a running fake.

use mosaic_core::{Provider, ServiceKind};
use mosaic_fake_kit::builds::Builds;
use mosaic_fake_kit::server::FakeServer;
use mosaic_testkit::Fixture;
use mosaic_testkit::adapter::{Declaration, ProviderSuite, declared, instance};
use mosaic_woodpecker::WoodpeckerPlugin;
use mosaic_woodpecker_fake as woodpecker;
use serde_json::json;
use std::sync::Arc;

/// The token the fakes accept in these tests.
pub const TOKEN: &str = "t0ken";

/// A fake on the CI seed and an instance on it.
pub async fn seeded() -> (FakeServer<Builds>, Arc<dyn Provider>) {
    started(Builds::seeded()).await
}

/// A fake on `builds` and an instance on it.
pub async fn started(builds: Builds) -> (FakeServer<Builds>, Arc<dyn Provider>) {
    let server = woodpecker::start(builds, TOKEN).await;
    let provider = instance(&WoodpeckerPlugin::default(), &server.base_url(), TOKEN).await;
    (server, provider)
}

/// Woodpecker as the shared provider checks run it, on `server`.
fn suite(server: &FakeServer<Builds>) -> ProviderSuite {
    ProviderSuite {
        plugin: Arc::new(WoodpeckerPlugin::default()),
        settings: json!({"base_url": server.base_url(), "token": TOKEN}),
        declaration: Declaration {
            id: "woodpecker@1.0.0",
            kinds: vec![ServiceKind::Ci],
        },
        fixture: Fixture {
            repo: Some("acme/api".into()),
            pipeline: Some("default".into()),
            // Finished, so that `ci.runs.wait` answers at once.
            run: Some("35".into()),
            git_ref: Some("main".into()),
            ..Fixture::default()
        },
    }
}

#[tokio::test]
async fn passes_the_provider_conformance_suite() {
    let server = woodpecker::start(Builds::seeded(), TOKEN).await;
    declared::passes_the_provider_conformance_suite(&suite(&server)).await;
    let outside: Vec<String> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| !seen.path.starts_with("/api/"))
        .map(|seen| seen.path.clone())
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
}

#[tokio::test]
async fn the_plugin_declaration_holds() {
    let server = woodpecker::start(Builds::seeded(), TOKEN).await;
    declared::the_plugin_declaration_holds(&suite(&server)).await;
}
