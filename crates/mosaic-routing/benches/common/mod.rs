//! The benchmark configuration: 12 instances (the seed's twelve providers) and 100 rules, of
//! which the last is the worst case to reach: every earlier rule covers the same kind and
//! operations and fails only on its resource glob, the most expensive check.

use mosaic_core::{OpId, ServiceKind};
use mosaic_routing::{InstanceInfo, Router, RuleSpec, Signals, Strategy, TargetSpec};
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
    }
}

fn rule(name: String, resource: &str, strategy: Strategy) -> RuleSpec {
    RuleSpec {
        name,
        kinds: vec![ServiceKind::Git],
        operations: vec!["git.issues.*".to_owned(), "git.pulls.*".to_owned()],
        resources: vec![resource.to_owned()],
        tenants: Vec::new(),
        regions: Vec::new(),
        labels: BTreeMap::new(),
        require: BTreeMap::new(),
        strategy,
        interchangeable: false,
        targets: vec![target("github", 5), target("gitea", 3), target("gitlab", 2)],
    }
}

/// 100 rules over 12 instances; the first and the last use `strategy`.
pub fn router(strategy: Strategy) -> Router {
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
            rule(format!("rule-{index}"), &resource, strategy)
        })
        .collect();
    match Router::new(rules, instances) {
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
}

/// The operation every benchmark request uses: a read.
pub const OP: OpId = OpId::GitIssuesList;
