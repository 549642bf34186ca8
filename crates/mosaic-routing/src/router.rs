//! The router: compiled rules plus the instance table, and `plan`, the per-request decision.
//!
//! Planning is pure and cheap: the first matching rule's targets are filtered (operation
//! support, hard constraints, read-only copies for writes), ordered by the rule's strategy,
//! open circuits moved to the back, and returned as a [`Plan`] of instance indices and
//! compact reasons. No strings are formatted on the success path. A split target contributes
//! the member its caller sticks to, ranked as the slot, with the split's other members right
//! behind it (see [`crate::split`]).

use crate::compile::{self, CompiledRule, CompiledTarget, Instances, bit};
use crate::config_error::RouteConfigError;
use crate::cost::{self, CompiledCosts, CostSettings};
use crate::no_route::NoRoute;
use crate::order;
use crate::plan::{Entry, Plan, Reason, SplitChoice};
use crate::request::{RouteRequest, Signals};
use crate::rule::{InstanceInfo, RuleSpec, Strategy};
use crate::split::{self, CanaryState, CompiledMember, CompiledSplit};
use mosaic_core::OpId;
use std::collections::BTreeMap;

/// Ordered route rules over a fixed set of instances. Built once per configuration (and
/// swapped whole on reload); shared by every request.
#[derive(Debug)]
pub struct Router {
    pub(crate) instances: Instances,
    pub(crate) rules: Vec<CompiledRule>,
    /// Cost models, budgets and public repositories, for `least_cost`.
    pub(crate) costs: CompiledCosts,
}

impl Router {
    /// Validates and compiles the rules against the instances, reporting every problem at
    /// once with its path (`routes[2].targets[0].instance`).
    pub fn new(
        rules: Vec<RuleSpec>,
        instances: Vec<InstanceInfo>,
    ) -> Result<Router, Vec<RouteConfigError>> {
        let (instances, rules) = compile::compile(rules, instances)?;
        Ok(Router {
            instances,
            rules,
            costs: CompiledCosts::default(),
        })
    }

    /// The same router pricing runs with `settings` (for `least_cost` rules); without them
    /// every candidate costs nothing and has no budget. Errors name unknown instances and
    /// models the router cannot use.
    pub fn with_costs(self, settings: CostSettings) -> Result<Router, Vec<RouteConfigError>> {
        let count = self.instances.infos.len();
        let costs = CompiledCosts::compile(settings, |name| self.instance_index(name), count)?;
        Ok(Router { costs, ..self })
    }

    /// The index of an instance by name: the index [`Signals`] and [`Plan`] use.
    pub fn instance_index(&self, name: &str) -> Option<usize> {
        self.instances
            .by_name
            .get(name)
            .map(|&index| usize::from(index))
    }

    /// Every instance, at its index.
    pub fn instances(&self) -> &[InstanceInfo] {
        &self.instances.infos
    }

    /// The rule names, in matching order.
    pub fn rule_names(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.rules.iter().map(|rule| &*rule.name)
    }

