//! Splits: stickiness per caller, shares near the weights, few callers moved by a weight
//! change, the canary's states, writes to the caller's own member, and the compile errors.

use crate::plan::Reason;
use crate::request::{NoSignals, Signals};
use crate::router::Router;
use crate::rule::TargetSpec;
use crate::split::{CanaryState, RollbackSpec, SplitMember, SplitSpec};
use crate::test_support::{NO_LABELS, fleet, index, names, read_only, rule, target};
use mosaic_core::OpId;
use std::collections::HashMap;
use std::time::Duration;

fn member(instance: &str, weight: u32, canary: bool) -> SplitMember {
    SplitMember {
        instance: instance.to_owned(),
        weight,
        canary,
    }
}

/// `github` (90) and `gitea` (10, the canary) sharing the first slot; `mirror` after it.
fn canary_split(v1: u32, v2: u32) -> Router {
    let split = SplitSpec {
        members: vec![member("github", v1, false), member("gitea", v2, true)],
        rollback: None,
    };
    let rules = vec![rule(
        "tracker",
        vec![TargetSpec::split(split, 1), read_only("mirror")],
    )];
    Router::new(rules, fleet()).expect("valid split")
}

/// The instance a principal's read goes to first.
fn chosen(router: &Router, principal: &str, signals: &dyn Signals) -> String {
    let request = crate::RouteRequest::new(OpId::GitIssuesList, "acme/api", "acme", &NO_LABELS)
        .with_principal(principal);
    let plan = router.plan(&request, signals, 7).expect("a plan");
    names(router, &plan).remove(0)
}

struct Canary(usize, CanaryState);

impl Signals for Canary {
    fn circuit_open(&self, _instance: usize) -> bool {
        false
    }

    fn latency(&self, _instance: usize) -> Option<Duration> {
        None
    }

    fn canary(&self, instance: usize) -> CanaryState {
        if instance == self.0 {
            self.1
        } else {
            CanaryState::Active
        }
    }
}

#[test]
fn each_principal_keeps_its_member_and_the_shares_follow_the_weights() {
    let router = canary_split(90, 10);
    let mut counts: HashMap<String, u32> = HashMap::new();
    for n in 0..10_000 {
        let principal = format!("user-{n}");
        let first = chosen(&router, &principal, &NoSignals);
        for _ in 0..3 {
            assert_eq!(
                chosen(&router, &principal, &NoSignals),
                first,
                "{principal}"
            );
        }
        *counts.entry(first).or_default() += 1;
    }
    let canary = f64::from(counts["gitea"]) / 10_000.0;
    assert!((0.085..0.115).contains(&canary), "canary share {canary}");
}

#[test]
fn a_weight_change_moves_only_callers_toward_the_member_that_gained() {
    let before = canary_split(90, 10);
    let after = canary_split(80, 20);
    let mut moved = 0;
    for n in 0..10_000 {
        let principal = format!("user-{n}");
        let (was, is) = (
            chosen(&before, &principal, &NoSignals),
            chosen(&after, &principal, &NoSignals),
        );
        if was != is {
            assert_eq!((was.as_str(), is.as_str()), ("github", "gitea"));
            moved += 1;
        }
    }
    // A tenth of the callers must move; rendezvous hashing moves about that many.
    assert!((850..1150).contains(&moved), "{moved} callers moved");
}

