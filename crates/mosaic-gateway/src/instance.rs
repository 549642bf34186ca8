//! A running provider instance as the gateway holds it: the provider plus the live signals the
//! router and the status page read (circuit breaker, latency average, call counters,
//! estimates for learned routing), its client-side rate limiter and the canary watches its
//! calls count for.

use crate::breaker::{BreakerSettings, CircuitBreaker, CircuitState};
use crate::latency::LatencyAverage;
use crate::observe::Estimates;
use crate::rate_limiter::RateLimiter;
use mosaic_core::{Health, Provider, ServiceKind};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Live signals of one instance. Kept across configuration reloads for an instance whose
/// name and plugin stay the same, so a reload does not forget that a provider is down.
#[derive(Debug)]
pub struct InstanceSignals {
    /// The circuit breaker.
    pub breaker: CircuitBreaker,
    /// Moving average of call latency.
    pub latency: LatencyAverage,
    /// Latency, success and cost per operation class, for learned routing.
    pub estimates: Estimates,
    calls: AtomicU64,
    failures: AtomicU64,
    health: Mutex<Health>,
}

/// The instance label naming the jurisdiction whose data an instance serves, which keeps
/// its answers out of cache tiers outside it.
pub const JURISDICTION_LABEL: &str = "jurisdiction";

impl InstanceSignals {
    /// Fresh signals: closed circuit, no observations.
    pub fn new(breaker: BreakerSettings) -> Self {
        Self {
            breaker: CircuitBreaker::new(breaker),
            latency: LatencyAverage::default(),
            estimates: Estimates::default(),
            calls: AtomicU64::new(0),
            failures: AtomicU64::new(0),
            health: Mutex::new(Health::Healthy),
        }
    }

    /// Counts one call and whether it failed.
    pub fn count(&self, failed: bool) {
        self.calls.fetch_add(1, Ordering::Relaxed);
        if failed {
            self.failures.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Calls and failures so far.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.calls.load(Ordering::Relaxed),
            self.failures.load(Ordering::Relaxed),
        )
    }

    /// Stores the result of the latest health check.
    pub fn set_health(&self, health: Health) {
        *self.health.lock().unwrap_or_else(|p| p.into_inner()) = health;
    }

    /// The latest health check.
    pub fn health(&self) -> Health {
        self.health
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The breaker's state.
    pub fn circuit(&self) -> CircuitState {
        self.breaker.state()
    }
}

/// A configured, running provider instance.
pub struct Instance {
    /// Unique name.
    pub name: String,
    /// The same name, shared: what metric labels and observed events carry, so labelling an
    /// attempt copies no string.
    pub shared_name: Arc<str>,
    /// `plugin@version`.
    pub plugin: String,
    /// The plugin's name and version apart, shared: what metric labels carry, so that every
    /// version's calls are counted apart without copying a string per attempt.
    pub plugin_name: Arc<str>,
    /// The plugin's version (see `plugin_name`).
    pub plugin_version: Arc<str>,
    /// The name and a digest of the plugin and its settings (`github#3f2a…`): what cached
    /// answers are keyed by, so that a reload that changes the settings (a new token, another
    /// base URL) serves none of the answers fetched under the old ones.
    pub cache_scope: String,
    /// The kinds it serves.
    pub kinds: Vec<ServiceKind>,
    /// Where it runs.
    pub region: Option<String>,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
    /// Whether its answers are the same for every caller (`providers[].public`).
    pub public: bool,
    /// Cost of one call, in the operator's unit.
    pub cost_per_call: f64,
    /// Per-attempt timeout.
    pub timeout: Duration,
    /// The provider itself.
    pub provider: Arc<dyn Provider>,
    /// Its client-side rate limit, shared by every call to it; kept across reloads while
    /// the limit stays the same. `None`: unlimited.
    pub rate_limiter: Option<Arc<RateLimiter>>,
    /// Live signals.
    pub signals: Arc<InstanceSignals>,
    /// The canary watches its attempts feed: as a split's canary or as one of the other
    /// members (see `canary`). Empty for an instance in no split with a canary.
    pub canary_feeds: Vec<crate::canary::CanaryFeed>,
}

impl Instance {
    /// The jurisdiction of its data: its `jurisdiction` label.
    pub fn jurisdiction(&self) -> Option<&str> {
        self.labels.get(JURISDICTION_LABEL).map(String::as_str)
    }
}
