//! What the simulator shares with every provider, declared once: the tests of
//! `mosaic_testkit::provider_suite!` — the provider conformance suite on a full instance of
//! its seed, and the plugin's declaration — run on an instance with a dataset of its own.

use mosaic_core::ServiceKind;
use mosaic_sim::SimPlugin;
use mosaic_testkit::Fixture;
use mosaic_testkit::adapter::{Declaration, ProviderSuite};
use serde_json::json;
use std::sync::Arc;

/// The simulator, as the shared provider suite runs it: every kind, seeded.
pub fn suite() -> ProviderSuite {
    ProviderSuite {
        plugin: Arc::new(SimPlugin::default()),
        settings: json!({"dataset": "provider-suite"}),
        declaration: Declaration {
            id: "sim@1.0.0",
            kinds: ServiceKind::ALL.to_vec(),
        },
        fixture: Fixture::sim_seed(),
    }
}

mosaic_testkit::provider_suite!(suite);
