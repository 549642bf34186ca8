//! The canary's windows on a paused clock, its judgement by counts, and what a reload keeps.

use super::{CanaryWatch, DecidedBy, DecisionLog, OutcomeWindow, Role, feeds, watches};
use mosaic_routing::{
    CanaryState, RollbackSpec, RuleSpec, SplitMember, SplitSpec, Strategy, TargetSpec,
};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

const SPEC: RollbackSpec = RollbackSpec {
    window: Duration::from_secs(60),
    min_calls: 10,
    margin_bp: 1000,
};

fn watch() -> CanaryWatch {
    CanaryWatch::new(
        "v2".into(),
        "sim@1.1.0".into(),
        "tracker".into(),
        vec!["v1".into()],
        Some(SPEC),
        DecisionLog::in_memory(),
    )
}

fn calls(watch: &CanaryWatch, role: Role, count: usize, failing: usize) {
    let now = Instant::now();
    for n in 0..count {
        watch.record(role, n < failing, now);
    }
}

#[tokio::test(start_paused = true)]
async fn calls_leave_the_window_as_it_slides() {
    let window = OutcomeWindow::new(Duration::from_secs(60));
    window.record(Instant::now(), true);
    tokio::time::advance(Duration::from_secs(30)).await;
    window.record(Instant::now(), false);
    assert_eq!(window.totals(Instant::now()), (2, 1));
    tokio::time::advance(Duration::from_secs(35)).await;
    assert_eq!(
        window.totals(Instant::now()),
        (1, 0),
        "the first call is over a minute old"
    );
    tokio::time::advance(Duration::from_secs(60)).await;
    assert_eq!(window.totals(Instant::now()), (0, 0));
}

#[tokio::test(start_paused = true)]
async fn a_canary_is_judged_once_it_made_enough_calls_and_rolled_back_once() {
    let watch = watch();
    calls(&watch, Role::Baseline, 100, 5);
    calls(&watch, Role::Canary, 9, 9);
    assert_eq!(watch.judge(Instant::now()), None, "9 calls are too few");
    calls(&watch, Role::Canary, 1, 0);
    // 90% against 5%: far beyond 10 points.
    let verdict = watch.judge(Instant::now()).expect("rolled back");
    assert_eq!((verdict.canary.calls, verdict.canary.failures), (10, 9));
    assert_eq!(watch.state(), CanaryState::RolledBack);
    assert_eq!(watch.judge(Instant::now()), None, "a rollback happens once");
    let decision = watch.status().decision.expect("decided");
    assert_eq!(decision.by, DecidedBy::Automatic);
}

#[tokio::test(start_paused = true)]
async fn a_canary_within_the_margin_stays_and_old_failures_age_out() {
    let watch = watch();
    calls(&watch, Role::Baseline, 100, 10);
    calls(&watch, Role::Canary, 20, 4);
    // 20% against 10%: exactly the margin, not beyond it.
    assert_eq!(watch.judge(Instant::now()), None);
    tokio::time::advance(Duration::from_secs(61)).await;
    calls(&watch, Role::Canary, 9, 9);
    assert_eq!(
        watch.judge(Instant::now()),
        None,
        "the window holds 9 calls now"
    );
    assert_eq!(watch.state(), CanaryState::Active);
}

#[tokio::test(start_paused = true)]
async fn an_operator_decides_and_the_windows_start_afresh() {
    let watch = watch();
    calls(&watch, Role::Canary, 30, 30);
    watch.decide(
        CanaryState::Promoted,
        DecidedBy::Operator {
            tenant: "acme".into(),
            principal: "ops".into(),
        },
        "promoted".into(),
    );
    assert_eq!(watch.state(), CanaryState::Promoted);
    assert_eq!(watch.status().window.calls, 0);
    calls(&watch, Role::Canary, 30, 30);
    assert_eq!(
        watch.judge(Instant::now()),
        None,
        "a promoted canary is not judged"
    );
}

fn routes(margin_bp: u32) -> Vec<RuleSpec> {
    let member = |instance: &str, canary| SplitMember {
        instance: instance.into(),
        weight: 1,
        canary,
    };
    let split = SplitSpec {
        members: vec![member("v1", false), member("v2", true)],
        rollback: Some(RollbackSpec { margin_bp, ..SPEC }),
    };
    vec![RuleSpec {
        name: "tracker".into(),
        kinds: Vec::new(),
        operations: Vec::new(),
        resources: Vec::new(),
        tenants: Vec::new(),
        regions: Vec::new(),
        labels: BTreeMap::new(),
        require: BTreeMap::new(),
        strategy: Strategy::Failover,
        interchangeable: false,
        targets: vec![TargetSpec::split(split, 1)],
    }]
}

#[tokio::test]
async fn a_reload_keeps_the_watch_of_the_same_canary_and_version() {
    let version = |version: &'static str| move |_: &str| Some(format!("sim@{version}"));
    let log = DecisionLog::in_memory();
    let first = watches(&routes(1000), version("1.1.0"), &[], &log);
    first[0].decide(
        CanaryState::RolledBack,
        DecidedBy::Automatic,
        "worse".into(),
    );
    let same = watches(&routes(1000), version("1.1.0"), &first, &log);
    assert!(
        Arc::ptr_eq(&first[0], &same[0]),
        "the same watch, windows and all"
    );
    let retuned = watches(&routes(500), version("1.1.0"), &first, &log);
    assert!(!Arc::ptr_eq(&first[0], &retuned[0]));
    assert_eq!(
        retuned[0].state(),
        CanaryState::RolledBack,
        "the decision is kept"
    );
    let new_version = watches(&routes(1000), version("1.2.0"), &first, &log);
    assert_eq!(
        new_version[0].state(),
        CanaryState::Active,
        "a new version is on trial"
    );

    let roles: Vec<_> = ["v1", "v2", "other"]
        .iter()
        .map(|name| {
            feeds(name, &first)
                .iter()
                .map(|feed| feed.role)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(roles, [vec![Role::Baseline], vec![Role::Canary], vec![]]);
}

#[tokio::test]
async fn a_new_watch_begins_from_the_decision_kept_for_its_canary_and_version() {
    let version = |version: &'static str| move |_: &str| Some(format!("sim@{version}"));
    let log = DecisionLog::in_memory();
    let first = watches(&routes(1000), version("1.1.0"), &[], &log);
    let by = DecidedBy::Operator {
        tenant: "ops".into(),
        principal: "alice".into(),
    };
    first[0].decide(CanaryState::RolledBack, by.clone(), "by hand".into());
    // As after a restart: no running watches, the same decisions kept.
    let restarted = watches(&routes(1000), version("1.1.0"), &[], &log);
    assert_eq!(restarted[0].state(), CanaryState::RolledBack);
    let decision = restarted[0].status().decision.expect("the decision kept");
    assert_eq!((decision.by, decision.reason.as_str()), (by, "by hand"));
    let new_version = watches(&routes(1000), version("1.2.0"), &[], &log);
    assert_eq!(new_version[0].state(), CanaryState::Active);
    assert_eq!(new_version[0].status().decision, None);
}
