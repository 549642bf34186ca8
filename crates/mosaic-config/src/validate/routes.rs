//! Validation of the `routes` list: each entry becomes a [`RuleSpec`], and the router itself
//! checks the rules against the instances (targets exist, operation globs match the
//! catalog, kinds fit, required labels can be met, splits can share their slot), so the file
//! is judged by the same code that will route with it. What the router cannot know — that a
//! split's members front one system — is checked here (`split.rs`).

use super::split::{self, Systems};
use crate::error::ConfigError;
use crate::parse::Indexed;
use crate::raw::{RouteEntry, StrategyName, TargetEntry};
use mosaic_routing::{InstanceInfo, Router, RuleSpec, Strategy, TargetSpec};

pub(crate) fn routes(
    entries: Vec<Indexed<RouteEntry>>,
    infos: Vec<InstanceInfo>,
    systems: &Systems<'_>,
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
        .map(|Indexed { index, entry }| rule(index, entry, systems, errors))
        .collect();
    // A target whose shape is already reported (neither an instance nor a split) would only
    // be reported again by the router as an unknown instance.
    let shapeless: Vec<String> = errors
        .iter()
        .filter(|error| error.path.ends_with(']') && error.path.contains(".targets["))
        .map(|error| error.path.clone())
        .collect();
    if let Err(problems) = Router::new(rules.clone(), infos) {
        errors.extend(
            problems
                .into_iter()
                .map(|problem| {
                    ConfigError::new(renumber(&problem.path, &file_index), problem.message)
                })
                .filter(|error| {
                    !shapeless
                        .iter()
                        .any(|path| error.path.starts_with(path.as_str()))
                }),
        );
    }
    rules
}

fn rule(
    index: usize,
    entry: RouteEntry,
    systems: &Systems<'_>,
    errors: &mut Vec<ConfigError>,
) -> RuleSpec {
    let targets = entry
        .targets
        .into_iter()
        .enumerate()
        .map(|(position, target)| {
            self::target(
                &format!("routes[{index}].targets[{position}]"),
                target,
                systems,
                errors,
            )
        })
        .collect();
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
        targets,
    }
}

/// One target: an instance, or a split checked for one system (the router checks the rest).
fn target(
    path: &str,
    target: TargetEntry,
    systems: &Systems<'_>,
    errors: &mut Vec<ConfigError>,
) -> TargetSpec {
    match (target.instance, target.split) {
        (Some(instance), None) => {
            if target.rollback.is_some() {
                errors.push(ConfigError::new(
                    format!("{path}.rollback"),
                    "watches the canary of a split; this target names one instance",
                ));
            }
            TargetSpec::instance(instance, target.weight, target.read_only)
        }
        (None, Some(members)) => {
            if target.read_only {
                errors.push(ConfigError::new(
                    format!("{path}.read_only"),
                    "a split's members take writes; list a read-only copy as a target of its own",
                ));
            }
            let split = split::spec(path, members, target.rollback, systems, errors);
            TargetSpec::split(split, target.weight)
        }
        (Some(instance), Some(_)) => {
            errors.push(ConfigError::new(
                path,
                "names an `instance` and a `split`; give one of them",
            ));
            TargetSpec::instance(instance, target.weight, target.read_only)
        }
        (None, None) => {
            errors.push(ConfigError::new(
                path,
                "needs an `instance` (one provider instance) or a `split` (versions side by side)",
            ));
            TargetSpec::instance(String::new(), target.weight, target.read_only)
        }
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
