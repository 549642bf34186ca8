//! A federated upstream as the gateway holds it: its configuration, the per-attempt timeout,
//! and the live signals every provider instance has (breaker, latency, counters), carried
//! across reloads while the upstream's configuration stays the same.

use crate::breaker::BreakerSettings;
use crate::instance::InstanceSignals;
use mosaic_config::UpstreamSpec;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// One federated upstream of a runtime snapshot.
pub struct Upstream {
    /// Its configuration.
    pub spec: UpstreamSpec,
    /// Its name, shared: what metric labels carry.
    pub shared_name: Arc<str>,
    /// Per-attempt timeout.
    pub timeout: Duration,
    /// Breaker, latency, call counters.
    pub signals: Arc<InstanceSignals>,
    /// Which configuration of it this is: cached results are keyed by it, so that none
    /// fetched under a replaced configuration (another server, other credentials) is served.
    pub generation: u64,
}

/// Numbers configurations of upstreams, process-wide.
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

/// The upstreams of a new runtime: those whose configuration is unchanged keep their signals
/// and generation from `before`; the others start afresh.
pub(crate) fn build(
    specs: &[UpstreamSpec],
    before: &HashMap<String, Upstream>,
    breaker: BreakerSettings,
    default_timeout: Duration,
) -> HashMap<String, Upstream> {
    specs
        .iter()
        .map(|spec| {
            let carried = before.get(&spec.name).filter(|old| old.spec == *spec);
            let upstream = Upstream {
                spec: spec.clone(),
                shared_name: Arc::from(spec.name.as_str()),
                timeout: spec.timeout.unwrap_or(default_timeout),
                signals: carried.map_or_else(
                    || Arc::new(InstanceSignals::new(breaker)),
                    |old| Arc::clone(&old.signals),
                ),
                generation: carried.map_or_else(
                    || GENERATIONS.fetch_add(1, Ordering::Relaxed),
                    |old| old.generation,
                ),
            };
            (spec.name.clone(), upstream)
        })
        .collect()
}
