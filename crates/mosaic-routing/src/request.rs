//! What the router is asked (one request's routing facts) and the live signals it reads
//! (circuit breakers, latency averages, and for `least_cost` the month's usage, executor
//! queues and predicted run times), which the gateway owns and updates.

use crate::split::CanaryState;
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
    /// The caller within the tenant: with the tenant, what a split keeps sticky.
    pub principal: &'a str,
    /// The caller's region, when known.
    pub region: Option<&'a str>,
    /// The request's labels (`classification: confidential`).
    pub labels: &'a BTreeMap<String, String>,
    /// An instance the caller asked for by name, bypassing the rule's ordering.
    pub pinned: Option<&'a str>,
    /// For a request that starts a CI run (`ci.runs.trigger`): what `least_cost` prices.
    pub run: Option<RunFacts<'a>>,
}

/// The facts of a CI run about to be started, as `least_cost` weighs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunFacts<'a> {
    /// The pipeline's id (the repository is the request's resource).
    pub pipeline: &'a str,
    /// The run should finish within this long.
    pub deadline: Option<Duration>,
    /// The runner class it needs, when it names one (`linux-8`); else the instance's default.
    pub runner: Option<&'a str>,
}

impl<'a> RunFacts<'a> {
    /// A run of `pipeline` on the default runner, with an optional deadline.
    pub fn new(pipeline: &'a str, deadline: Option<Duration>) -> Self {
        Self {
            pipeline,
            deadline,
            runner: None,
        }
    }

    /// The facts of a `ci.runs.trigger` operation; `None` for any other operation.
    pub fn of(operation: &'a mosaic_core::Operation) -> Option<Self> {
        match operation {
            mosaic_core::Operation::CiRunsTrigger(trigger) => Some(Self::new(
                &trigger.pipeline,
                trigger
                    .deadline_minutes
                    .map(|minutes| Duration::from_secs(u64::from(minutes) * 60)),
            )),
            _ => None,
        }
    }
}

/// An instance's executors as the signals see them now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Queue {
    /// Runs on it or waiting for it.
    pub busy: u32,
    /// How long a new run would wait for an executor (zero when one is free).
    pub wait: Duration,
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
            principal: "",
            region: None,
            labels,
            pinned: None,
            run: None,
        }
    }

    /// The same request starting a CI run.
    pub fn with_run(self, run: RunFacts<'a>) -> Self {
        Self {
            run: Some(run),
            ..self
        }
    }

    /// The same request from `principal` (of the same tenant).
    pub fn with_principal(self, principal: &'a str) -> Self {
        Self { principal, ..self }
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

    /// Minutes of the instance's included allowance used this billing month. By default:
    /// none.
    fn minutes_used(&self, _instance: usize) -> f64 {
        0.0
    }

    /// The instance's executors now. By default: idle.
    fn queue(&self, _instance: usize) -> Queue {
        Queue::default()
    }

    /// The predicted duration of the next run of `pipeline` in `repo`, from the runs seen
    /// finishing. By default: none seen, and [`crate::cost::DEFAULT_RUN_MINUTES`] assumed.
    fn predicted_duration(&self, _repo: &str, _pipeline: &str) -> Option<Duration> {
        None
    }

    /// What `tenant` has spent on runs this month. By default: nothing.
    fn tenant_spend(&self, _tenant: &str) -> f64 {
        0.0
    }

    /// Where the canary `instance` of a split stands. By default: on trial.
    fn canary(&self, _instance: usize) -> CanaryState {
        CanaryState::Active
    }
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