#[test]
fn a_rolled_back_canary_gets_nobody_and_a_promoted_one_everybody() {
    let router = canary_split(50, 50);
    let canary = index(&router, "gitea");
    let principals: Vec<String> = (0..200).map(|n| format!("user-{n}")).collect();
    let rolled_back = Canary(canary, CanaryState::RolledBack);
    let promoted = Canary(canary, CanaryState::Promoted);
    assert!(
        principals
            .iter()
            .all(|p| chosen(&router, p, &rolled_back) == "github")
    );
    assert!(
        principals
            .iter()
            .all(|p| chosen(&router, p, &promoted) == "gitea")
    );
    let request = crate::RouteRequest::new(OpId::GitIssuesList, "acme/api", "acme", &NO_LABELS);
    let plan = router.plan(&request, &rolled_back, 0).unwrap();
    assert_eq!(names(&router, &plan), ["github", "mirror"]);
    assert!(plan.excluded().any(|(instance, reason)| instance == canary
        && reason
            == Reason::SplitDrained {
                state: CanaryState::RolledBack
            }));
    let explained = router.explain(&request, &plan);
    assert_eq!(
        explained.splits[0].canary_state.as_deref(),
        Some("rolled_back")
    );
    assert_eq!(explained.splits[0].members[1].effective_weight, 0);
}

#[test]
fn reads_fall_back_to_the_other_version_and_writes_go_to_the_callers_own_only() {
    let router = canary_split(50, 50);
    let (mut on_github, mut on_gitea) = (None, None);
    for n in 0..100 {
        let principal = format!("user-{n}");
        match chosen(&router, &principal, &NoSignals).as_str() {
            "github" => on_github = Some(principal),
            _ => on_gitea = Some(principal),
        }
    }
    for (principal, own, other) in [
        (on_github.unwrap(), "github", "gitea"),
        (on_gitea.unwrap(), "gitea", "github"),
    ] {
        let read = crate::RouteRequest::new(OpId::GitIssuesList, "acme/api", "acme", &NO_LABELS)
            .with_principal(&principal);
        let plan = router.plan(&read, &NoSignals, 0).unwrap();
        assert_eq!(names(&router, &plan), [own, other, "mirror"]);
        let write = crate::RouteRequest::new(OpId::GitIssuesCreate, "acme/api", "acme", &NO_LABELS)
            .with_principal(&principal);
        let plan = router.plan(&write, &NoSignals, 0).unwrap();
        assert_eq!(names(&router, &plan), [own]);
        let explained = router.explain(&write, &plan);
        assert_eq!(explained.splits[0].chosen.as_deref(), Some(own));
    }
}

#[test]
fn splits_that_cannot_share_a_slot_safely_are_refused_with_their_paths() {
    let split = |members, rollback| TargetSpec::split(SplitSpec { members, rollback }, 1);
    let rollback = Some(RollbackSpec {
        window: Duration::from_secs(60),
        min_calls: 10,
        margin_bp: 500,
    });
    let rules = vec![
        rule("one", vec![split(vec![member("github", 1, false)], None)]),
        rule(
            "two-canaries",
            vec![split(
                vec![member("github", 1, true), member("gitea", 1, true)],
                None,
            )],
        ),
        rule(
            "no-canary",
            vec![split(
                vec![member("github", 1, false), member("gitea", 1, false)],
                rollback,
            )],
        ),
        rule(
            "twice",
            vec![
                target("github"),
                split(
                    vec![member("github", 1, false), member("gitea", 0, false)],
                    None,
                ),
            ],
        ),
        rule(
            "weightless",
            vec![split(
                vec![member("gitlab", 0, false), member("gitea", 0, false)],
                None,
            )],
        ),
    ];
    let errors = Router::new(rules, fleet()).expect_err("invalid splits");
    let found: Vec<String> = errors
        .iter()
        .map(|error| format!("{}: {}", error.path, error.message))
        .collect();
    assert_eq!(
        found,
        [
            "routes[0].targets[0].split: a split needs at least two members; name a single instance with `instance`",
            "routes[1].targets[0].split[1].canary: a split has at most one canary (split[0] is one)",
            "routes[2].targets[0].rollback: watches a canary, and no member is one; mark one `canary: true` or leave rollback out",
            "routes[3].targets[1].split[0].instance: `github` is already a target of this rule (targets[0])",
            "routes[4].targets[0].split: every member has weight 0, so the split could never choose one",
        ]
    );
}
