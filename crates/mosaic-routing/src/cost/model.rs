//! The cost settings the configuration hands the router: each instance's cost model, the
//! tenants' monthly budgets and which repositories are public. Checked once, when the router
//! takes them.

use crate::config_error::RouteConfigError;
use mosaic_core::glob;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a run on an instance costs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostModel {
    /// Hosted runners billed by the minute (GitHub Actions): each job's minutes rounded up.
    PerMinute {
        /// Price per minute by runner class (`linux-2: 0.006`).
        prices: BTreeMap<String, f64>,
        /// The class runs use unless they name another; one of `prices`. The included minutes
        /// and free public repositories apply to this class only, as on GitHub, where larger
        /// runners are always billed.
        runner: String,
        /// Minutes included each billing month for private repositories.
        free_minutes: u32,
        /// Whether runs of public repositories are free.
        free_public: bool,
    },
    /// Self-hosted capacity (Jenkins agents) paid for by the month, whatever it runs: a run
    /// costs nothing more while an executor is free, and waits in the queue while none is.
    Capacity {
        /// The fixed monthly cost.
        monthly: f64,
        /// How many runs it takes at once (at least 1).
        executors: u32,
    },
}

impl CostModel {
    /// The price per minute of `class` (the default runner when `None` or not priced).
    pub fn price(&self, class: Option<&str>) -> f64 {
        match self {
            Self::PerMinute { prices, runner, .. } => class
                .and_then(|class| prices.get(class))
                .or_else(|| prices.get(runner))
                .copied()
                .unwrap_or(0.0),
            Self::Capacity { .. } => 0.0,
        }
    }

    /// What a finished run of `secs` seconds costs and how many of the month's included
    /// minutes it takes, `used` of them being gone already: each job's minutes rounded up;
    /// public repositories free on the default runner where the model says so; the included
    /// minutes first, on the default runner only. Nothing on fixed-cost capacity.
    pub fn bill(&self, secs: u64, class: Option<&str>, public: bool, used: f64) -> Bill {
        let Self::PerMinute {
            runner,
            free_minutes,
            free_public,
            ..
        } = self
        else {
            return Bill::default();
        };
        let minutes = secs.div_ceil(60) as f64;
        let price = self.price(class);
        if self.class(class) != Some(runner.as_str()) {
            return Bill {
                cost: minutes * price,
                included: 0.0,
            };
        }
        if public && *free_public {
            return Bill::default();
        }
        let included = minutes.min((f64::from(*free_minutes) - used).max(0.0));
        Bill {
            cost: (minutes - included) * price,
            included,
        }
    }

    /// The class a run of `class` is billed as: its own when priced, else the default runner.
    pub fn class<'a>(&'a self, class: Option<&'a str>) -> Option<&'a str> {
        match self {
            Self::PerMinute { prices, runner, .. } => Some(
                class
                    .filter(|class| prices.contains_key(*class))
                    .unwrap_or(runner),
            ),
            Self::Capacity { .. } => None,
        }
    }
}

/// What one finished run cost.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Bill {
    /// Its cost.
    pub cost: f64,
    /// The included minutes it used.
    pub included: f64,
}

/// The cost facts of one instance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InstanceCost {
    /// The instance's name.
    pub instance: String,
    /// Cost of one call, for operations that start no run.
    pub per_call: f64,
    /// What its runs cost, when it runs CI.
    pub model: Option<CostModel>,
}

/// A tenant's monthly budget for CI runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Budget {
    /// Tenant glob; the first budget whose pattern matches applies.
    pub tenant: String,
    /// The most the tenant may spend on runs in one month.
    pub monthly: f64,
}

/// Everything cost-aware routing knows that does not change while the gateway runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CostSettings {
    /// Per instance; instances left out cost nothing per call and have no run cost model.
    pub instances: Vec<InstanceCost>,
    /// Monthly budgets, in order.
    pub budgets: Vec<Budget>,
    /// Globs of public repositories (`acme-oss/*`).
    pub public: Vec<String>,
}

/// The settings indexed by the router's instance numbers.
#[derive(Debug, Default)]
pub(crate) struct CompiledCosts {
    pub(crate) per_call: Vec<f64>,
    pub(crate) models: Vec<Option<CostModel>>,
    pub(crate) budgets: Vec<Budget>,
    pub(crate) public: Vec<String>,
}

impl CompiledCosts {
    /// Checks `settings` against the instance names (by index) and indexes them.
    pub(crate) fn compile(
        settings: CostSettings,
        index: impl Fn(&str) -> Option<usize>,
        count: usize,
    ) -> Result<Self, Vec<RouteConfigError>> {
        let mut errors = Vec::new();
        let mut per_call = vec![0.0; count];
        let mut models = vec![None; count];
        for (position, cost) in settings.instances.into_iter().enumerate() {
            let path = format!("costs.instances[{position}]");
            let Some(at) = index(&cost.instance) else {
                errors.push(RouteConfigError::new(
                    path,
                    format!("unknown instance `{}`", cost.instance),
                ));
                continue;
            };
            check_model(cost.model.as_ref(), &path, &mut errors);
            per_call[at] = cost.per_call;
            models[at] = cost.model;
        }
        for (position, budget) in settings.budgets.iter().enumerate() {
            if !budget.monthly.is_finite() || budget.monthly < 0.0 {
                errors.push(RouteConfigError::new(
                    format!("costs.budgets[{position}].monthly"),
                    "must be a number of at least 0",
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            per_call,
            models,
            budgets: settings.budgets,
            public: settings.public,
        })
    }

    /// Whether `repo` is public.
    pub(crate) fn is_public(&self, repo: &str) -> bool {
        self.public
            .iter()
            .any(|pattern| glob::matches(pattern, repo))
    }

    /// The budget of `tenant`, if one applies.
    pub(crate) fn budget(&self, tenant: &str) -> Option<f64> {
        self.budgets
            .iter()
            .find(|budget| glob::matches(&budget.tenant, tenant))
            .map(|budget| budget.monthly)
    }
}

/// The router's own guard on models built by hand (the configuration checks them first, with
/// the file's paths).
fn check_model(model: Option<&CostModel>, path: &str, errors: &mut Vec<RouteConfigError>) {
    match model {
        Some(CostModel::PerMinute { prices, runner, .. }) => {
            if !prices.contains_key(runner) {
                errors.push(RouteConfigError::new(
                    format!("{path}.runner"),
                    format!("runner `{runner}` has no price"),
                ));
            }
            if prices
                .values()
                .any(|price| !price.is_finite() || *price < 0.0)
            {
                errors.push(RouteConfigError::new(
                    format!("{path}.prices"),
                    "prices must be numbers of at least 0",
                ));
            }
        }
        Some(CostModel::Capacity { monthly, executors }) => {
            if *executors == 0 {
                errors.push(RouteConfigError::new(
                    format!("{path}.executors"),
                    "must be at least 1",
                ));
            }
            if !monthly.is_finite() || *monthly < 0.0 {
                errors.push(RouteConfigError::new(
                    format!("{path}.monthly"),
                    "must be a number of at least 0",
                ));
            }
        }
        None => {}
    }
}
