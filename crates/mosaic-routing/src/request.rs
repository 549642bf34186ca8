//! What the router is asked (one request's routing facts) and the live signals it reads
//! (circuit breakers, latency averages), which the gateway owns and updates.

use mosaic_core::OpId;
use std::collections::BTreeMap;
use std::time::Duration;

/// The routing facts of one request, borrowed from the gateway's request context so that
/// planning allocates nothing for them.
#[derive(Clone, Copy, Debug)]
pub struct RouteRequest<'a> {
    /// The operation.
    pub op: OpId,
    /// The resource it addresses; empty for a listing across resources.
    pub resource: &'a str,
    /// The caller's tenant.
    pub tenant: &'a str,
    /// The caller's region, when known.
    pub region: Option<&'a str>,
    /// The request's labels (`classification: confidential`).
    pub labels: &'a BTreeMap<String, String>,
    /// An instance the caller asked for by name, bypassing the rule's ordering.
    pub pinned: Option<&'a str>,
}

impl<'a> RouteRequest<'a> {
    /// A request without region, labels or pin.
    pub fn new(
        op: OpId,
        resource: &'a str,
        tenant: &'a str,
        labels: &'a BTreeMap<String, String>,
    ) -> Self {
        Self {
            op,
            resource,
            tenant,
            region: None,
            labels,
            pinned: None,
        }
    }

    /// The same request from a caller region.
    pub fn with_region(self, region: &'a str) -> Self {
        Self {
            region: Some(region),
            ..self
        }
    }

    /// The same request pinned to an instance.
    pub fn pinned_to(self, instance: &'a str) -> Self {
        Self {
            pinned: Some(instance),
            ..self
        }
    }

    /// Whether the operation only reads.
    pub fn is_read(&self) -> bool {
        self.op.spec().is_read()
    }
}

/// Live state of the instances, indexed by the instance index the router assigned
/// ([`crate::Router::instance_index`]). The gateway implements it over its circuit breakers
/// and latency averages; reads must be cheap (an atomic load), as `plan` calls them per
/// candidate.
pub trait Signals {
    /// Whether the instance's circuit breaker is open (calls are being refused).
    fn circuit_open(&self, instance: usize) -> bool;

    /// The moving-average latency of the instance, or `None` before its first observed call.
    fn latency(&self, instance: usize) -> Option<Duration>;
}

/// No live state: every circuit closed, nothing measured. For explaining a configuration
/// offline (`mosaic route explain` without a running gateway) and for tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoSignals;

impl Signals for NoSignals {
    fn circuit_open(&self, _instance: usize) -> bool {
        false
    }

    fn latency(&self, _instance: usize) -> Option<Duration> {
        None
    }
}
