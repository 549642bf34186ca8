//! One immutable snapshot of everything a configuration defines: the running instances, the
//! router over them, policies, auth and executor settings, and the cost tracker (shared). A reload builds a new snapshot and
//! swaps it in atomically; calls in flight finish on the snapshot they started with.

use crate::canary::{CanaryWatch, Role};
use crate::costs::CostTracker;
use crate::federated::upstream::Upstream;
use crate::gateway::HttpOptions;
use crate::instance::Instance;
use crate::retry::RetrySettings;
use mosaic_config::{AuthConfig, PolicyConfig};
use mosaic_routing::{CanaryState, Queue, Router, Signals};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// A configuration, running.
pub struct Runtime {
    /// The router; its instance indices index `instances`.
    pub router: Router,
    /// The running instances, in the router's order.
    pub instances: Vec<Instance>,
    /// The federated upstreams, by name.
    pub upstreams: HashMap<String, Upstream>,
    /// Retry tuning.
    pub retry: RetrySettings,
    /// Access policy, in order.
    pub policies: Vec<PolicyConfig>,
    /// Inbound authentication.
    pub auth: AuthConfig,
    /// What the HTTP front ends enforce.
    pub http: HttpOptions,
    /// The region of the HTTP caches in front (`cache.http.region`), which decides whether
    /// an answer with a jurisdiction may be shared with them.
    pub http_cache_region: Option<String>,
    /// The usage ledger, busy executors and predictions (shared by every snapshot).
    pub costs: Arc<CostTracker>,
    /// The watches over the splits' canaries (carried into the next snapshot, see `canary`).
    pub canaries: Vec<Arc<CanaryWatch>>,
    /// The routes whose reads are never refreshed by warming (`routes[].warming: false`).
    pub warming_off: Vec<String>,
}

impl Signals for Runtime {
    fn circuit_open(&self, instance: usize) -> bool {
        self.instances[instance].signals.circuit() == crate::breaker::CircuitState::Open
    }

    fn latency(&self, instance: usize) -> Option<Duration> {
        self.instances[instance].signals.latency.get()
    }

    fn minutes_used(&self, instance: usize) -> f64 {
        self.costs.minutes_used(&self.instances[instance].name)
    }

    fn queue(&self, instance: usize) -> Queue {
        self.costs.queue(&self.instances[instance].name)
    }

    fn predicted_duration(&self, repo: &str, pipeline: &str) -> Option<Duration> {
        self.costs.predict(repo, pipeline)
    }

    fn tenant_spend(&self, tenant: &str) -> f64 {
        self.costs.spend(tenant)
    }

    fn canary(&self, instance: usize) -> CanaryState {
        self.instances[instance]
            .canary_feeds
            .iter()
            .find(|feed| feed.role == Role::Canary)
            .map_or(CanaryState::Active, |feed| feed.watch.state())
    }
}
