//! Builders shared by the unit tests: instances, rules, requests and scripted signals.

use crate::request::{RouteRequest, Signals};
use crate::router::Router;
use crate::rule::{InstanceInfo, RuleSpec, Strategy, TargetSpec};
use mosaic_core::{OpId, ServiceKind};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

pub(crate) static NO_LABELS: BTreeMap<String, String> = BTreeMap::new();

/// An instance serving `kinds` that supports every operation.
pub(crate) fn instance(name: &str, kinds: &[ServiceKind]) -> InstanceInfo {
    InstanceInfo {
        name: name.to_owned(),
        kinds: kinds.to_vec(),
        supported: u64::MAX,
        labels: BTreeMap::new(),
        region: None,
    }
}

/// A git instance with labels.
pub(crate) fn labelled(name: &str, labels: &[(&str, &str)]) -> InstanceInfo {
    InstanceInfo {
        labels: map(labels),
        ..instance(name, &[ServiceKind::Git])
    }
}

/// Git instances `github`, `gitea`, `gitlab`, `mirror`; `jira` (pm); `notion` (kb).
pub(crate) fn fleet() -> Vec<InstanceInfo> {
    let git = [ServiceKind::Git];
    vec![
        instance("github", &git),
        instance("gitea", &git),
        instance("gitlab", &git),
        instance("mirror", &git),
        instance("jira", &[ServiceKind::Pm]),
        instance("notion", &[ServiceKind::Kb]),
    ]
}

pub(crate) fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

pub(crate) fn target(instance: &str) -> TargetSpec {
    TargetSpec {
        instance: instance.to_owned(),
        weight: 1,
        read_only: false,
        split: None,
    }
}

pub(crate) fn weighted(instance: &str, weight: u32) -> TargetSpec {
    TargetSpec {
        weight,
        ..target(instance)
    }
}

pub(crate) fn read_only(instance: &str) -> TargetSpec {
    TargetSpec {
        read_only: true,
        ..target(instance)
    }
}

/// A failover rule matching everything, over `targets`.
pub(crate) fn rule(name: &str, targets: Vec<TargetSpec>) -> RuleSpec {
    RuleSpec {
        name: name.to_owned(),
        kinds: Vec::new(),
        operations: Vec::new(),
        resources: Vec::new(),
        tenants: Vec::new(),
        regions: Vec::new(),
        labels: BTreeMap::new(),
        require: BTreeMap::new(),
        strategy: Strategy::Failover,
        interchangeable: false,
        targets,
    }
}

pub(crate) fn router(rules: Vec<RuleSpec>) -> Router {
    match Router::new(rules, fleet()) {
        Ok(router) => router,
        Err(errors) => panic!("test configuration rejected: {errors:?}"),
    }
}

/// A request of the default tenant without labels.
pub(crate) fn request(op: OpId, resource: &str) -> RouteRequest<'_> {
    RouteRequest::new(op, resource, "default", &NO_LABELS)
}

/// Signals scripted by instance name.
#[derive(Default)]
pub(crate) struct FakeSignals {
    open: Vec<usize>,
    latency: HashMap<usize, Duration>,
}

impl FakeSignals {
    pub(crate) fn open(mut self, router: &Router, name: &str) -> Self {
        self.open.push(index(router, name));
        self
    }

    pub(crate) fn latency(mut self, router: &Router, name: &str, millis: u64) -> Self {
        self.latency
            .insert(index(router, name), Duration::from_millis(millis));
        self
    }
}

impl Signals for FakeSignals {
    fn circuit_open(&self, instance: usize) -> bool {
        self.open.contains(&instance)
    }

    fn latency(&self, instance: usize) -> Option<Duration> {
        self.latency.get(&instance).copied()
    }
}

pub(crate) fn index(router: &Router, name: &str) -> usize {
    match router.instance_index(name) {
        Some(index) => index,
        None => panic!("no instance {name} in the test fleet"),
    }
}

/// The candidates of a plan by name, in order.
pub(crate) fn names(router: &Router, plan: &crate::plan::Plan) -> Vec<String> {
    plan.candidates()
        .map(|(index, _)| router.instances()[index].name.clone())
        .collect()
}
