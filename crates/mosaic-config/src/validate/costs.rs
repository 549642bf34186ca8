//! Validation of what runs cost: each instance's `cost` model (one of hosted per-minute
//! pricing or self-hosted capacity, prices at least 0, the runner priced, at least one
//! executor) and the `costs` section (budgets at least 0, patterns not empty), every problem
//! at its path.

use crate::error::{ConfigError, child_path};
use crate::raw::{CostEntry, CostsSection};
use mosaic_routing::cost::{Budget, CostModel, CostSettings, InstanceCost};

/// The model an instance's `cost` entry (at `path`) describes, if it is valid.
pub(crate) fn model(
    entry: &CostEntry,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<CostModel> {
    let before = errors.len();
    let hosted = !entry.per_minute.is_empty() || entry.runner.is_some();
    let self_hosted = entry.monthly.is_some() || entry.executors.is_some();
    if hosted && self_hosted {
        errors.push(ConfigError::new(
            path,
            "either hosted runners (`per_minute`, `runner`, `free_minutes`, `free_public`) or self-hosted capacity (`monthly`, `executors`), not both",
        ));
        return None;
    }
    if self_hosted {
        let monthly = entry.monthly.unwrap_or_else(|| {
            errors.push(ConfigError::new(
                child_path(path, "monthly"),
                "self-hosted capacity needs its fixed monthly cost",
            ));
            0.0
        });
        amount(monthly, &child_path(path, "monthly"), errors);
        let executors = match entry.executors {
            Some(0) => {
                errors.push(ConfigError::new(
                    child_path(path, "executors"),
                    "must be at least 1",
                ));
                0
            }
            Some(executors) => executors,
            None => {
                errors.push(ConfigError::new(
                    child_path(path, "executors"),
                    "self-hosted capacity needs its number of executors",
                ));
                0
            }
        };
        if entry.free_minutes > 0 || entry.free_public {
            errors.push(ConfigError::new(
                path,
                "`free_minutes` and `free_public` are for hosted runners; self-hosted capacity costs its `monthly` whatever it runs",
            ));
        }
        return (errors.len() == before).then_some(CostModel::Capacity { monthly, executors });
    }
    if entry.per_minute.is_empty() {
        errors.push(ConfigError::new(
            child_path(path, "per_minute"),
            "hosted runners need the price per minute of at least one runner class (`{ linux-2: 0.006 }`); for self-hosted capacity give `monthly` and `executors`",
        ));
        return None;
    }
    let prices = child_path(path, "per_minute");
    for (class, price) in &entry.per_minute {
        amount(*price, &child_path(&prices, class), errors);
    }
    let classes = || {
        entry
            .per_minute
            .keys()
            .map(|class| format!("`{class}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let runner = match &entry.runner {
        Some(runner) if entry.per_minute.contains_key(runner) => runner.clone(),
        Some(runner) => {
            errors.push(ConfigError::new(
                child_path(path, "runner"),
                format!(
                    "runner `{runner}` has no price in `per_minute`; priced: {}",
                    classes()
                ),
            ));
            String::new()
        }
        None if entry.per_minute.len() == 1 => {
            entry.per_minute.keys().next().cloned().unwrap_or_default()
        }
        None => {
            errors.push(ConfigError::new(
                child_path(path, "runner"),
                format!("name the class runs use by default, one of {}", classes()),
            ));
            String::new()
        }
    };
    (errors.len() == before).then(|| CostModel::PerMinute {
        prices: entry.per_minute.clone(),
        runner,
        free_minutes: entry.free_minutes,
        free_public: entry.free_public,
    })
}

/// The `costs` section with the instances' models: what the router prices runs with.
pub(crate) fn settings(
    section: CostsSection,
    instances: Vec<InstanceCost>,
    errors: &mut Vec<ConfigError>,
) -> CostSettings {
    for (index, pattern) in section.public.iter().enumerate() {
        if pattern.trim().is_empty() {
            errors.push(ConfigError::new(
                format!("costs.public[{index}]"),
                "must not be empty",
            ));
        }
    }
    let budgets = section
        .budgets
        .into_iter()
        .enumerate()
        .map(|(index, budget)| {
            let path = format!("costs.budgets[{index}]");
            if budget.tenant.trim().is_empty() {
                errors.push(ConfigError::new(
                    child_path(&path, "tenant"),
                    "must not be empty",
                ));
            }
            amount(budget.monthly, &child_path(&path, "monthly"), errors);
            Budget {
                tenant: budget.tenant,
                monthly: budget.monthly,
            }
        })
        .collect();
    CostSettings {
        instances,
        budgets,
        public: section.public,
    }
}

fn amount(value: f64, path: &str, errors: &mut Vec<ConfigError>) {
    if !value.is_finite() || value < 0.0 {
        errors.push(ConfigError::new(path, "must be a number of at least 0"));
    }
}
