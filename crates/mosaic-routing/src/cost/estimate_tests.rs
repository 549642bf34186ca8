//! Estimates and their sentences, on hand-made signals.

use super::*;
use crate::cost::model::{CompiledCosts, CostModel, CostSettings, InstanceCost};
use crate::request::{Queue, RouteRequest, RunFacts};
use mosaic_core::OpId;
use std::collections::BTreeMap;

static LABELS: BTreeMap<String, String> = BTreeMap::new();

struct Scripted {
    used: f64,
    queue: Queue,
    predicted: Option<Duration>,
}

impl Signals for Scripted {
    fn circuit_open(&self, _instance: usize) -> bool {
        false
    }
    fn latency(&self, _instance: usize) -> Option<Duration> {
        None
    }
    fn minutes_used(&self, _instance: usize) -> f64 {
        self.used
    }
    fn queue(&self, _instance: usize) -> Queue {
        self.queue
    }
    fn predicted_duration(&self, _repo: &str, _pipeline: &str) -> Option<Duration> {
        self.predicted
    }
}

fn signals(used: f64, predicted_minutes: Option<u64>) -> Scripted {
    Scripted {
        used,
        queue: Queue::default(),
        predicted: predicted_minutes.map(|m| Duration::from_secs(m * 60)),
    }
}

fn hosted() -> CompiledCosts {
    let prices = [("linux-2", 0.006), ("linux-8", 0.022)]
        .into_iter()
        .map(|(class, price)| (class.to_owned(), price))
        .collect();
    compiled(CostModel::PerMinute {
        prices,
        runner: "linux-2".into(),
        free_minutes: 3000,
        free_public: true,
    })
}

fn compiled(model: CostModel) -> CompiledCosts {
    let settings = CostSettings {
        instances: vec![InstanceCost {
            instance: "ci".into(),
            per_call: 0.001,
            model: Some(model),
        }],
        budgets: Vec::new(),
        public: vec!["oss/*".into()],
    };
    match CompiledCosts::compile(settings, |_| Some(0), 1) {
        Ok(costs) => costs,
        Err(errors) => panic!("{errors:?}"),
    }
}

fn trigger<'a>(repo: &'a str, run: RunFacts<'a>) -> RouteRequest<'a> {
    RouteRequest::new(OpId::CiRunsTrigger, repo, "default", &LABELS).with_run(run)
}

fn minutes(m: u64) -> Option<Duration> {
    Some(Duration::from_secs(m * 60))
}

#[test]
fn included_minutes_cover_a_private_run_until_they_run_out() {
    let costs = hosted();
    let run = RunFacts::new("ci", minutes(30));
    let request = trigger("acme/web", run);
    let fresh = estimate(&costs, 0, &request, &signals(0.0, Some(10)));
    assert_eq!(fresh.cost_micros, 0);
    assert_eq!(fresh.basis, CostBasis::IncludedMinutes { left: 3000 });
    // 4 included minutes left of a 10-minute run: 6 billed at 0.006.
    let partly = estimate(&costs, 0, &request, &signals(2996.0, Some(10)));
    assert_eq!(partly.cost_micros, 36_000);
    let spent = estimate(&costs, 0, &request, &signals(3000.0, Some(10)));
    assert_eq!(spent.cost_micros, 60_000);
    assert_eq!(
        spent.to_string(),
        "least cost: 0.0600 expected (billed at 0.006/min); 10.0 min predicted, starts at once, within its 30.0 min deadline"
    );
}

#[test]
fn public_repositories_are_free_on_the_standard_runner_only() {
    let costs = hosted();
    let standard = trigger("oss/sdk", RunFacts::new("ci", None));
    let free = estimate(&costs, 0, &standard, &signals(3000.0, Some(10)));
    assert_eq!((free.cost_micros, free.basis), (0, CostBasis::PublicFree));
    let large = trigger(
        "oss/sdk",
        RunFacts {
            runner: Some("linux-8"),
            ..RunFacts::new("ci", None)
        },
    );
    let billed = estimate(&costs, 0, &large, &signals(0.0, Some(10)));
    assert_eq!(billed.cost_micros, 220_000);
}

#[test]
fn minutes_are_rounded_up_per_run_and_unobserved_pipelines_assumed() {
    let costs = hosted();
    let request = trigger("acme/web", RunFacts::new("ci", None));
    let mut scripted = signals(5000.0, None);
    scripted.predicted = Some(Duration::from_secs(61));
    assert_eq!(estimate(&costs, 0, &request, &scripted).cost_micros, 12_000);
    let assumed = estimate(&costs, 0, &request, &signals(5000.0, None));
    assert!(assumed.assumed);
    assert_eq!(assumed.run_secs, DEFAULT_RUN_MINUTES * 60);
}

#[test]
fn fixed_capacity_costs_nothing_more_and_its_queue_weighs_against_the_deadline() {
    let costs = compiled(CostModel::Capacity {
        monthly: 400.0,
        executors: 2,
    });
    let request = trigger("acme/web", RunFacts::new("ci", minutes(20)));
    let idle = estimate(&costs, 0, &request, &signals(0.0, Some(10)));
    assert_eq!(idle.cost_micros, 0);
    assert!(!idle.misses_deadline);
    let mut busy = signals(0.0, Some(10));
    busy.queue = Queue {
        busy: 3,
        wait: Duration::from_secs(15 * 60),
    };
    let queued = estimate(&costs, 0, &request, &busy);
    assert!(queued.misses_deadline);
    assert_eq!(
        queued.to_string(),
        "least cost: 0.0000 expected (fixed-cost capacity, all 2 executors busy, 3 runs on or waiting for them); 10.0 min predicted, waits ~15.0 min, would miss its 20.0 min deadline"
    );
    // Without a deadline a run should not wait at all.
    let undated = trigger("acme/web", RunFacts::new("ci", None));
    assert!(estimate(&costs, 0, &undated, &busy).misses_deadline);
}

#[test]
fn operations_that_start_no_run_cost_their_call() {
    let costs = hosted();
    let request = RouteRequest::new(OpId::CiRunsGet, "acme/web", "default", &LABELS);
    let call = estimate(&costs, 0, &request, &signals(0.0, None));
    assert_eq!((call.cost_micros, call.basis), (1000, CostBasis::PerCall));
    assert_eq!(
        call.to_string(),
        "least cost: 0.0010 expected (cost per call)"
    );
}

#[test]
fn a_finished_run_is_billed_as_it_was_estimated() {
    let costs = hosted();
    let Some(model) = costs.models[0].as_ref() else {
        panic!("a model");
    };
    let bill = model.bill(601, None, false, 2995.0);
    assert_eq!((bill.included, (bill.cost * 1e6).round()), (5.0, 36_000.0));
    assert_eq!(model.bill(601, None, true, 0.0).cost, 0.0);
    assert!((model.bill(60, Some("linux-8"), true, 0.0).cost - 0.022).abs() < 1e-12);
    let capacity = CostModel::Capacity {
        monthly: 400.0,
        executors: 2,
    };
    assert_eq!(capacity.bill(6000, None, false, 0.0).cost, 0.0);
}
