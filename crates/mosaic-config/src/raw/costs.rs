//! What CI runs cost: an instance's `cost` model, and the top-level `costs` section with the
//! public repositories and the tenants' monthly budgets. The `least_cost` route strategy
//! prices runs with them; `mosaic costs` reports what was spent.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a run on this instance costs: hosted runners billed by the minute
/// (`{ per_minute: { linux-2: 0.006, linux-8: 0.022 }, runner: linux-2, free_minutes: 3000,
/// free_public: true }`) or self-hosted capacity paid by the month (`{ monthly: 400,
/// executors: 4 }`), never both. Amounts are in one currency of your choice, the same
/// everywhere in the file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostEntry {
    /// Hosted: the price per minute of each runner class. Each job's minutes are rounded up,
    /// as GitHub bills them.
    #[serde(default)]
    pub per_minute: BTreeMap<String, f64>,
    /// Hosted: the runner class runs use unless they need another; a key of `per_minute`.
    /// May be left out when `per_minute` prices one class. The included minutes and free
    /// public repositories apply to this class only (larger runners are always billed).
    #[serde(default)]
    pub runner: Option<String>,
    /// Hosted: minutes included each billing month for private repositories.
    #[serde(default)]
    pub free_minutes: u32,
    /// Hosted: whether runs of public repositories (see `costs.public`) are free.
    #[serde(default)]
    pub free_public: bool,
    /// Self-hosted: the fixed monthly cost of the capacity (machines, licences, upkeep).
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub monthly: Option<f64>,
    /// Self-hosted: how many runs it takes at once (at least 1). A run costs nothing more
    /// while one is free, and waits in the queue while none is.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub executors: Option<u32>,
}

/// How CI runs are priced across instances: which repositories are public, and what each
/// tenant may spend in a month. Only `least_cost` routes price runs and enforce budgets.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostsSection {
    /// Globs of public repositories (`acme-oss/*`); hosted runners with `free_public` run
    /// them for free. Every other repository is private.
    #[serde(default)]
    pub public: Vec<String>,
    /// Monthly budgets of tenants, the first matching entry applies. A tenant that has spent
    /// its budget this month gets only targets that cost nothing more (a free executor, a
    /// public repository, included minutes) and is refused when there is none, unless the
    /// route says `allow_over_budget: true`.
    #[serde(default)]
    pub budgets: Vec<BudgetEntry>,
}

/// One tenant's monthly budget.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetEntry {
    /// Tenant glob.
    pub tenant: String,
    /// The most its runs may cost in a calendar month (UTC), at least 0.
    #[schemars(range(min = 0))]
    pub monthly: f64,
}
