//! Turns validated rule specs into the router's compiled form and reports every problem at
//! once, each with its path in the configuration.
//!
//! Everything that does not depend on the request is decided here, once: instance names
//! become indices, kinds and operation globs become one bitset over `OpId as usize` (so the
//! per-request operation match is one bit test), and each target's hard constraints are
//! checked against its instance's labels.

use crate::config_error::RouteConfigError;
use crate::rule::{InstanceInfo, RuleSpec, Strategy};
use crate::split::{CompiledMember, CompiledSplit, FNV_OFFSET, SplitSpec, fnv1a};
use mosaic_core::{OpId, ServiceKind, glob};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A rule ready for matching.
#[derive(Debug)]
pub(crate) struct CompiledRule {
    pub(crate) name: Arc<str>,
    /// Operations the rule covers (its kinds and operation globs together), by `OpId as usize`.
    pub(crate) ops: u64,
    /// Resource globs; empty matches every resource.
    pub(crate) resources: Box<[Box<str>]>,
    pub(crate) tenants: Box<[Box<str>]>,
    pub(crate) regions: Box<[Box<str>]>,
    pub(crate) labels: Box<[(Box<str>, Box<str>)]>,
    /// Required instance labels, kept for explaining and for checking pinned instances.
    pub(crate) require: BTreeMap<String, String>,
    pub(crate) strategy: Strategy,
    /// Whether a trigger may start on any target (see [`RuleSpec::interchangeable`]).
    pub(crate) interchangeable: bool,
    pub(crate) targets: Box<[CompiledTarget]>,
    /// The rule's splits, indexed by [`CompiledTarget::split`].
    pub(crate) splits: Box<[CompiledSplit]>,
}

/// One target of a compiled rule.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CompiledTarget {
    pub(crate) instance: u16,
    pub(crate) weight: u32,
    pub(crate) read_only: bool,
    /// Whether the instance carries every label the rule requires (instance labels are
    /// static, so this is decided once). For a split: whether any member does.
    pub(crate) meets_require: bool,
    /// A split's index in [`CompiledRule::splits`]; `instance` is then its first member.
    pub(crate) split: Option<u16>,
}

/// The compiled instance table.
#[derive(Debug)]
pub(crate) struct Instances {
    pub(crate) infos: Vec<InstanceInfo>,
    /// The names again, shared cheaply with errors built on the failure path.
    pub(crate) names: Box<[Arc<str>]>,
    pub(crate) by_name: HashMap<String, u16>,
    /// Per instance, the operations it supports among those of the kinds it serves.
    pub(crate) support: Box<[u64]>,
}

/// Compiles instances and rules, collecting every error.
pub(crate) fn compile(
    rules: Vec<RuleSpec>,
    infos: Vec<InstanceInfo>,
) -> Result<(Instances, Vec<CompiledRule>), Vec<RouteConfigError>> {
    let mut errors = Vec::new();
    let instances = compile_instances(infos, &mut errors);
    let mut first_use: HashMap<&str, usize> = HashMap::new();
    for (index, rule) in rules.iter().enumerate() {
        let first = *first_use.entry(&rule.name).or_insert(index);
        if first != index {
            errors.push(RouteConfigError::new(
                format!("routes[{index}].name"),
                format!(
                    "duplicate rule name `{}` (first used by routes[{first}])",
                    rule.name
                ),
            ));
        }
    }
    let compiled: Vec<CompiledRule> = rules
        .iter()
        .enumerate()
        .filter_map(|(index, rule)| compile_rule(index, rule, &instances, &mut errors))
        .collect();
    if errors.is_empty() {
        Ok((instances, compiled))
    } else {
        Err(errors)
    }
}

