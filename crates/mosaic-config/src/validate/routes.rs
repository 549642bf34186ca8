//! Validation of the `routes` list: each entry becomes a [`RuleSpec`], and the router itself
//! checks the rules against the instances (targets exist, operation globs match the
//! catalog, kinds fit, required labels can be met), so the file is judged by the same code
//! that will route with it.

use crate::error::ConfigError;
use crate::parse::Indexed;
use crate::raw::{RouteEntry, StrategyName};
use mosaic_routing::{InstanceInfo, Router, RuleSpec, Strategy, TargetSpec};

pub(crate) fn routes(
    entries: Vec<Indexed<RouteEntry>>,
    infos: Vec<InstanceInfo>,
    errors: &mut Vec<ConfigError>,
) -> Vec<RuleSpec> {
    // The router numbers the rules it is given; the file's numbers differ when an entry
    // could not be read at all, so remember which is which.
    let file_index: Vec<usize> = entries.iter().map(|indexed| indexed.index).collect();
    for Indexed { index, entry } in &entries {
        if entry.allow_over_budget && entry.strategy != StrategyName::LeastCost {
            errors.push(ConfigError::new(
                format!("routes[{index}].allow_over_budget"),
                "only `least_cost` routes price runs and enforce budgets; set `strategy: least_cost` or leave this out",
            ));
        }
    }
    let rules: Vec<RuleSpec> = entries
        .into_iter()
        .map(|Indexed { entry, .. }| rule(entry))
        .collect();
    if let Err(problems) = Router::new(rules.clone(), infos) {
        errors.extend(problems.into_iter().map(|problem| {
            ConfigError::new(renumber(&problem.path, &file_index), problem.message)
        }));
    }
    rules
}

fn rule(entry: RouteEntry) -> RuleSpec {
    RuleSpec {
        name: entry.name,
        kinds: entry.kinds,
        operations: entry.operations,
        resources: entry.resources,
        tenants: entry.tenants,
        regions: entry.regions,
        labels: entry.labels,
        require: entry.require,
        strategy: match entry.strategy {
            StrategyName::Failover => Strategy::Failover,
            StrategyName::Weighted => Strategy::Weighted,
            StrategyName::LeastLatency => Strategy::LeastLatency,
            StrategyName::LeastCost => Strategy::LeastCost {
                allow_over_budget: entry.allow_over_budget,
            },
        },
        interchangeable: entry.interchangeable,
        targets: entry
            .targets
            .into_iter()
            .map(|target| TargetSpec {
                instance: target.instance,
                weight: target.weight,
                read_only: target.read_only,
            })
            .collect(),
    }
}

/// `routes[k]...` in the router's numbering to the file's; instance paths to `providers`.
fn renumber(path: &str, file_index: &[usize]) -> String {
    if let Some(rest) = path.strip_prefix("instances") {
        return format!("providers{rest}");
    }
    let Some(rest) = path.strip_prefix("routes[") else {
        return path.to_owned();
    };
    let Some((number, tail)) = rest.split_once(']') else {
        return path.to_owned();
    };
    match number.parse::<usize>().ok().and_then(|k| file_index.get(k)) {
        Some(index) => format!("routes[{index}]{tail}"),
        None => path.to_owned(),
    }
}

#[cfg(test)]
#[path = "routes_tests.rs"]
mod tests;
