//! The simulated provider: one plugin that serves all four kinds from a stateful in-memory
//! dataset, with scriptable behaviour. It backs the demo, the tests and the benchmarks.
//!
//! - `config.rs`: the settings block ([`SimSettings`]) and its pure validation.
//! - `instance.rs`: the running instance, an `Instance` of the kind SDKs: which operations
//!   its settings serve, its health and quota, and the one wrapper every operation runs in.
//! - `client.rs`: the behaviour engine (latency, random errors, outages, rate limits) — what
//!   a real adapter's HTTP client would meet on the wire.
//! - `mapping/`: the resource traits, one file per resource: unified operations applied to
//!   the dataset, and the answers built from it.
//! - `dataset.rs` and `seed.rs`: the data, shared by name across instances, and the
//!   deterministic demo data it starts with.
//!
//! ```yaml
//! providers:
//!   - name: github-sim
//!     plugin: sim
//!     settings:
//!       kinds: [git, ci]
//!       dataset: forge            # shared with its read mirror
//!       latency: { distribution: lognormal, mean: 40ms, stddev: 20ms, max: 2s }
//!       error_rate: 0.01
//!       outages: [{ after: 10m, for: 30s }]
//!       rate_limit: { requests: 5000, per: 1h }
//! ```

mod client;
mod clock;
mod config;
mod dataset;
mod encode;
mod instance;
mod mapping;
mod paging;
mod seed;
mod workflow;

pub use config::{Distribution, LatencySettings, OutageSettings, RateLimitSettings, SimSettings};

use config::Validated;
use instance::SimProvider;
use mosaic_core::{BuildError, FieldError, Provider, ServiceKind, Support};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use std::sync::Arc;

/// The `sim` plugin.
pub struct SimPlugin {
    descriptor: PluginDescriptor,
}

impl Default for SimPlugin {
    fn default() -> Self {
        Self {
            descriptor: PluginDescriptor::new(
                "sim",
                "1.0.0",
                "Simulated git forge, CI, knowledge base and tracker in memory, with scriptable latency, errors, outages and rate limits",
                ServiceKind::ALL.to_vec(),
                schemars::schema_for!(SimSettings),
                |_| Support::Supported,
            )
            .with_example(serde_json::json!({"kinds": ["git", "ci", "kb", "pm"]})),
        }
    }
}

/// The plugin, for a plugin set.
pub fn plugin() -> Arc<dyn Plugin> {
    Arc::new(SimPlugin::default())
}

impl Plugin for SimPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let validated = config::validate(settings)?;
        Ok(Box::new(SimBuilder { validated }))
    }
}

/// Validated settings, waiting for the instance name that names the default dataset.
#[derive(Debug)]
struct SimBuilder {
    validated: Validated,
}

#[async_trait::async_trait]
impl InstanceBuilder for SimBuilder {
    /// Attaches the dataset (creating and seeding it on first use) and starts the instance's
    /// clock, from which outages and rate-limit windows count.
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        let settings = &self.validated.settings;
        let name = settings.dataset.as_deref().unwrap_or(context.instance());
        let dataset = dataset::attach(name, settings.seed);
        Ok(mosaic_plugin::serve(SimProvider::new(
            &self.validated,
            dataset,
        )))
    }
}

#[cfg(test)]
mod tests;
