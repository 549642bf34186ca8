//! The `jira` plugin against a stateful fake of Jira Cloud's REST API v3 (behaviour, writes,
//! the provider conformance suite) and against Jira's own API description under Prism
//! (contract).

mod behaviour;
mod conformance;
mod contract;
mod outcomes;
mod writes;

use mosaic_core::Provider;
use mosaic_fake_kit::server::FakeServer;
use mosaic_fake_kit::tracker::Tracker;
use mosaic_jira::JiraPlugin;
use mosaic_jira_fake as jira;
use mosaic_plugin::Plugin;
use serde_json::{Value, json};
use std::sync::Arc;

/// The token the fakes accept.
pub const TOKEN: &str = "t0ken";

/// An instance of the plugin with `settings` (e-mail and API token of the fake's account
/// added, unless the settings carry credentials).
pub async fn instance_with(base_url: &str, mut settings: Value) -> Arc<dyn Provider> {
    settings["base_url"] = json!(base_url);
    if settings.get("token").is_none() {
        settings["email"] = json!(jira::EMAIL);
        settings["api_token"] = json!(TOKEN);
    }
    let builder = JiraPlugin::default()
        .validate(&settings)
        .unwrap_or_else(|errors| panic!("settings refused: {errors:?}"));
    builder
        .build(&mosaic_plugin::BuildContext::new("jira-under-test"))
        .await
        .expect("builds")
}

/// A seeded fake and an instance of the plugin on it.
pub async fn seeded(settings: Value) -> (FakeServer<Tracker>, Arc<dyn Provider>) {
    let server = jira::start(Tracker::seeded(), TOKEN).await;
    let provider = instance_with(&server.base_url(), settings).await;
    (server, provider)
}
