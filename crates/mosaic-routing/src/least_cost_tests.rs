//! The `least_cost` strategy through `Router::plan`: free minutes left or spent, public
//! repositories, busy executors against the deadline, ties by latency, and budgets.

use crate::cost::{Budget, CostModel, CostSettings, InstanceCost};
use crate::request::{Queue, RouteRequest, RunFacts, Signals};
use crate::rule::{RuleSpec, Strategy};
use crate::test_support::{NO_LABELS, instance, rule, target};
use crate::{NoRoute, Plan, Reason, Router};
use mosaic_core::{OpId, ServiceKind};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

fn mins(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

fn hosted(free_minutes: u32, price: f64) -> CostModel {
    CostModel::PerMinute {
        prices: BTreeMap::from([("linux-2".to_owned(), price)]),
        runner: "linux-2".into(),
        free_minutes,
        free_public: true,
    }
}

fn cost(name: &str, model: CostModel) -> InstanceCost {
    InstanceCost {
        instance: name.into(),
        per_call: 0.0,
        model: Some(model),
    }
}

/// `actions` (3000 free minutes), `cloud` (none, dearer) and `jenkins` (2 executors), in one
/// least_cost rule of interchangeable targets, listed in that order.
fn ci_router(allow_over_budget: bool, budgets: Vec<Budget>) -> Router {
    ci_router_of(allow_over_budget, budgets, true)
}

/// [`ci_router`], its targets `interchangeable` or not.
fn ci_router_of(allow_over_budget: bool, budgets: Vec<Budget>, interchangeable: bool) -> Router {
    let ci = [ServiceKind::Ci];
    let instances = vec![
        instance("actions", &ci),
        instance("cloud", &ci),
        instance("jenkins", &ci),
    ];
    let rule = RuleSpec {
        strategy: Strategy::LeastCost { allow_over_budget },
        interchangeable,
        ..rule(
            "builds",
            vec![target("actions"), target("cloud"), target("jenkins")],
        )
    };
    let settings = CostSettings {
        instances: vec![
            cost("actions", hosted(3000, 0.006)),
            cost("cloud", hosted(0, 0.008)),
            cost(
                "jenkins",
                CostModel::Capacity {
                    monthly: 400.0,
                    executors: 2,
                },
            ),
        ],
        budgets,
        public: vec!["oss/*".into()],
    };
    Router::new(vec![rule], instances)
        .and_then(|router| router.with_costs(settings))
        .unwrap_or_else(|errors| panic!("{errors:?}"))
}

#[derive(Default)]
struct Live {
    used: HashMap<usize, f64>,
    queues: HashMap<usize, Queue>,
    latency: HashMap<usize, Duration>,
    open: Vec<usize>,
    spend: f64,
}

impl Signals for Live {
    fn circuit_open(&self, instance: usize) -> bool {
        self.open.contains(&instance)
    }
    fn latency(&self, instance: usize) -> Option<Duration> {
        self.latency.get(&instance).copied()
    }
    fn minutes_used(&self, instance: usize) -> f64 {
        self.used.get(&instance).copied().unwrap_or(0.0)
    }
    fn queue(&self, instance: usize) -> Queue {
        self.queues.get(&instance).copied().unwrap_or_default()
    }
    fn predicted_duration(&self, _repo: &str, _pipeline: &str) -> Option<Duration> {
        Some(mins(10))
    }
    fn tenant_spend(&self, _tenant: &str) -> f64 {
        self.spend
    }
}

const ACTIONS: usize = 0;
const CLOUD: usize = 1;
const JENKINS: usize = 2;

fn trigger(repo: &str, deadline: Option<Duration>) -> RouteRequest<'_> {
    RouteRequest::new(OpId::CiRunsTrigger, repo, "team-a", &NO_LABELS)
        .with_run(RunFacts::new("ci", deadline))
}

fn plan(router: &Router, request: &RouteRequest<'_>, live: &Live) -> Plan {
    router
        .plan(request, live, 0)
        .unwrap_or_else(|error| panic!("{error}"))
}

fn chosen(router: &Router, plan: &Plan) -> String {
    let first = plan.first().unwrap_or_else(|| panic!("no candidate"));
    router.instances()[first].name.clone()
}

/// Every executor of jenkins taken, the next free in `wait` minutes.
fn jenkins_busy(live: &mut Live, wait: u64) {
    live.queues.insert(
        JENKINS,
        Queue {
            busy: 2,
            wait: mins(wait),
        },
    );
}