fn compile_instances(infos: Vec<InstanceInfo>, errors: &mut Vec<RouteConfigError>) -> Instances {
    let mut by_name = HashMap::with_capacity(infos.len());
    for (index, info) in infos.iter().enumerate() {
        let Ok(compact) = u16::try_from(index) else {
            errors.push(RouteConfigError::new(
                "instances",
                format!("at most {} instances are supported", u16::MAX),
            ));
            break;
        };
        if let Some(first) = by_name.get(&info.name) {
            errors.push(RouteConfigError::new(
                format!("instances[{index}].name"),
                format!(
                    "duplicate instance name `{}` (first used by instances[{first}])",
                    info.name
                ),
            ));
        } else {
            by_name.insert(info.name.clone(), compact);
        }
    }
    let names = infos
        .iter()
        .map(|info| Arc::from(info.name.as_str()))
        .collect();
    let support = infos
        .iter()
        .map(|info| {
            let of_kinds = OpId::ALL
                .iter()
                .filter(|op| info.kinds.contains(&op.spec().kind))
                .fold(0u64, |mask, op| mask | bit(*op));
            info.supported & of_kinds
        })
        .collect();
    Instances {
        infos,
        names,
        by_name,
        support,
    }
}

fn compile_rule(
    index: usize,
    rule: &RuleSpec,
    instances: &Instances,
    errors: &mut Vec<RouteConfigError>,
) -> Option<CompiledRule> {
    let path = format!("routes[{index}]");
    let before = errors.len();
    if rule.name.trim().is_empty() {
        errors.push(RouteConfigError::new(
            format!("{path}.name"),
            "must not be empty",
        ));
    }
    let ops = operation_mask(&path, rule, errors);
    if rule.interchangeable && ops & bit(OpId::CiRunsTrigger) == 0 {
        errors.push(RouteConfigError::new(
            format!("{path}.interchangeable"),
            "applies to ci.runs.trigger, which this rule does not cover; cover it (kinds: [ci]) \
             or leave interchangeable out",
        ));
    }
    let (targets, splits) = compile_targets(&path, rule, ops, instances, errors);
    if errors.len() > before {
        return None;
    }
    Some(CompiledRule {
        name: Arc::from(rule.name.as_str()),
        ops,
        resources: boxed(&rule.resources),
        tenants: boxed(&rule.tenants),
        regions: boxed(&rule.regions),
        labels: rule
            .labels
            .iter()
            .map(|(key, value)| (Box::from(key.as_str()), Box::from(value.as_str())))
            .collect(),
        require: rule.require.clone(),
        strategy: rule.strategy,
        interchangeable: rule.interchangeable,
        targets,
        splits,
    })
}

fn boxed(patterns: &[String]) -> Box<[Box<str>]> {
    patterns
        .iter()
        .map(|pattern| Box::from(pattern.as_str()))
        .collect()
}

/// The operations a rule covers: those of its kinds (all kinds when none are listed) that
/// match one of its operation globs (all operations when none are listed).
fn operation_mask(path: &str, rule: &RuleSpec, errors: &mut Vec<RouteConfigError>) -> u64 {
    let of_kinds = OpId::ALL
        .iter()
        .filter(|op| rule.kinds.is_empty() || rule.kinds.contains(&op.spec().kind))
        .fold(0u64, |mask, op| mask | bit(*op));
    if rule.operations.is_empty() {
        return of_kinds;
    }
    let mut globbed = 0u64;
    for (position, pattern) in rule.operations.iter().enumerate() {
        let matched = OpId::ALL
            .iter()
            .filter(|op| glob::matches(pattern, op.name()))
            .fold(0u64, |mask, op| mask | bit(*op));
        if matched == 0 {
            errors.push(RouteConfigError::new(
                format!("{path}.operations[{position}]"),
                format!("`{pattern}` matches no operation in the catalog"),
            ));
        }
        globbed |= matched;
    }
    if globbed != 0 && globbed & of_kinds == 0 {
        errors.push(RouteConfigError::new(
            format!("{path}.operations"),
            format!(
                "no operation matches both these patterns and the rule's kinds ({}), so the rule can never match",
                kind_list(&rule.kinds)
            ),
        ));
    }
    globbed & of_kinds
}

