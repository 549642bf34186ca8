//! The benchmark configuration: 12 instances (the seed's twelve providers) and 100 rules, of
//! which the last is the worst case to reach: every earlier rule covers the same kind and
//! operations and fails only on its resource glob, the most expensive check. The `least_cost`
//! cases route CI triggers over the three CI instances, priced: two hosted, one self-hosted
//! whose executors are all busy.

use mosaic_core::{OpId, ServiceKind};
use mosaic_routing::cost::{CostModel, CostSettings, InstanceCost};
use mosaic_routing::{
    InstanceInfo, Queue, Router, RuleSpec, Signals, SplitMember, SplitSpec, Strategy, TargetSpec,
};
use std::collections::BTreeMap;
use std::time::Duration;

const INSTANCES: [(&str, ServiceKind); 12] = [
    ("github", ServiceKind::Git),
    ("gitea", ServiceKind::Git),
    ("gitlab", ServiceKind::Git),
    ("github-actions", ServiceKind::Ci),
    ("woodpecker", ServiceKind::Ci),
    ("jenkins", ServiceKind::Ci),
    ("notion", ServiceKind::Kb),
    ("bookstack", ServiceKind::Kb),
    ("confluence", ServiceKind::Kb),
    ("linear", ServiceKind::Pm),
    ("plane", ServiceKind::Pm),
    ("jira", ServiceKind::Pm),
];

/// The resource a request matching the first rule addresses.
pub const EARLY: &str = "org0/api";
/// The resource a request matching only the 100th rule addresses.
pub const LATE: &str = "acme/api";

fn target(instance: &str, weight: u32) -> TargetSpec {
    TargetSpec {
        instance: instance.to_owned(),
        weight,
        read_only: false,
        split: None,
    }
}

fn rule(name: String, resource: &str, strategy: Strategy) -> RuleSpec {
    let ci = matches!(strategy, Strategy::LeastCost { .. });
    let (kind, operations, targets) = if ci {
        (
            ServiceKind::Ci,
            vec!["ci.runs.*".to_owned()],
            ["github-actions", "woodpecker", "jenkins"],
        )
    } else {
        (
            ServiceKind::Git,
            vec!["git.issues.*".to_owned(), "git.pulls.*".to_owned()],
            ["github", "gitea", "gitlab"],
        )
    };
    RuleSpec {
        name,
        kinds: vec![kind],
        operations,
        resources: vec![resource.to_owned()],
        tenants: Vec::new(),
        regions: Vec::new(),
        labels: BTreeMap::new(),
        require: BTreeMap::new(),
        strategy,
        interchangeable: false,
        targets: vec![
            target(targets[0], 5),
            target(targets[1], 3),
            target(targets[2], 2),
        ],
    }
}

fn hosted(instance: &str, free_minutes: u32) -> InstanceCost {
    InstanceCost {
        instance: instance.to_owned(),
        per_call: 0.0,
        model: Some(CostModel::PerMinute {
            prices: BTreeMap::from([
                ("linux-2".to_owned(), 0.006),
                ("linux-4".to_owned(), 0.012),
                ("linux-8".to_owned(), 0.022),
            ]),
            runner: "linux-2".to_owned(),
            free_minutes,
            free_public: true,
        }),
    }
}

/// The cost settings of the `least_cost` cases.
fn costs() -> CostSettings {
    CostSettings {
        instances: vec![
            hosted("github-actions", 3000),
            hosted("woodpecker", 0),
            InstanceCost {
                instance: "jenkins".to_owned(),
                per_call: 0.0,
                model: Some(CostModel::Capacity {
                    monthly: 480.0,
                    executors: 4,
                }),
            },
        ],
        budgets: Vec::new(),
        public: vec!["oss/*".to_owned()],
    }
}

/// 100 rules over 12 instances; the first and the last use `strategy` (for `least_cost`,
/// every rule routes CI runs, priced).
pub fn router(strategy: Strategy) -> Router {
    routes(strategy, false)
}

/// The same 100 failover rules, the first and the last with their first slot split between
/// `github` (weight 90) and `gitea` (weight 10, the canary), `gitlab` after it.
pub fn split_router() -> Router {
    routes(Strategy::Failover, true)
}

fn routes(strategy: Strategy, split: bool) -> Router {
    let instances = INSTANCES
        .iter()
        .map(|(name, kind)| InstanceInfo {
            name: (*name).to_owned(),
            kinds: vec![*kind],
            supported: u64::MAX,
            labels: BTreeMap::new(),
            region: None,
        })
        .collect();
    let rules = (0..100)
        .map(|index| {
            let resource = if index == 99 {
                "acme/*".to_owned()
            } else {
                format!("org{index}/*")
            };
            let strategy = if index == 0 || index == 99 {
                strategy
            } else {
                Strategy::Failover
            };
            let mut rule = rule(format!("rule-{index}"), &resource, strategy);
            if split && (index == 0 || index == 99) {
                let member = |instance: &str, weight, canary| SplitMember {
                    instance: instance.to_owned(),
                    weight,
                    canary,
                };
                rule.targets = vec![
                    TargetSpec::split(
                        SplitSpec {
                            members: vec![member("github", 90, false), member("gitea", 10, true)],
                            rollback: None,
                        },
                        1,
                    ),
                    target("gitlab", 1),
                ];
            }
            rule
        })
        .collect();
    match Router::new(rules, instances).and_then(|router| router.with_costs(costs())) {
        Ok(router) => router,
        Err(errors) => panic!("benchmark configuration is invalid: {errors:?}"),
    }
}

/// Live signals as a running gateway would show them: latencies measured, one circuit open.
pub struct BenchSignals;

impl Signals for BenchSignals {
    fn circuit_open(&self, instance: usize) -> bool {
        instance == 1
    }

    fn latency(&self, instance: usize) -> Option<Duration> {
        Some(Duration::from_micros(40_000 - 3_000 * instance as u64))
    }

    fn minutes_used(&self, _instance: usize) -> f64 {
        3000.0
    }

    fn queue(&self, instance: usize) -> Queue {
        // Jenkins (index 5): every executor busy, the next free in 12 minutes.
        match instance {
            5 => Queue {
                busy: 6,
                wait: Duration::from_secs(12 * 60),
            },
            _ => Queue::default(),
        }
    }

    fn predicted_duration(&self, _repo: &str, _pipeline: &str) -> Option<Duration> {
        Some(Duration::from_secs(9 * 60))
    }

    fn tenant_spend(&self, _tenant: &str) -> f64 {
        120.0
    }
}

/// The `least_cost` cases' operation, a trigger: priced, with a deadline of 30 minutes.
pub const CI_OP: OpId = OpId::CiRunsTrigger;

/// The `least_cost` cases' run.
pub fn ci_run() -> mosaic_routing::RunFacts<'static> {
    mosaic_routing::RunFacts::new("build", Some(Duration::from_secs(30 * 60)))
}

/// The principals the split cases cycle through, so each plan hashes another caller.
pub fn principals() -> Vec<String> {
    (0..1024).map(|n| format!("user-{n}")).collect()
}

/// The operation every benchmark request uses: a read.
pub const OP: OpId = OpId::GitIssuesList;
