//! The human- and machine-readable account of a plan (`mosaic route explain`,
//! `mosaic_route_explain`, audit records). Planning stores indices and compact reasons;
//! this is the only place names and sentences are built.

use crate::compile::{CompiledRule, first_unmet};
use crate::plan::{Plan, Reason};
use crate::request::RouteRequest;
use crate::router::Router;
use crate::split::CompiledSplit;
use serde::Serialize;
use std::fmt;

/// One instance in an explanation and why it is where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplainedInstance {
    /// The instance's name.
    pub instance: String,
    /// Why it is in this position, or why it was left out.
    pub reason: String,
}

/// A plan, explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The operation id.
    pub operation: String,
    /// The resource addressed (`*` for listings across resources).
    pub resource: String,
    /// `read` or `write`.
    pub access: String,
    /// The rule that matched, if any.
    pub rule: Option<String>,
    /// The candidates in the order they will be tried.
    pub candidates: Vec<ExplainedInstance>,
    /// Instances the rule named that were removed, and why.
    pub excluded: Vec<ExplainedInstance>,
    /// The rule's splits: members, weights, the caller's sticky choice, the canary's state.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<ExplainedSplit>,
}

/// One split target of the matched rule, for this caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplainedSplit {
    /// What keeps a caller on one member.
    pub sticky_by: String,
    /// The member this caller sticks to, if any could serve.
    pub chosen: Option<String>,
    /// The canary, if the split has one.
    pub canary: Option<String>,
    /// `active`, `rolled_back` or `promoted`, when the split has a canary.
    pub canary_state: Option<String>,
    /// Every member with its weights.
    pub members: Vec<ExplainedMember>,
}

/// One member of a split.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplainedMember {
    /// The instance's name.
    pub instance: String,
    /// Its configured weight.
    pub weight: u32,
    /// Its weight now, with the canary's state applied.
    pub effective_weight: u32,
    /// Whether it is the split's canary.
    pub canary: bool,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({}) on {}",
            self.operation, self.access, self.resource
        )?;
        match &self.rule {
            Some(rule) => writeln!(f, "rule: {rule}")?,
            None => writeln!(f, "rule: none matched")?,
        }
        for (position, candidate) in self.candidates.iter().enumerate() {
            writeln!(
                f,
                "  {}. {} — {}",
                position + 1,
                candidate.instance,
                candidate.reason
            )?;
        }
        for excluded in &self.excluded {
            writeln!(f, "  x  {} — {}", excluded.instance, excluded.reason)?;
        }
        for split in &self.splits {
            let members: Vec<String> = split
                .members
                .iter()
                .map(|member| {
                    let canary = if member.canary { ", canary" } else { "" };
                    if member.weight == member.effective_weight {
                        format!("{} (weight {}{canary})", member.instance, member.weight)
                    } else {
                        format!(
                            "{} (weight {}, configured {}{canary})",
                            member.instance, member.effective_weight, member.weight
                        )
                    }
                })
                .collect();
            writeln!(f, "split: {}", members.join(", "))?;
            match &split.chosen {
                Some(chosen) => writeln!(f, "  sticky by {}: {chosen}", split.sticky_by)?,
                None => writeln!(f, "  sticky by {}: no member can serve", split.sticky_by)?,
            }
            if let (Some(canary), Some(state)) = (&split.canary, &split.canary_state) {
                writeln!(f, "  canary {canary}: {state}")?;
            }
        }
        Ok(())
    }
}

impl Router {
    /// Renders a plan this router made for `request` with instance names and reasons.
    pub fn explain(&self, request: &RouteRequest<'_>, plan: &Plan) -> Explanation {
        let rule = plan.rule_index().and_then(|index| self.rules.get(index));
        let sticky = |instance: usize| {
            plan.splits
                .iter()
                .any(|choice| choice.chosen.map(usize::from) == Some(instance))
        };
        let explained = |(instance, reason): (usize, Reason)| ExplainedInstance {
            instance: self.instance_name(instance),
            reason: match self.reason_text(request, rule, instance, reason) {
                text if sticky(instance) => format!("{text}; split: the caller's sticky version"),
                text => text,
            },
        };
        Explanation {
            operation: request.op.name().to_owned(),
            resource: match request.resource {
                "" => "*".to_owned(),
                resource => resource.to_owned(),
            },
            access: if request.is_read() { "read" } else { "write" }.to_owned(),
            rule: plan.rule().map(str::to_owned),
            candidates: plan.candidates().map(explained).collect(),
            excluded: plan.excluded().map(explained).collect(),
            splits: match rule {
                Some(rule) => self.explain_splits(request, rule, plan),
                None => Vec::new(),
            },
        }
    }

    fn explain_splits(
        &self,
        request: &RouteRequest<'_>,
        rule: &CompiledRule,
        plan: &Plan,
    ) -> Vec<ExplainedSplit> {
        plan.splits
            .iter()
            .filter_map(|choice| {
                let split = rule.splits.get(usize::from(choice.split))?;
                Some(ExplainedSplit {
                    sticky_by: format!(
                        "tenant `{}` and principal `{}`",
                        request.tenant, request.principal
                    ),
                    chosen: choice
                        .chosen
                        .map(|instance| self.instance_name(usize::from(instance))),
                    canary: split
                        .canary
                        .map(|instance| self.instance_name(usize::from(instance))),
                    canary_state: split.canary.map(|_| choice.state.as_str().to_owned()),
                    members: split
                        .members
                        .iter()
                        .map(|member| ExplainedMember {
                            instance: self.instance_name(usize::from(member.instance)),
                            weight: member.weight,
                            effective_weight: CompiledSplit::effective_weight(member, choice.state),
                            canary: member.canary,
                        })
                        .collect(),
                })
            })
            .collect()
    }

    fn instance_name(&self, instance: usize) -> String {
        match self.instances.infos.get(instance) {
            Some(info) => info.name.clone(),
            // A plan made by another router (before a configuration reload).
            None => format!("#{instance} (not in this configuration)"),
        }
    }

    /// The reason, with the details the compact form leaves out: which operation is
    /// unsupported, which required label is missing.
    fn reason_text(
        &self,
        request: &RouteRequest<'_>,
        rule: Option<&CompiledRule>,
        instance: usize,
        reason: Reason,
    ) -> String {
        match reason {
            Reason::Unsupported => format!("does not support {}", request.op.name()),
            Reason::Constraint => {
                let labels = self.instances.infos.get(instance).map(|info| &info.labels);
                let unmet = rule
                    .zip(labels)
                    .and_then(|(rule, labels)| Some((first_unmet(&rule.require, labels)?, labels)));
                match unmet {
                    Some(((key, wanted), labels)) => match labels.get(key) {
                        Some(actual) => {
                            format!("hard constraint: requires {key}={wanted}, has {key}={actual}")
                        }
                        None => {
                            format!("hard constraint: requires {key}={wanted}, has no {key} label")
                        }
                    },
                    None => reason.to_string(),
                }
            }
            Reason::Listed { .. }
            | Reason::Weighted { .. }
            | Reason::Unmeasured
            | Reason::Latency(_)
            | Reason::Cost(_)
            | Reason::OverBudget(_)
            | Reason::CircuitOpen
            | Reason::SystemOfRecord { .. }
            | Reason::Pinned
            | Reason::ReadOnly
            | Reason::NotSystemOfRecord
            | Reason::SplitFallback
            | Reason::SplitDrained { .. } => reason.to_string(),
        }
    }
}

#[cfg(test)]
#[path = "explain_tests.rs"]
mod tests;