// Operation sets are `u64` bitsets; a catalog that outgrows them must fail the build, not
// wrap around.
const _: () = assert!(OpId::ALL.len() <= 64);

/// The bit of one operation in an operation set.
pub(crate) fn bit(op: OpId) -> u64 {
    1u64 << (op as u32)
}

fn compile_targets(
    path: &str,
    rule: &RuleSpec,
    ops: u64,
    instances: &Instances,
    errors: &mut Vec<RouteConfigError>,
) -> (Box<[CompiledTarget]>, Box<[CompiledSplit]>) {
    if rule.targets.is_empty() {
        errors.push(RouteConfigError::new(
            format!("{path}.targets"),
            "a rule needs at least one target",
        ));
    }
    let mut names = TargetNames {
        rule_kinds: kinds_of(ops),
        ops,
        seen: HashMap::new(),
        instances,
    };
    let mut compiled = Vec::with_capacity(rule.targets.len());
    let mut splits = Vec::new();
    for (position, target) in rule.targets.iter().enumerate() {
        let at = format!("{path}.targets[{position}]");
        if rule.strategy == Strategy::Weighted && target.weight == 0 {
            errors.push(RouteConfigError::new(
                format!("{at}.weight"),
                "must be at least 1 in a weighted rule",
            ));
        }
        if let Some(split) = &target.split {
            let index = u16::try_from(splits.len()).unwrap_or(u16::MAX);
            if let Some(compiled_split) = compile_split(&at, rule, split, &mut names, errors) {
                let first = compiled_split.members[0];
                compiled.push(CompiledTarget {
                    instance: first.instance,
                    weight: target.weight,
                    read_only: false,
                    meets_require: compiled_split
                        .members
                        .iter()
                        .any(|member| member.meets_require),
                    split: Some(index),
                });
                splits.push(compiled_split);
            }
            continue;
        }
        let Some(instance) = names.resolve(&format!("{at}.instance"), &target.instance, errors)
        else {
            continue;
        };
        let info = &instances.infos[usize::from(instance)];
        compiled.push(CompiledTarget {
            instance,
            weight: target.weight,
            read_only: target.read_only,
            meets_require: first_unmet(&rule.require, &info.labels).is_none(),
            split: None,
        });
    }
    if !rule.require.is_empty()
        && !compiled.is_empty()
        && compiled.iter().all(|target| !target.meets_require)
    {
        errors.push(RouteConfigError::new(
            format!("{path}.require"),
            "no target carries the required labels, so the rule can never plan a candidate",
        ));
    }
    (compiled.into_boxed_slice(), splits.into_boxed_slice())
}

/// Resolves the instance names of one rule's targets and split members, each at most once.
struct TargetNames<'i> {
    rule_kinds: Vec<ServiceKind>,
    ops: u64,
    /// Every instance named so far, with the path that named it first.
    seen: HashMap<String, String>,
    instances: &'i Instances,
}

impl TargetNames<'_> {
    /// The index of `name`, or `None` after reporting why it cannot be a target here.
    fn resolve(&mut self, at: &str, name: &str, errors: &mut Vec<RouteConfigError>) -> Option<u16> {
        if let Some(first) = self.seen.get(name) {
            let first = first
                .rsplit_once('.')
                .map_or(first.as_str(), |(path, _)| path);
            let first = first.split_once("targets").map_or(first, |(_, tail)| tail);
            errors.push(RouteConfigError::new(
                at,
                format!("`{name}` is already a target of this rule (targets{first})"),
            ));
            return None;
        }
        self.seen.insert(name.to_owned(), at.to_owned());
        let Some(&instance) = self.instances.by_name.get(name) else {
            errors.push(RouteConfigError::new(
                at,
                format!(
                    "unknown instance `{name}`; known: {}",
                    known(self.instances)
                ),
            ));
            return None;
        };
        let info = &self.instances.infos[usize::from(instance)];
        // With no operations at all the rule already has an error; do not add one per target.
        if self.ops != 0 && !info.kinds.iter().any(|kind| self.rule_kinds.contains(kind)) {
            errors.push(RouteConfigError::new(
                at,
                format!(
                    "instance `{}` serves {}, none of the kinds this rule covers ({})",
                    info.name,
                    kind_list(&info.kinds),
                    kind_list(&self.rule_kinds)
                ),
            ));
        }
        Some(instance)
    }
}

