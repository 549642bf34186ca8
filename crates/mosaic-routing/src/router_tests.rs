//! Planning: strategies, open circuits, hard constraints, writes and their system of record.

use crate::request::NoSignals;
use crate::rule::{InstanceInfo, RuleSpec, Strategy};
use crate::test_support::*;
use crate::{NoRoute, Plan, Reason, Router};
use mosaic_core::{Fault, OpId, ServiceKind};
use std::time::Duration;

const READ: OpId = OpId::GitIssuesList;
const WRITE: OpId = OpId::GitIssuesCreate;

fn plan(router: &Router, op: OpId, signals: &FakeSignals, random: u64) -> Plan {
    match router.plan(&request(op, "acme/api"), signals, random) {
        Ok(plan) => plan,
        Err(error) => panic!("no plan: {error}"),
    }
}

fn reasons(plan: &Plan) -> Vec<Reason> {
    plan.candidates().map(|(_, reason)| reason).collect()
}

fn excluded(router: &Router, plan: &Plan) -> Vec<(String, Reason)> {
    plan.excluded()
        .map(|(index, reason)| (router.instances()[index].name.clone(), reason))
        .collect()
}

fn three(strategy: Strategy) -> Router {
    router(vec![RuleSpec {
        strategy,
        ..rule(
            "main",
            vec![
                weighted("github", 1),
                weighted("gitea", 3),
                weighted("gitlab", 6),
            ],
        )
    }])
}

#[test]
fn failover_keeps_the_listed_order() {
    let router = three(Strategy::Failover);
    let plan = plan(&router, READ, &FakeSignals::default(), 7);
    assert_eq!(names(&router, &plan), ["github", "gitea", "gitlab"]);
    assert_eq!(
        reasons(&plan),
        [
            Reason::Listed { position: 0 },
            Reason::Listed { position: 1 },
            Reason::Listed { position: 2 }
        ]
    );
    assert_eq!(plan.rule(), Some("main"));
    assert_eq!(plan.len(), 3);
    assert_eq!(plan.first(), Some(0));
    assert_eq!(plan.excluded().len(), 0);
}

#[test]
fn weighted_order_follows_the_weights_over_many_draws() {
    let router = three(Strategy::Weighted);
    let signals = FakeSignals::default();
    let mut first = [0u32; 3];
    let draws = 20_000;
    for random in 0..draws {
        let plan = plan(&router, READ, &signals, random);
        assert_eq!(plan.len(), 3, "without replacement: every target once");
        first[plan.first().unwrap_or(usize::MAX)] += 1;
    }
    // Weights 1 : 3 : 6 of 10.
    let share = |count: u32| f64::from(count) / draws as f64;
    assert!((share(first[0]) - 0.1).abs() < 0.02, "{first:?}");
    assert!((share(first[1]) - 0.3).abs() < 0.02, "{first:?}");
    assert!((share(first[2]) - 0.6).abs() < 0.02, "{first:?}");
}

#[test]
fn weighted_order_is_deterministic_for_a_random_value_and_explains_its_weights() {
    let router = three(Strategy::Weighted);
    let signals = FakeSignals::default();
    let once = plan(&router, READ, &signals, 42);
    assert_eq!(once, plan(&router, READ, &signals, 42));
    for (index, reason) in once.candidates() {
        let weight = [1, 3, 6][index];
        assert_eq!(reason, Reason::Weighted { weight, total: 10 });
    }
    let orders: std::collections::BTreeSet<Vec<String>> = (0..200)
        .map(|random| names(&router, &plan(&router, READ, &signals, random)))
        .collect();
    assert!(
        orders.len() > 3,
        "different random values give different orders"
    );
}

#[test]
fn least_latency_orders_by_average_with_unmeasured_instances_first() {
    let router = three(Strategy::LeastLatency);
    let signals = FakeSignals::default()
        .latency(&router, "github", 80)
        .latency(&router, "gitlab", 20);
    let plan = plan(&router, READ, &signals, 0);
    assert_eq!(names(&router, &plan), ["gitea", "gitlab", "github"]);
    assert_eq!(
        reasons(&plan),
        [
            Reason::Unmeasured,
            Reason::Latency(Duration::from_millis(20)),
            Reason::Latency(Duration::from_millis(80))
        ]
    );
}