    /// Plans one request: the ordered candidates and why. `random` drives the `weighted`
    /// strategy; the same value always gives the same order.
    pub fn plan(
        &self,
        request: &RouteRequest<'_>,
        signals: &dyn Signals,
        random: u64,
    ) -> Result<Plan, NoRoute> {
        let matched = self
            .rules
            .iter()
            .enumerate()
            .find(|(_, rule)| rule.matches(request));
        if let Some(pinned) = request.pinned {
            return self.plan_pinned(request, pinned, matched);
        }
        let Some((index, rule)) = matched else {
            return Err(NoRoute::NoRuleMatched {
                op: request.op,
                resource: request.resource.to_owned(),
                tenant: request.tenant.to_owned(),
            });
        };
        let read = request.is_read();
        let mut entries = Vec::with_capacity(rule.targets.len() + rule.splits.len());
        let mut splits = Vec::new();
        let caller = if rule.splits.is_empty() {
            0
        } else {
            split::caller_hash(request.tenant, request.principal)
        };
        for (position, target) in rule.targets.iter().enumerate() {
            let chosen = match target.split {
                None => self
                    .exclusion(target, request.op, read)
                    .is_none()
                    .then_some(*target),
                Some(index) => {
                    let compiled = &rule.splits[usize::from(index)];
                    let state = compiled.canary.map_or(CanaryState::Active, |canary| {
                        signals.canary(usize::from(canary))
                    });
                    let member = self.choose(compiled, state, caller, request.op, read);
                    splits.push(SplitChoice {
                        split: index,
                        chosen: member,
                        state,
                    });
                    // The chosen member stands for the slot: the strategy ranks it as the
                    // slot's target.
                    member.map(|instance| CompiledTarget {
                        instance,
                        ..*target
                    })
                }
            };
            if let Some(target) = chosen {
                let reason = ranking_reason(rule.strategy, position, &target, signals);
                entries.push(Entry {
                    instance: target.instance,
                    reason,
                    rank: 0,
                });
            }
        }
        let mut candidates = entries.len();
        if let Strategy::LeastCost { allow_over_budget } = rule.strategy {
            candidates = self.price(request, &mut entries, signals, allow_over_budget);
            if candidates == 0 {
                return Err(self.over_budget(request, rule, signals));
            }
        }
        if candidates == 0 {
            self.push_exclusions(&mut entries, rule, &splits, request.op, read);
            return Err(self.no_candidates(request, rule, &entries));
        }
        let ranked = &mut entries[..candidates];
        // Interchangeable executors: a trigger may start on any target, tried in order like a
        // read; the executor moves on only when a target provably started nothing. Without
        // them a trigger, like every write, goes to its system of record.
        let spread = read || (rule.interchangeable && request.op == OpId::CiRunsTrigger);
        match rule.strategy {
            Strategy::Failover => {}
            Strategy::Weighted => order::by_weight(ranked, random),
            Strategy::LeastLatency => order::by_latency(ranked),
            // What it costs decides where a run starts only where it may start anywhere.
            Strategy::LeastCost { .. } if spread => order::by_cost(ranked, signals),
            Strategy::LeastCost { .. } => {}
        }
        // A split's other members front the same system: right behind the caller's own, they
        // serve its reads when it cannot. (No split is priced, so nothing follows the
        // candidates yet.)
        candidates += self.insert_fallbacks(&mut entries, rule, &splits, request.op, read);
        let ranked = &mut entries[..candidates];
        for (rank, entry) in ranked.iter_mut().enumerate() {
            entry.rank = u16::try_from(rank).unwrap_or(u16::MAX);
        }
        if spread {
            order::open_circuits_last(ranked, signals);
        } else {
            // DESIGN.md: writes go to the system of record only and never fail over, so the
            // first writable target is the one candidate even when its circuit is open. A
            // split's members front one system, so the caller's own member is its system
            // of record.
            let circuit_open = signals.circuit_open(usize::from(ranked[0].instance));
            ranked[0].reason = Reason::SystemOfRecord { circuit_open };
            for entry in &mut ranked[1..] {
                entry.reason = Reason::NotSystemOfRecord;
            }
            candidates = 1;
        }
        self.push_exclusions(&mut entries, rule, &splits, request.op, read);
        Ok(Plan {
            rule: Some((index, rule.name.clone())),
            entries,
            candidates,
            splits,
        })
    }

    /// The member of `split` the caller (hashed as `caller`) sticks to among those that can
    /// serve `op` and weigh something with the canary in `state`: the highest rendezvous
    /// score.
    fn choose(
        &self,
        split: &CompiledSplit,
        state: CanaryState,
        caller: u64,
        op: OpId,
        read: bool,
    ) -> Option<u16> {
        let mut best: Option<(u16, f64)> = None;
        for member in split.members.iter() {
            let weight = CompiledSplit::effective_weight(member, state);
            if weight == 0 || self.member_exclusion(member, op, read).is_some() {
                continue;
            }
            let score = split::score(caller, member.key, weight);
            if best.is_none_or(|(_, top)| score > top) {
                best = Some((member.instance, score));
            }
        }
        best.map(|(instance, _)| instance)
    }

    /// Puts each split's other usable members right behind its chosen one; how many it added.
    fn insert_fallbacks(
        &self,
        entries: &mut Vec<Entry>,
        rule: &CompiledRule,
        splits: &[SplitChoice],
        op: OpId,
        read: bool,
    ) -> usize {
        let mut added = 0;
        for choice in splits {
            let Some(chosen) = choice.chosen else {
                continue;
            };
            let Some(mut at) = entries.iter().position(|entry| entry.instance == chosen) else {
                continue;
            };
            for member in rule.splits[usize::from(choice.split)].members.iter() {
                let usable = member.instance != chosen
                    && CompiledSplit::effective_weight(member, choice.state) > 0
                    && self.member_exclusion(member, op, read).is_none();
                if usable {
                    at += 1;
                    entries.insert(
                        at,
                        Entry {
                            instance: member.instance,
                            reason: Reason::SplitFallback,
                            rank: 0,
                        },
                    );
                    added += 1;
                }
            }
        }
        added
    }

    /// Appends the rule's targets and split members that cannot be candidates, and why.
    fn push_exclusions(
        &self,
        entries: &mut Vec<Entry>,
        rule: &CompiledRule,
        splits: &[SplitChoice],
        op: OpId,
        read: bool,
    ) {
        for target in rule.targets.iter() {
            let Some(index) = target.split else {
                if let Some(reason) = self.exclusion(target, op, read) {
                    entries.push(Entry {
                        instance: target.instance,
                        reason,
                        rank: 0,
                    });
                }
                continue;
            };
            let state = splits
                .iter()
                .find(|choice| choice.split == index)
                .map_or(CanaryState::Active, |choice| choice.state);
            for member in rule.splits[usize::from(index)].members.iter() {
                let reason = match self.member_exclusion(member, op, read) {
                    Some(reason) => reason,
                    None if CompiledSplit::effective_weight(member, state) == 0 => {
                        Reason::SplitDrained { state }
                    }
                    None => continue,
                };
                entries.push(Entry {
                    instance: member.instance,
                    reason,
                    rank: 0,
                });
            }
        }
    }

