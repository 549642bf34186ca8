//! The simulated CI instances: each configured instance with a run cost model, as the
//! policies see it (hosted runners that start every run at once, or a pool of executors with
//! a first-come-first-served queue), and the signals the real router reads from them.

use mosaic_routing::cost::{CostModel, DEFAULT_RUN_MINUTES, Predictor, queue_wait, time_left};
use mosaic_routing::{Queue, Router, Signals};
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

/// One simulated instance.
#[derive(Clone, Debug)]
pub(crate) struct SimInstance {
    pub(crate) name: String,
    pub(crate) model: CostModel,
}

impl SimInstance {
    pub(crate) fn executors(&self) -> Option<usize> {
        match self.model {
            CostModel::Capacity { executors, .. } => usize::try_from(executors).ok(),
            CostModel::PerMinute { .. } => None,
        }
    }
}

/// A run on an instance: which build, when it started and how long it was predicted to take.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OnInstance {
    pub(crate) build: usize,
    pub(crate) started: u64,
    pub(crate) predicted: u64,
}

/// What changes during a month.
pub(crate) struct State {
    /// Included minutes used, per instance.
    pub(crate) used: Vec<f64>,
    pub(crate) running: Vec<Vec<OnInstance>>,
    /// Runs waiting for an executor: (build, predicted seconds), first come first served.
    pub(crate) queued: Vec<VecDeque<(usize, u64)>>,
    pub(crate) predictor: Predictor,
    /// The tenant's spend so far.
    pub(crate) spend: f64,
    /// When each build started, by build index.
    pub(crate) started: BTreeMap<usize, u64>,
}

impl State {
    pub(crate) fn new(instances: usize) -> Self {
        Self {
            used: vec![0.0; instances],
            running: vec![Vec::new(); instances],
            queued: vec![VecDeque::new(); instances],
            predictor: Predictor::new(),
            spend: 0.0,
            started: BTreeMap::new(),
        }
    }

    /// The predicted duration of a build, in seconds, as the gateway would predict it now.
    pub(crate) fn predict(&self, repo: &str, pipeline: &str) -> u64 {
        self.predictor
            .predict(repo, pipeline)
            .map_or(u64::from(DEFAULT_RUN_MINUTES) * 60, |d| d.as_secs())
    }
}

/// The signals of the fleet at one instant, indexed by the router's instance numbers.
pub(crate) struct FleetSignals<'s> {
    pub(crate) fleet: &'s [SimInstance],
    /// Router instance index to fleet index.
    pub(crate) fleet_of: &'s [Option<usize>],
    pub(crate) state: &'s State,
    pub(crate) now: u64,
}

impl FleetSignals<'_> {
    fn of(&self, instance: usize) -> Option<usize> {
        self.fleet_of.get(instance).copied().flatten()
    }
}

impl Signals for FleetSignals<'_> {
    fn circuit_open(&self, _instance: usize) -> bool {
        false
    }

    fn latency(&self, _instance: usize) -> Option<Duration> {
        None
    }

    fn minutes_used(&self, instance: usize) -> f64 {
        self.of(instance).map_or(0.0, |at| self.state.used[at])
    }

    fn queue(&self, instance: usize) -> Queue {
        let Some(at) = self.of(instance) else {
            return Queue::default();
        };
        let running = &self.state.running[at];
        let queued = &self.state.queued[at];
        let busy = u32::try_from(running.len() + queued.len()).unwrap_or(u32::MAX);
        let Some(executors) = self.fleet[at].executors() else {
            return Queue {
                busy,
                wait: Duration::ZERO,
            };
        };
        let left: Vec<Duration> = running
            .iter()
            .map(|run| {
                time_left(
                    Duration::from_secs(run.predicted),
                    Duration::from_secs(self.now.saturating_sub(run.started)),
                )
            })
            .collect();
        let ahead: Vec<Duration> = queued
            .iter()
            .map(|(_, predicted)| Duration::from_secs(*predicted))
            .collect();
        Queue {
            busy,
            wait: queue_wait(u32::try_from(executors).unwrap_or(u32::MAX), &left, &ahead),
        }
    }

    fn predicted_duration(&self, repo: &str, pipeline: &str) -> Option<Duration> {
        self.state.predictor.predict(repo, pipeline)
    }

    fn tenant_spend(&self, _tenant: &str) -> f64 {
        self.state.spend
    }
}

/// Router instance index to fleet index, for every router instance.
pub(crate) fn index(router: &Router, fleet: &[SimInstance]) -> Vec<Option<usize>> {
    router
        .instances()
        .iter()
        .map(|info| fleet.iter().position(|sim| sim.name == info.name))
        .collect()
}
