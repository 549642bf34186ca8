//! The `plane` plugin against a stateful fake of Plane's REST API v1 (behaviour, writes, the
//! provider conformance suite) and against Plane's own API description under Prism
//! (contract).

mod behaviour;
mod conformance;
mod contract;
mod outcomes;
mod writes;

use mosaic_core::Provider;
use mosaic_fake_kit::server::FakeServer;
use mosaic_fake_kit::tracker::Tracker;
use mosaic_plane::PlanePlugin;
use mosaic_plane_fake as plane;
use mosaic_plugin::Plugin;
use serde_json::{Value, json};
use std::sync::Arc;

/// The API key the fakes accept.
pub const API_KEY: &str = "plane_api_t0ken";

/// An instance of the plugin at `base_url` with `settings` (the fake's key and workspace
/// added unless given).
pub async fn instance_with(base_url: &str, mut settings: Value) -> Arc<dyn Provider> {
    settings["base_url"] = json!(base_url);
    if settings.get("api_key").is_none() {
        settings["api_key"] = json!(API_KEY);
    }
    if settings.get("workspace").is_none() {
        settings["workspace"] = json!(plane::WORKSPACE);
    }
    let builder = PlanePlugin::default()
        .validate(&settings)
        .unwrap_or_else(|errors| panic!("settings refused: {errors:?}"));
    builder
        .build(&mosaic_plugin::BuildContext::new("plane-under-test"))
        .await
        .expect("builds")
}

/// A seeded fake and an instance of the plugin on it.
pub async fn seeded(settings: Value) -> (FakeServer<Tracker>, Arc<dyn Provider>) {
    let server = plane::start(Tracker::seeded(), API_KEY).await;
    let provider = instance_with(&server.base_url(), settings).await;
    (server, provider)
}