#[test]
fn open_circuits_go_to_the_back_in_their_order() {
    let router = three(Strategy::Failover);
    let signals = FakeSignals::default()
        .open(&router, "github")
        .open(&router, "gitea");
    let plan = plan(&router, READ, &signals, 0);
    assert_eq!(names(&router, &plan), ["gitlab", "github", "gitea"]);
    assert_eq!(
        reasons(&plan),
        [
            Reason::Listed { position: 2 },
            Reason::CircuitOpen,
            Reason::CircuitOpen
        ]
    );
}

#[test]
fn open_circuits_ranked_before_the_serving_candidate_were_passed_over() {
    let router = three(Strategy::Failover);
    let signals = FakeSignals::default()
        .open(&router, "github")
        .open(&router, "gitlab");
    let open = plan(&router, READ, &signals, 0);
    assert_eq!(names(&router, &open), ["gitea", "github", "gitlab"]);
    let passed = |name: &str| -> Vec<String> {
        let index = router.instance_index(name).unwrap();
        open.passed_over(index)
            .map(|instance| router.instances()[instance].name.clone())
            .collect()
    };
    // github was listed first, gitlab after gitea: gitea serving passed only github over.
    assert_eq!(passed("gitea"), ["github"]);
    // Serving from the back, every other candidate was tried, none passed over.
    assert!(passed("github").is_empty());
    assert!(passed("gitlab").is_empty());
    let healthy = plan(&router, READ, &FakeSignals::default(), 0);
    let first = healthy.first().unwrap();
    assert_eq!(healthy.passed_over(first).count(), 0);
}

#[test]
fn open_circuits_go_behind_the_fastest_too() {
    let router = three(Strategy::LeastLatency);
    let signals = FakeSignals::default()
        .latency(&router, "github", 5)
        .latency(&router, "gitea", 50)
        .latency(&router, "gitlab", 9)
        .open(&router, "github");
    let plan = plan(&router, READ, &signals, 0);
    assert_eq!(names(&router, &plan), ["gitlab", "gitea", "github"]);
}

fn with_instances(rules: Vec<RuleSpec>, instances: Vec<InstanceInfo>) -> Router {
    match Router::new(rules, instances) {
        Ok(router) => router,
        Err(errors) => panic!("{errors:?}"),
    }
}

#[test]
fn hard_constraints_remove_candidates_with_a_reason() {
    let router = with_instances(
        vec![RuleSpec {
            require: map(&[("jurisdiction", "eu")]),
            ..rule("eu", vec![target("us"), target("eu"), target("bare")])
        }],
        vec![
            labelled("us", &[("jurisdiction", "us")]),
            labelled("eu", &[("jurisdiction", "eu"), ("tier", "gold")]),
            labelled("bare", &[]),
        ],
    );
    let plan = plan(&router, READ, &FakeSignals::default(), 0);
    assert_eq!(names(&router, &plan), ["eu"]);
    assert_eq!(
        excluded(&router, &plan),
        [
            ("us".to_owned(), Reason::Constraint),
            ("bare".to_owned(), Reason::Constraint)
        ]
    );
}

#[test]
fn an_open_circuit_never_lets_a_read_or_write_out_of_its_constraint() {
    let router = with_instances(
        vec![
            RuleSpec {
                require: map(&[("jurisdiction", "eu")]),
                ..rule("eu", vec![target("eu"), target("us")])
            },
            rule("rest", vec![target("us")]),
        ],
        vec![
            labelled("us", &[("jurisdiction", "us")]),
            labelled("eu", &[("jurisdiction", "eu")]),
        ],
    );
    let down = FakeSignals::default().open(&router, "eu");
    for op in [READ, WRITE] {
        let plan = plan(&router, op, &down, 0);
        assert_eq!(names(&router, &plan), ["eu"], "{}", op.name());
        assert_eq!(
            router.constraints(&plan),
            Some(&map(&[("jurisdiction", "eu")]))
        );
    }
    let unconstrained = Router::new(
        vec![rule("rest", vec![target("us")])],
        vec![labelled("us", &[])],
    )
    .unwrap();
    let plan = plan(&unconstrained, READ, &FakeSignals::default(), 0);
    assert_eq!(unconstrained.constraints(&plan), None);
}

