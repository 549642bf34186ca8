//! The month's event loop for one policy: builds are triggered in order, each is sent where
//! the policy says (for `least_cost`, where the real router's plan says, from the signals of
//! the simulated fleet), runs on hosted runners start at once, runs on a pool of executors
//! wait for one, and every finished run is billed, learned from by the predictor and
//! counted.

use crate::fleet::{FleetSignals, OnInstance, SimInstance, State, index};
use crate::report::{PolicyReport, Waits};
use crate::workload::{Build, Workload};
use crate::{Policy, SimError};
use mosaic_core::OpId;
use mosaic_routing::cost::CostModel;
use mosaic_routing::{RouteRequest, Router, RunFacts};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::time::Duration;

/// One policy's month.
pub(crate) struct Month<'a> {
    pub(crate) workload: &'a Workload,
    pub(crate) builds: &'a [Build],
    pub(crate) fleet: &'a [SimInstance],
    pub(crate) router: &'a Router,
}

/// The counters of one instance.
#[derive(Default, Clone)]
struct Tally {
    runs: u64,
    minutes: f64,
    cost: f64,
}

impl Month<'_> {
    pub(crate) fn run(&self, policy: Policy) -> Result<PolicyReport, SimError> {
        let fleet_of = index(self.router, self.fleet);
        let mut state = State::new(self.fleet.len());
        let mut tally = vec![Tally::default(); self.fleet.len()];
        // (end, build, instance): the soonest end first, ties by build.
        let mut ends: BinaryHeap<Reverse<(u64, usize, usize)>> = BinaryHeap::new();
        let mut waits = Vec::with_capacity(self.builds.len());
        let mut misses = 0u64;
        let mut refused = 0u64;
        let mut turn = 0usize;
        let labels = BTreeMap::new();
        for (at, build) in self.builds.iter().enumerate() {
            // Runs that end before (or as) this build is triggered free their executors first.
            while let Some(&Reverse((end, done, instance))) = ends.peek() {
                if end > build.at {
                    break;
                }
                ends.pop();
                self.finish(done, instance, end, &mut state, &mut tally, &mut ends);
            }
            let (repo, pipeline) = self.names(build);
            let target = match policy {
                Policy::LeastCost => {
                    let facts = RunFacts {
                        pipeline,
                        deadline: self.deadline(build),
                        runner: self.runner(build),
                    };
                    let request = RouteRequest::new(
                        OpId::CiRunsTrigger,
                        repo,
                        &self.workload.tenant,
                        &labels,
                    )
                    .with_run(facts);
                    let signals = FleetSignals {
                        fleet: self.fleet,
                        fleet_of: &fleet_of,
                        state: &state,
                        now: build.at,
                    };
                    match self.router.plan(&request, &signals, 0) {
                        Ok(plan) => {
                            let chosen = plan.first().unwrap_or(usize::MAX);
                            match fleet_of.get(chosen).copied().flatten() {
                                Some(target) => target,
                                None => {
                                    return Err(SimError::NoCostModel(
                                        self.router
                                            .instances()
                                            .get(chosen)
                                            .map_or_else(String::new, |info| info.name.clone()),
                                    ));
                                }
                            }
                        }
                        Err(_) => {
                            refused += 1;
                            continue;
                        }
                    }
                }
                Policy::AllHosted => {
                    self.first(|model| matches!(model, CostModel::PerMinute { .. }))?
                }
                Policy::AllSelfHosted => {
                    self.first(|model| matches!(model, CostModel::Capacity { .. }))?
                }
                Policy::RoundRobin => {
                    turn += 1;
                    (turn - 1) % self.fleet.len()
                }
            };
            let predicted = state.predict(repo, pipeline);
            match self.fleet[target].executors() {
                Some(executors) if state.running[target].len() >= executors => {
                    state.queued[target].push_back((at, predicted));
                }
                _ => self.start(at, target, build.at, predicted, &mut state, &mut ends),
            }
        }
        while let Some(Reverse((end, done, instance))) = ends.pop() {
            self.finish(done, instance, end, &mut state, &mut tally, &mut ends);
        }
        // Every build now has its start; waits and misses from them.
        for (at, build) in self.builds.iter().enumerate() {
            let Some(started) = state.started.get(&at).copied() else {
                continue;
            };
            let wait = started - build.at;
            waits.push(wait);
            if let Some(deadline) = self.deadline(build)
                && Duration::from_secs(wait + build.secs) > deadline
            {
                misses += 1;
            }
        }
        let fixed: f64 = self
            .fleet
            .iter()
            .zip(&tally)
            .filter(|(_, tally)| tally.runs > 0)
            .map(|(instance, _)| match instance.model {
                CostModel::Capacity { monthly, .. } => monthly,
                CostModel::PerMinute { .. } => 0.0,
            })
            .sum();
        let hosted: f64 = tally.iter().map(|tally| tally.cost).sum();
        Ok(PolicyReport {
            policy: policy.name().to_owned(),
            total_cost: round(hosted + fixed),
            hosted_cost: round(hosted),
            fixed_cost: round(fixed),
            runs: tally.iter().map(|tally| tally.runs).sum(),
            minutes: self
                .fleet
                .iter()
                .zip(&tally)
                .map(|(instance, tally)| (instance.name.clone(), tally.minutes.round()))
                .collect(),
            runs_per_instance: self
                .fleet
                .iter()
                .zip(&tally)
                .map(|(instance, tally)| (instance.name.clone(), tally.runs))
                .collect(),
            waits: Waits::of(&mut waits),
            deadline_misses: misses,
            refused,
        })
    }

    fn names(&self, build: &Build) -> (&str, &str) {
        let repo = &self.workload.repositories[build.repo];
        (&repo.name, &repo.pipelines[build.pipeline].name)
    }

    fn deadline(&self, build: &Build) -> Option<Duration> {
        self.workload.repositories[build.repo].pipelines[build.pipeline]
            .deadline_minutes
            .map(|minutes| Duration::from_secs(u64::from(minutes) * 60))
    }

    fn runner(&self, build: &Build) -> Option<&str> {
        self.workload.repositories[build.repo].pipelines[build.pipeline]
            .runner
            .as_deref()
    }

    fn first(&self, wanted: impl Fn(&CostModel) -> bool) -> Result<usize, SimError> {
        self.fleet
            .iter()
            .position(|instance| wanted(&instance.model))
            .ok_or(SimError::NoStaticTarget)
    }

    fn start(
        &self,
        at: usize,
        instance: usize,
        now: u64,
        predicted: u64,
        state: &mut State,
        ends: &mut BinaryHeap<Reverse<(u64, usize, usize)>>,
    ) {
        state.started.insert(at, now);
        state.running[instance].push(OnInstance {
            build: at,
            started: now,
            predicted,
        });
        ends.push(Reverse((now + self.builds[at].secs, at, instance)));
    }

    /// Bills a finished run as the gateway's ledger would, teaches the predictor, and starts
    /// the next queued run on the executor it frees.
    fn finish(
        &self,
        at: usize,
        instance: usize,
        now: u64,
        state: &mut State,
        tally: &mut [Tally],
        ends: &mut BinaryHeap<Reverse<(u64, usize, usize)>>,
    ) {
        let build = &self.builds[at];
        let (repo, pipeline) = self.names(build);
        if let Some(position) = state.running[instance]
            .iter()
            .position(|run| run.build == at)
        {
            state.running[instance].swap_remove(position);
        }
        state
            .predictor
            .observe(repo, pipeline, Duration::from_secs(build.secs));
        let public = self.workload.repositories[build.repo].public;
        let bill = self.fleet[instance].model.bill(
            build.secs,
            self.runner(build),
            public,
            state.used[instance],
        );
        state.used[instance] += bill.included;
        state.spend += bill.cost;
        let counted = &mut tally[instance];
        counted.runs += 1;
        counted.minutes += build.secs as f64 / 60.0;
        counted.cost += bill.cost;
        if let Some((next, predicted)) = state.queued[instance].pop_front() {
            self.start(next, instance, now, predicted, state, ends);
        }
    }
}

fn round(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}
