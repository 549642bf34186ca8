//! The `routes` list: ordered rules deciding which instances serve a request.

use crate::duration::DurationText;
use mosaic_core::ServiceKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a route orders its targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StrategyName {
    /// In the order the targets are listed; the next one only when the previous fails.
    #[default]
    Failover,
    /// Randomly in proportion to target weights, the others as fallbacks.
    Weighted,
    /// Lowest observed latency first.
    LeastLatency,
    /// Lowest expected cost first, for CI runs: the instances' `cost` models, the included
    /// minutes left this month, public repositories, the predicted run time, and the queue of
    /// busy self-hosted executors against the run's deadline (`deadline_minutes`); a target
    /// that would miss the deadline goes behind those that would not, ties by latency. A run
    /// starts on the first target only, so list targets that define the same pipeline.
    LeastCost,
}

/// One routing rule. Rules are tried in order and the first that matches a request decides
/// its candidates. Every match list is optional; an empty (or left out) list matches
/// everything. Patterns are globs: `*` matches any run of characters, `?` one character.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteEntry {
    /// Unique name, shown in plans and audit records.
    pub name: String,
    /// Service kinds the rule applies to (`git`, `ci`, `kb`, `pm`).
    #[serde(default)]
    pub kinds: Vec<ServiceKind>,
    /// Operation id patterns (`git.issues.*`); each must match an operation of the catalog.
    #[serde(default)]
    pub operations: Vec<String>,
    /// Resource patterns: `acme/internal-*`, `space:ENG`, `project:PLAT*`.
    #[serde(default)]
    pub resources: Vec<String>,
    /// Tenant patterns.
    #[serde(default)]
    pub tenants: Vec<String>,
    /// Caller region patterns.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Request labels that must all be present with these values.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Hard constraints: labels every candidate instance must carry with these values
    /// (`jurisdiction: eu`). Targets without them are never used for this rule.
    #[serde(default)]
    pub require: BTreeMap<String, String>,
    /// How the targets are ordered.
    #[serde(default)]
    pub strategy: StrategyName,
    /// The targets run the same pipelines (a workflow file in one, a Jenkinsfile in the
    /// other), so a `ci.runs.trigger` may start on any of them, in the strategy's order. The
    /// next one is tried only when the one before provably started nothing (unreachable, its
    /// circuit open, a refusal before accepting the build); after a timeout or an unreadable
    /// answer the caller gets `write_outcome_unknown`, never a second build. Only for rules
    /// that cover `ci.runs.trigger`.
    #[serde(default)]
    pub interchangeable: bool,
    /// `least_cost` only: whether a tenant over its monthly budget (`costs.budgets`) may
    /// still use targets that cost money. Default `false`: it gets only targets that cost
    /// nothing more, and is refused when there is none.
    #[serde(default)]
    pub allow_over_budget: bool,
    /// Whether the answers of this route's reads are refreshed before they expire, when
    /// `cache.warming` is enabled. Default `true`; `false` keeps warming from spending calls
    /// on this route's instances.
    #[serde(default = "warming_on")]
    pub warming: bool,
    /// The candidate instances. Writes go to the first writable one only (but see
    /// `interchangeable`).
    pub targets: Vec<TargetEntry>,
}

/// One candidate of a route: an instance, or a split of one slot among instances that front
/// the same system (versions of one plugin side by side), each caller sticking to one.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetEntry {
    /// The name of a provider instance. Give this or `split`.
    #[serde(default)]
    pub instance: Option<String>,
    /// The instances sharing this slot, by weight, sticky per tenant and principal: the same
    /// caller keeps the same member while the weights stay. They must front one system: all
    /// instances of one plugin (any versions) with the same settings, or all carrying the same
    /// `system` label. Writes go to the caller's own member, which is then the system of
    /// record; reads fall back to the other members. Give this or `instance`.
    #[serde(default)]
    pub split: Option<Vec<SplitMemberEntry>>,
    /// A split's automatic rollback of its canary. Default, when a member is the canary:
    /// `{ window: 5m, min_calls: 20, margin: 0.05 }`.
    #[serde(default)]
    pub rollback: Option<RollbackEntry>,
    /// Relative weight for the `weighted` strategy.
    #[serde(default = "default_weight")]
    pub weight: u32,
    /// A read-only copy (mirror, replica): serves reads, never receives writes. Not for a
    /// split, whose members take writes.
    #[serde(default)]
    pub read_only: bool,
}

/// One member of a split.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SplitMemberEntry {
    /// The name of a provider instance.
    pub instance: String,
    /// Its relative share of the split's callers; 0 keeps it out.
    #[serde(default = "default_weight")]
    pub weight: u32,
    /// The version under trial: its error rate is watched against the other members' and
    /// it is rolled back (weight 0 until promoted) when it is worse by more than the margin.
    /// At most one per split.
    #[serde(default)]
    pub canary: bool,
}

/// When a canary is rolled back on its own.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollbackEntry {
    /// How far back calls count (`5m`).
    #[serde(default = "default_window")]
    pub window: DurationText,
    /// Calls the canary must have made in the window before it is judged.
    #[serde(default = "default_min_calls")]
    pub min_calls: u32,
    /// How much higher than the other members' error rate the canary's may be, as a
    /// fraction: `0.05` rolls it back at five percentage points more.
    #[serde(default = "default_margin")]
    pub margin: f64,
}

impl Default for RollbackEntry {
    fn default() -> Self {
        Self {
            window: default_window(),
            min_calls: default_min_calls(),
            margin: default_margin(),
        }
    }
}

fn default_window() -> DurationText {
    DurationText(std::time::Duration::from_secs(300))
}

fn default_min_calls() -> u32 {
    20
}

fn warming_on() -> bool {
    true
}

fn default_margin() -> f64 {
    0.05
}

fn default_weight() -> u32 {
    1
}