#[test]
fn instances_that_do_not_support_the_operation_are_removed() {
    let mut instances = fleet();
    instances[0].supported = !(1u64 << READ as u32);
    let router = with_instances(
        vec![rule("main", vec![target("github"), target("gitea")])],
        instances,
    );
    let plan = plan(&router, READ, &FakeSignals::default(), 0);
    assert_eq!(names(&router, &plan), ["gitea"]);
    assert_eq!(
        excluded(&router, &plan),
        [("github".to_owned(), Reason::Unsupported)]
    );
}

fn primary_and_mirror() -> Router {
    router(vec![rule(
        "main",
        vec![read_only("mirror"), target("github"), target("gitea")],
    )])
}

#[test]
fn reads_may_use_read_only_copies() {
    let router = primary_and_mirror();
    let plan = plan(&router, READ, &FakeSignals::default(), 0);
    assert_eq!(names(&router, &plan), ["mirror", "github", "gitea"]);
}

#[test]
fn writes_get_only_the_system_of_record_and_never_a_read_only_copy() {
    let router = primary_and_mirror();
    let plan = plan(&router, WRITE, &FakeSignals::default(), 0);
    assert_eq!(names(&router, &plan), ["github"]);
    assert_eq!(
        reasons(&plan),
        [Reason::SystemOfRecord {
            circuit_open: false
        }]
    );
    assert_eq!(
        excluded(&router, &plan),
        [
            ("gitea".to_owned(), Reason::NotSystemOfRecord),
            ("mirror".to_owned(), Reason::ReadOnly)
        ]
    );
}

#[test]
fn writes_stay_on_the_system_of_record_when_its_circuit_is_open() {
    let router = primary_and_mirror();
    let signals = FakeSignals::default().open(&router, "github");
    let plan = plan(&router, WRITE, &signals, 0);
    assert_eq!(names(&router, &plan), ["github"]);
    assert_eq!(
        reasons(&plan),
        [Reason::SystemOfRecord { circuit_open: true }]
    );
}

#[test]
fn a_write_with_only_read_only_targets_has_no_candidates() {
    let router = router(vec![rule("mirror", vec![read_only("mirror")])]);
    let error = router
        .plan(&request(WRITE, "acme/api"), &NoSignals, 0)
        .err();
    let Some(error @ NoRoute::NoCandidates { .. }) = error else {
        panic!("expected NoCandidates, got {error:?}");
    };
    assert_eq!(
        error.to_string(),
        "route rule `mirror` leaves no candidate for git.issues.create on `acme/api`: \
         mirror: read-only copy; writes go to the system of record"
    );
    assert_eq!(error.fault(), Fault::Gateway);
    assert_eq!(error.code(), "no_candidates");
}

#[test]
fn an_operation_no_target_supports_is_the_callers_fault() {
    let mut instances = fleet();
    instances[4].supported = 0;
    let pm = RuleSpec {
        kinds: vec![ServiceKind::Pm],
        ..rule("pm", vec![target("jira")])
    };
    let router = with_instances(vec![pm], instances);
    let error = router
        .plan(&request(OpId::PmIssuesGet, "PROJ-1"), &NoSignals, 0)
        .err();
    assert!(
        matches!(&error, Some(NoRoute::NoCandidates { .. })),
        "{error:?}"
    );
    assert_eq!(error.map(|error| error.fault()), Some(Fault::Caller));
}

#[test]
fn a_plan_holds_at_most_the_rules_targets() {
    let router = primary_and_mirror();
    let plan = plan(&router, WRITE, &FakeSignals::default(), 0);
    assert!(plan.entries.capacity() <= 3);
    assert_eq!(plan.len() + plan.excluded().len(), 3);
}

#[test]
fn a_router_can_be_shared_across_request_tasks() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<Router>();
    shareable::<Plan>();
    shareable::<NoRoute>();
}
