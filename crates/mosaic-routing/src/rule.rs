//! Route rules in their validated form, as the configuration hands them to the router.

use crate::split::SplitSpec;
use mosaic_core::ServiceKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// How a rule orders its candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// In the order the targets are listed.
    Failover,
    /// Randomly by target weight, then the rest as fallbacks.
    Weighted,
    /// Lowest observed latency (moving average) first.
    LeastLatency,
    /// Lowest expected cost first (see [`crate::cost`]), candidates that would miss the
    /// run's deadline behind those that would not, ties by latency. A tenant over its
    /// monthly budget gets only candidates that cost nothing more, unless the rule allows
    /// going over.
    LeastCost {
        /// Whether a tenant over its budget may still use candidates that cost money.
        allow_over_budget: bool,
    },
}

/// One target of a rule: an instance, or a split among instances that front one system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TargetSpec {
    /// The provider instance's name; empty for a split (its members name theirs).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub instance: String,
    /// Relative weight for the `weighted` strategy (a split's slot weighs this much).
    pub weight: u32,
    /// A read-only copy (mirror, replica): serves reads, never receives writes.
    pub read_only: bool,
    /// When set, the slot is shared by these instances, each caller sticking to one of them
    /// (see [`crate::split`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split: Option<SplitSpec>,
}

impl TargetSpec {
    /// A target naming one instance.
    pub fn instance(instance: impl Into<String>, weight: u32, read_only: bool) -> Self {
        Self {
            instance: instance.into(),
            weight,
            read_only,
            split: None,
        }
    }

    /// A target split among `split`'s members.
    pub fn split(split: SplitSpec, weight: u32) -> Self {
        Self {
            instance: String::new(),
            weight,
            read_only: false,
            split: Some(split),
        }
    }
}

/// One ordered routing rule. Empty match lists match everything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleSpec {
    /// Name shown in plans and audit records.
    pub name: String,
    /// Service kinds the rule applies to.
    pub kinds: Vec<ServiceKind>,
    /// Operation id globs (`git.issues.*`).
    pub operations: Vec<String>,
    /// Resource globs (`acme/internal-*`, `project:PLAT*`).
    pub resources: Vec<String>,
    /// Tenants the rule applies to.
    pub tenants: Vec<String>,
    /// Caller regions the rule applies to.
    pub regions: Vec<String>,
    /// Request labels that must all be present with these values.
    pub labels: BTreeMap<String, String>,
    /// Hard constraints: instance labels every candidate must carry (e.g. `jurisdiction: eu`).
    pub require: BTreeMap<String, String>,
    /// How candidates are ordered.
    pub strategy: Strategy,
    /// The targets run the same pipelines, so a `ci.runs.trigger` may start on any of them:
    /// in the strategy's order, the next one tried only when the one before provably started
    /// nothing. Without it a trigger, like every write, goes to the first target alone.
    pub interchangeable: bool,
    /// The candidate instances.
    pub targets: Vec<TargetSpec>,
}

/// What the router knows about a provider instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InstanceInfo {
    /// Unique name.
    pub name: String,
    /// The kinds it serves.
    pub kinds: Vec<ServiceKind>,
    /// Which operations it supports, as a bitset indexed by `OpId as usize`.
    pub supported: u64,
    /// Instance labels, for hard constraints.
    pub labels: BTreeMap<String, String>,
    /// Where it runs.
    pub region: Option<String>,
}