/// Compiles one split target, reporting what keeps it from sharing its slot safely.
fn compile_split(
    at: &str,
    rule: &RuleSpec,
    split: &SplitSpec,
    names: &mut TargetNames<'_>,
    errors: &mut Vec<RouteConfigError>,
) -> Option<CompiledSplit> {
    let before = errors.len();
    if matches!(rule.strategy, Strategy::LeastCost { .. }) {
        errors.push(RouteConfigError::new(
            format!("{at}.split"),
            "`least_cost` prices instances one by one; split versions under a `failover`, \
             `weighted` or `least_latency` rule",
        ));
    }
    if split.members.len() < 2 {
        errors.push(RouteConfigError::new(
            format!("{at}.split"),
            "a split needs at least two members; name a single instance with `instance`",
        ));
    }
    if !split.members.is_empty() && split.members.iter().all(|member| member.weight == 0) {
        errors.push(RouteConfigError::new(
            format!("{at}.split"),
            "every member has weight 0, so the split could never choose one",
        ));
    }
    let mut members = Vec::with_capacity(split.members.len());
    let mut canary: Option<(usize, u16)> = None;
    for (position, member) in split.members.iter().enumerate() {
        let member_at = format!("{at}.split[{position}]");
        let Some(instance) =
            names.resolve(&format!("{member_at}.instance"), &member.instance, errors)
        else {
            continue;
        };
        if member.canary {
            match canary {
                Some((first, _)) => errors.push(RouteConfigError::new(
                    format!("{member_at}.canary"),
                    format!("a split has at most one canary (split[{first}] is one)"),
                )),
                None => canary = Some((position, instance)),
            }
        }
        let info = &names.instances.infos[usize::from(instance)];
        members.push(CompiledMember {
            instance,
            weight: member.weight,
            canary: member.canary,
            meets_require: first_unmet(&rule.require, &info.labels).is_none(),
            key: fnv1a(FNV_OFFSET, member.instance.as_bytes()),
        });
    }
    if split.rollback.is_some() && canary.is_none() {
        errors.push(RouteConfigError::new(
            format!("{at}.rollback"),
            "watches a canary, and no member is one; mark one `canary: true` or leave rollback out",
        ));
    }
    if errors.len() > before || members.is_empty() {
        return None;
    }
    Some(CompiledSplit {
        members: members.into_boxed_slice(),
        canary: canary.map(|(_, instance)| instance),
    })
}

/// The first required label an instance lacks: (key, wanted value).
pub(crate) fn first_unmet<'r>(
    require: &'r BTreeMap<String, String>,
    labels: &BTreeMap<String, String>,
) -> Option<(&'r String, &'r String)> {
    require
        .iter()
        .find(|(key, wanted)| labels.get(*key) != Some(*wanted))
}

fn kinds_of(ops: u64) -> Vec<ServiceKind> {
    ServiceKind::ALL
        .into_iter()
        .filter(|kind| {
            OpId::ALL
                .iter()
                .any(|op| op.spec().kind == *kind && ops & bit(*op) != 0)
        })
        .collect()
}

fn kind_list(kinds: &[ServiceKind]) -> String {
    if kinds.is_empty() {
        return "no kind".to_owned();
    }
    let names: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    names.join(", ")
}

fn known(instances: &Instances) -> String {
    if instances.infos.is_empty() {
        return "none".to_owned();
    }
    let names: Vec<&str> = instances
        .infos
        .iter()
        .map(|info| info.name.as_str())
        .collect();
    names.join(", ")
}

#[cfg(test)]
#[path = "compile_tests.rs"]
mod tests;
