//! What `mosaic_providers_status` and the dashboard show about each provider instance — its
//! plugin and version, live signals, and for a split's canary where it stands — and each
//! federated upstream MCP server.

use crate::canary::{CanaryStatus, Role};
use crate::federated::upstream::Upstream;
use mosaic_core::{Health, Quota, ServiceKind};
use mosaic_federation::{LinkState, UpstreamStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// The live state of one provider instance.
#[derive(Clone, Debug, Serialize)]
pub struct InstanceStatus {
    /// Instance name.
    pub name: String,
    /// `plugin@version`.
    pub plugin: String,
    /// Kinds it serves.
    pub kinds: Vec<ServiceKind>,
    /// Where it runs.
    pub region: Option<String>,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
    /// `closed`, `open` or `half_open`.
    pub circuit: &'static str,
    /// The last health check.
    pub health: Health,
    /// Moving average of observed latency, in milliseconds.
    pub latency_ms: Option<f64>,
    /// Calls made and failed since start.
    pub calls: u64,
    /// Failed calls since start.
    pub failures: u64,
    /// Remaining rate-limit quota, when the provider reports one.
    pub quota: Option<Quota>,
    /// When the instance is a split's canary: where it stands, and its calls and the other
    /// members' over the rollback window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary: Option<CanaryStatus>,
    /// The canaries the instance is compared with, as another member of their splits.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub baseline_of: Vec<String>,
    /// For a federated upstream MCP server (plugin `mcp`): its connection, restarts, tools
    /// and name collisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream: Option<UpstreamStatus>,
}

impl InstanceStatus {
    /// The status of one running instance.
    pub(crate) fn of(instance: &crate::instance::Instance) -> Self {
        let (calls, failures) = instance.signals.counts();
        Self {
            name: instance.name.clone(),
            plugin: instance.plugin.clone(),
            kinds: instance.kinds.clone(),
            region: instance.region.clone(),
            labels: instance.labels.clone(),
            circuit: instance.signals.circuit().as_str(),
            health: instance.signals.health(),
            latency_ms: instance
                .signals
                .latency
                .get()
                .map(|latency| latency.as_secs_f64() * 1000.0),
            calls,
            failures,
            quota: instance.provider.quota(),
            canary: instance
                .canary_feeds
                .iter()
                .find(|feed| feed.role == Role::Canary)
                .map(|feed| feed.watch.status()),
            baseline_of: instance
                .canary_feeds
                .iter()
                .filter(|feed| feed.role == Role::Baseline)
                .map(|feed| feed.watch.canary().to_owned())
                .collect(),
            upstream: None,
        }
    }

    /// The status of a federated upstream: healthy while connected and listed.
    pub(crate) fn of_upstream(upstream: &Upstream, status: UpstreamStatus) -> Self {
        let (calls, failures) = upstream.signals.counts();
        let health = match (status.state, &status.reason) {
            (LinkState::Ready, _) => Health::Healthy,
            (state, reason) => Health::Unhealthy {
                reason: reason.clone().unwrap_or_else(|| state.as_str().to_owned()),
            },
        };
        Self {
            name: upstream.spec.name.clone(),
            plugin: format!("mcp@{}", env!("CARGO_PKG_VERSION")),
            kinds: Vec::new(),
            region: None,
            labels: BTreeMap::new(),
            circuit: upstream.signals.circuit().as_str(),
            health,
            latency_ms: upstream
                .signals
                .latency
                .get()
                .map(|latency| latency.as_secs_f64() * 1000.0),
            calls,
            failures,
            quota: None,
            canary: None,
            baseline_of: Vec::new(),
            upstream: Some(status),
        }
    }
}

/// What `GET /v1/providers` shows about each tier of the answer cache, in lookup order.
#[derive(Clone, Debug, Serialize)]
pub struct CacheTierStatus {
    /// `l1` (in process) or `l2` (Redis, shared by replicas).
    pub tier: String,
    /// The region its storage runs in, when declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Whether it is in use (a shared tier is not while its breaker is open).
    pub available: bool,
    /// Lookups it answered fresh since start.
    pub hits: u64,
    /// Lookups it could not answer since start.
    pub misses: u64,
    /// Answers it kept since start.
    pub fills: u64,
    /// Invalidations applied to it since start.
    pub invalidations: u64,
    /// Requests to it that failed or timed out since start.
    pub errors: u64,
    /// Answers kept out of it since start because its region may not hold their
    /// jurisdiction.
    pub residency_refusals: u64,
    /// Validators of conditional requests it answered since start (the read was then sent
    /// with `If-None-Match`).
    pub validator_hits: u64,
}

impl CacheTierStatus {
    pub(crate) fn of(report: mosaic_cache::TierReport) -> Self {
        Self {
            tier: report.tier.as_str().to_owned(),
            region: report.region,
            available: report.stats.available,
            hits: report.hits,
            misses: report.misses,
            fills: report.fills,
            invalidations: report.invalidations,
            errors: report.stats.errors,
            residency_refusals: report.residency_refusals,
            validator_hits: report.validator_hits,
        }
    }
}
