//! The `linear` plugin against a stateful fake of Linear's GraphQL API: behaviour (pages, rate
//! limits, errors, search), writes read back, the provider conformance suite, and the schema
//! check that proves the fake's answers are what Linear's schema says the documents select.

mod behaviour;
mod conformance;
mod outcomes;
mod schema;
mod walk;
mod writes;

use mosaic_core::Provider;
use mosaic_fake_kit::server::FakeServer;
use mosaic_fake_kit::tracker::Tracker;
use mosaic_linear::LinearPlugin;
use mosaic_linear_fake as linear;
use mosaic_plugin::Plugin;
use serde_json::{Value, json};
use std::sync::Arc;

/// The personal API key the fake accepts.
pub const API_KEY: &str = "lin_api_t0ken";

/// An instance of the plugin on `base_url` with `settings` (the fake's API key added unless
/// the settings carry credentials).
pub async fn instance_with(base_url: &str, mut settings: Value) -> Arc<dyn Provider> {
    settings["base_url"] = json!(base_url);
    if settings.get("access_token").is_none() && settings.get("api_key").is_none() {
        settings["api_key"] = json!(API_KEY);
    }
    let builder = LinearPlugin::default()
        .validate(&settings)
        .unwrap_or_else(|errors| panic!("settings refused: {errors:?}"));
    builder
        .build(&mosaic_plugin::BuildContext::new("linear-under-test"))
        .await
        .expect("builds")
}

/// A seeded fake and an instance of the plugin on it.
pub async fn seeded() -> (FakeServer<Tracker>, Arc<dyn Provider>) {
    let server = linear::start(Tracker::seeded(), API_KEY).await;
    let provider = instance_with(&server.base_url(), json!({})).await;
    (server, provider)
}