#[test]
fn a_free_executor_wins_over_included_minutes_by_latency_and_over_paid_minutes_by_cost() {
    let router = ci_router(false, Vec::new());
    let mut live = Live::default();
    // Both free: the tie goes to the faster.
    live.latency.insert(ACTIONS, Duration::from_millis(300));
    live.latency.insert(JENKINS, Duration::from_millis(40));
    let request = trigger("acme/web", Some(mins(30)));
    assert_eq!(chosen(&router, &plan(&router, &request, &live)), "jenkins");
    live.latency.insert(ACTIONS, Duration::from_millis(20));
    assert_eq!(chosen(&router, &plan(&router, &request, &live)), "actions");
    // Included minutes spent: the idle fixed-cost executor is cheaper whatever the latency.
    live.used.insert(ACTIONS, 3000.0);
    assert_eq!(chosen(&router, &plan(&router, &request, &live)), "jenkins");
}

#[test]
fn included_minutes_left_beat_a_queue_that_would_miss_the_deadline() {
    let router = ci_router(false, Vec::new());
    let mut live = Live::default();
    jenkins_busy(&mut live, 25);
    let request = trigger("acme/web", Some(mins(30)));
    let planned = plan(&router, &request, &live);
    assert_eq!(chosen(&router, &planned), "actions");
    // Spent: the cheaper paid runner goes before the queue that misses the deadline.
    live.used.insert(ACTIONS, 3000.0);
    let planned = plan(&router, &request, &live);
    assert_eq!(chosen(&router, &planned), "actions");
    let reasons: Vec<Reason> = planned.candidates().map(|(_, reason)| reason).collect();
    let misses: Vec<bool> = reasons
        .iter()
        .map(|reason| match reason {
            Reason::Cost(estimate) => estimate.misses_deadline,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        misses,
        [false, false, true],
        "actions and cloud meet it, the queue that misses it goes last"
    );
}

#[test]
fn a_queue_within_the_deadline_is_worth_waiting_for() {
    let router = ci_router(false, Vec::new());
    let mut live = Live::default();
    live.used.insert(ACTIONS, 3000.0);
    jenkins_busy(&mut live, 5);
    let relaxed = trigger("acme/web", Some(mins(30)));
    assert_eq!(chosen(&router, &plan(&router, &relaxed, &live)), "jenkins");
    // No deadline: a run should start no later than it would have, so it does not queue.
    let undated = trigger("acme/web", None);
    assert_eq!(chosen(&router, &plan(&router, &undated, &live)), "actions");
}

#[test]
fn public_repositories_run_free_on_hosted_runners() {
    let router = ci_router(false, Vec::new());
    let mut live = Live::default();
    live.used.insert(ACTIONS, 3000.0);
    jenkins_busy(&mut live, 5);
    let request = trigger("oss/sdk", Some(mins(30)));
    let planned = plan(&router, &request, &live);
    assert_eq!(chosen(&router, &planned), "actions");
    let explained = router.explain(&request, &planned);
    assert_eq!(
        explained.candidates[0].reason,
        "least cost: 0.0000 expected (public repository, free on these runners); 10.0 min predicted, starts at once, within its 30.0 min deadline"
    );
    assert_eq!(
        explained.candidates.len(),
        3,
        "the others follow, should it start nothing: {explained}"
    );
}

#[test]
fn an_open_circuit_is_never_the_trigger_target_while_another_can_run_it() {
    let router = ci_router(false, Vec::new());
    let mut live = Live::default();
    live.open.push(JENKINS);
    live.used.insert(ACTIONS, 3000.0);
    let request = trigger("acme/web", Some(mins(30)));
    assert_eq!(chosen(&router, &plan(&router, &request, &live)), "actions");
}

#[test]
fn a_tenant_over_budget_keeps_only_what_costs_nothing_more() {
    let budgets = vec![Budget {
        tenant: "team-*".into(),
        monthly: 100.0,
    }];
    let router = ci_router(false, budgets.clone());
    let mut live = Live {
        spend: 100.0,
        ..Live::default()
    };
    live.used.insert(ACTIONS, 3000.0);
    let request = trigger("acme/web", Some(mins(30)));
    let planned = plan(&router, &request, &live);
    assert_eq!(chosen(&router, &planned), "jenkins");
    let over: Vec<usize> = planned
        .excluded()
        .filter(|(_, reason)| matches!(reason, Reason::OverBudget(_)))
        .map(|(index, _)| index)
        .collect();
    assert_eq!(over, [ACTIONS, CLOUD]);
    // With jenkins down to a queue past the deadline it still costs nothing: it stays.
    jenkins_busy(&mut live, 60);
    assert_eq!(chosen(&router, &plan(&router, &request, &live)), "jenkins");
}

#[test]
fn a_tenant_over_budget_is_refused_when_everything_costs_money() {
    let instances = vec![instance("cloud", &[ServiceKind::Ci])];
    let rule = RuleSpec {
        strategy: Strategy::LeastCost {
            allow_over_budget: false,
        },
        ..rule("builds", vec![target("cloud")])
    };
    let settings = CostSettings {
        instances: vec![cost("cloud", hosted(0, 0.008))],
        budgets: vec![Budget {
            tenant: "team-a".into(),
            monthly: 50.0,
        }],
        public: Vec::new(),
    };
    let router = Router::new(vec![rule], instances)
        .and_then(|router| router.with_costs(settings))
        .unwrap_or_else(|errors| panic!("{errors:?}"));
    let live = Live {
        spend: 61.5,
        ..Live::default()
    };
    let request = trigger("acme/web", None);
    let refused = router.plan(&request, &live, 0);
    let Err(error @ NoRoute::OverBudget { .. }) = refused else {
        panic!("expected a budget refusal, got {refused:?}");
    };
    assert_eq!(error.code(), "over_budget");
    assert_eq!(
        error.to_string(),
        "tenant `team-a` is over its monthly budget (61.50 spent of 50.00); every target of route rule `builds` for ci.runs.trigger on `acme/web` costs money, and the rule does not allow going over the budget"
    );
    // Under budget it plans as ever.
    let under = Live {
        spend: 49.0,
        ..Live::default()
    };
    assert!(router.plan(&request, &under, 0).is_ok());
}

#[test]
fn a_rule_that_allows_overflow_prices_as_if_there_were_no_budget() {
    let budgets = vec![Budget {
        tenant: "*".into(),
        monthly: 10.0,
    }];
    let router = ci_router(true, budgets);
    let mut live = Live {
        spend: 500.0,
        ..Live::default()
    };
    live.used.insert(ACTIONS, 3000.0);
    jenkins_busy(&mut live, 60);
    let request = trigger("acme/web", Some(mins(30)));
    assert_eq!(chosen(&router, &plan(&router, &request, &live)), "actions");
}

#[test]
fn reads_under_least_cost_are_ordered_by_cost_per_call_and_keep_every_candidate() {
    let router = ci_router(false, Vec::new());
    let request = RouteRequest::new(OpId::CiRunsList, "acme/web", "team-a", &NO_LABELS);
    let planned = plan(&router, &request, &Live::default());
    assert_eq!(planned.len(), 3);
}

#[test]
fn cost_settings_naming_unknown_instances_or_unusable_models_are_refused() {
    let router = Router::new(Vec::new(), vec![instance("ci", &[ServiceKind::Ci])])
        .unwrap_or_else(|errors| panic!("{errors:?}"));
    let settings = CostSettings {
        instances: vec![
            cost("nope", hosted(0, 0.1)),
            cost(
                "ci",
                CostModel::Capacity {
                    monthly: 1.0,
                    executors: 0,
                },
            ),
        ],
        budgets: Vec::new(),
        public: Vec::new(),
    };
    let errors = router.with_costs(settings).err().unwrap_or_default();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(
        paths,
        ["costs.instances[0]", "costs.instances[1].executors"]
    );
}

#[test]
fn without_interchangeable_targets_a_trigger_goes_to_its_system_of_record_whatever_it_costs() {
    let router = ci_router_of(false, Vec::new(), false);
    let mut live = Live::default();
    live.used.insert(ACTIONS, 3000.0);
    let planned = plan(&router, &trigger("acme/web", Some(mins(30))), &live);
    assert_eq!(
        chosen(&router, &planned),
        "actions",
        "listed first, though jenkins is free"
    );
    assert_eq!(planned.candidates().len(), 1, "a write has one system");
    assert!(matches!(
        planned.candidates().next(),
        Some((_, Reason::SystemOfRecord { .. }))
    ));
}