    /// Why a split member cannot be a candidate for this operation, if it cannot.
    fn member_exclusion(&self, member: &CompiledMember, op: OpId, read: bool) -> Option<Reason> {
        self.exclusion(
            &CompiledTarget {
                instance: member.instance,
                weight: member.weight,
                read_only: false,
                meets_require: member.meets_require,
                split: None,
            },
            op,
            read,
        )
    }

    /// The hard constraints (`require`) of the rule that planned `plan`, which every one of its
    /// candidates meets; `None` when that rule has none or no rule matched (a pin outside every
    /// rule). The gateway names them when every candidate is down, and audits them.
    pub fn constraints(&self, plan: &Plan) -> Option<&BTreeMap<String, String>> {
        let rule = &self.rules[plan.rule_index()?];
        (!rule.require.is_empty()).then_some(&rule.require)
    }

    /// Whether an instance implements an operation (and serves its kind).
    pub(crate) fn supports(&self, instance: usize, op: OpId) -> bool {
        self.instances
            .support
            .get(instance)
            .is_some_and(|supported| supported & bit(op) != 0)
    }

    /// Prices the candidates (`entries[..]` holds them all, none excluded yet): each gets its
    /// estimate; when the tenant is over its budget and the rule does not allow going over,
    /// those that cost money move behind the rest as [`Reason::OverBudget`]. Returns how many
    /// candidates remain.
    fn price(
        &self,
        request: &RouteRequest<'_>,
        entries: &mut [Entry],
        signals: &dyn Signals,
        allow_over_budget: bool,
    ) -> usize {
        for entry in entries.iter_mut() {
            entry.reason = Reason::Cost(cost::estimate(
                &self.costs,
                usize::from(entry.instance),
                request,
                signals,
            ));
        }
        let over = !allow_over_budget
            && self
                .costs
                .budget(request.tenant)
                .is_some_and(|budget| signals.tenant_spend(request.tenant) >= budget);
        if !over {
            return entries.len();
        }
        for entry in entries.iter_mut() {
            if let Reason::Cost(estimate) = entry.reason
                && estimate.cost_micros > 0
            {
                entry.reason = Reason::OverBudget(estimate);
            }
        }
        entries.sort_by_key(|entry| matches!(entry.reason, Reason::OverBudget(_)));
        entries
            .iter()
            .take_while(|entry| !matches!(entry.reason, Reason::OverBudget(_)))
            .count()
    }

    fn over_budget(
        &self,
        request: &RouteRequest<'_>,
        rule: &CompiledRule,
        signals: &dyn Signals,
    ) -> NoRoute {
        NoRoute::OverBudget {
            op: request.op,
            resource: request.resource.to_owned(),
            tenant: request.tenant.to_owned(),
            budget: self.costs.budget(request.tenant).unwrap_or(0.0),
            spent: signals.tenant_spend(request.tenant),
            rule: rule.name.clone(),
        }
    }

    /// Why a target cannot be a candidate for this operation, if it cannot.
    fn exclusion(&self, target: &CompiledTarget, op: OpId, read: bool) -> Option<Reason> {
        if !self.supports(usize::from(target.instance), op) {
            Some(Reason::Unsupported)
        } else if !target.meets_require {
            Some(Reason::Constraint)
        } else if !read && target.read_only {
            Some(Reason::ReadOnly)
        } else {
            None
        }
    }

    fn no_candidates(
        &self,
        request: &RouteRequest<'_>,
        rule: &CompiledRule,
        excluded: &[Entry],
    ) -> NoRoute {
        NoRoute::NoCandidates {
            op: request.op,
            resource: request.resource.to_owned(),
            rule: rule.name.clone(),
            excluded: excluded
                .iter()
                .map(|entry| {
                    (
                        self.instances.names[usize::from(entry.instance)].clone(),
                        entry.reason,
                    )
                })
                .collect(),
        }
    }
}

/// The reason a candidate starts with, before ordering: what its strategy ranks it by.
fn ranking_reason(
    strategy: Strategy,
    position: usize,
    target: &CompiledTarget,
    signals: &dyn Signals,
) -> Reason {
    match strategy {
        // Compiled rules have at most one target per instance and at most u16::MAX
        // instances, so the position always fits.
        Strategy::Failover => Reason::Listed {
            position: u16::try_from(position).unwrap_or(u16::MAX),
        },
        Strategy::Weighted => Reason::Weighted {
            weight: target.weight,
            total: 0,
        },
        Strategy::LeastLatency => match signals.latency(usize::from(target.instance)) {
            Some(latency) => Reason::Latency(latency),
            None => Reason::Unmeasured,
        },
        // Priced once the candidates are known (`Router::price`).
        Strategy::LeastCost { .. } => Reason::Listed {
            position: u16::try_from(position).unwrap_or(u16::MAX),
        },
    }
}

#[cfg(test)]
#[path = "router_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "least_cost_tests.rs"]
mod least_cost_tests;
