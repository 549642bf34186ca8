//! Validation of the `providers` list: names, plugins, and each plugin's own check of its
//! `settings` (pure: no network, files or secrets), with every error under the instance's
//! path.

use super::sections::positive;
use crate::error::{ConfigError, child_path};
use crate::model::{InstanceRateLimit, InstanceSpec, RateLimitSetBy, plugin_id};
use crate::parse::{BrokenProvider, Indexed};
use crate::raw::{ProviderEntry, RateLimitEntry};
use mosaic_core::{OpId, ServiceKind};
use mosaic_plugin::Plugins;
use mosaic_plugin::{InstanceBuilder, Plugin, RateLimit};
use mosaic_routing::InstanceInfo;
use mosaic_routing::cost::InstanceCost;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The validated instances, and what the router needs to check routes against them.
pub(crate) struct Instances {
    /// Fully valid instances, in file order.
    pub specs: Vec<InstanceSpec>,
    /// One entry per distinct instance name, valid or not, in file order. A broken entry
    /// still counts as existing (with every kind and operation), so that routes naming it
    /// are not reported a second time.
    pub infos: Vec<InstanceInfo>,
    /// What each valid instance costs, for cost-aware routing.
    pub costs: Vec<InstanceCost>,
}

pub(crate) fn providers(
    entries: Vec<Indexed<ProviderEntry>>,
    broken: Vec<BrokenProvider>,
    registry: &Plugins,
    errors: &mut Vec<ConfigError>,
) -> Instances {
    let mut infos: Vec<(usize, InstanceInfo)> = Vec::new();
    let mut specs = Vec::with_capacity(entries.len());
    let mut costs = Vec::with_capacity(entries.len());
    for Indexed { index, entry } in entries {
        let path = format!("providers[{index}]");
        check_name(&entry.name, &path, errors);
        let plugin = resolve(&entry.plugin, registry, &format!("{path}.plugin"), errors);
        if !entry.cost_per_call.is_finite() || entry.cost_per_call < 0.0 {
            errors.push(ConfigError::new(
                format!("{path}.cost_per_call"),
                "must be a number of at least 0",
            ));
        }
        if let Some(timeout) = entry.timeout {
            positive(timeout.0, &format!("{path}.timeout"), errors);
        }
        if entry
            .region
            .as_deref()
            .is_some_and(|region| region.trim().is_empty())
        {
            errors.push(ConfigError::new(
                format!("{path}.region"),
                "must not be empty (leave it out instead)",
            ));
        }
        let rate_limit = rate_limit(
            entry.rate_limit.as_ref(),
            plugin.as_deref(),
            &format!("{path}.rate_limit"),
            errors,
        );
        infos.push((
            index,
            info(
                &entry.name,
                plugin.as_deref(),
                &entry.labels,
                entry.region.clone(),
            ),
        ));
        let model = entry
            .cost
            .as_ref()
            .and_then(|cost| super::costs::model(cost, &format!("{path}.cost"), errors));
        let Some(plugin) = plugin else { continue };
        if let Some(builder) = check_settings(plugin.as_ref(), &entry.settings, &path, errors) {
            costs.push(InstanceCost {
                instance: entry.name.clone(),
                per_call: entry.cost_per_call,
                model,
            });
            specs.push(InstanceSpec {
                name: entry.name,
                plugin,
                region: entry.region,
                labels: entry.labels,
                public: entry.public,
                cost_per_call: entry.cost_per_call,
                timeout: entry.timeout.map(|timeout| timeout.0),
                rate_limit,
                builder,
                settings: entry.settings,
            });
        }
    }
    for entry in broken {
        // The entry's own shape error is already reported; check what can still be read, so
        // that fixing it does not reveal a second round of errors.
        let path = format!("providers[{}]", entry.index);
        let plugin = entry
            .plugin
            .as_deref()
            .and_then(|text| resolve(text, registry, &format!("{path}.plugin"), errors));
        if let (Some(plugin), Some(settings)) = (&plugin, &entry.settings) {
            check_settings(plugin.as_ref(), settings, &path, errors);
        }
        let Some(name) = entry.name else { continue };
        check_name(&name, &path, errors);
        infos.push((
            entry.index,
            info(&name, plugin.as_deref(), &entry.labels, None),
        ));
    }
    infos.sort_by_key(|(index, _)| *index);
    Instances {
        specs,
        infos: unique(infos, errors),
        costs,
    }
}

/// The limit an instance runs under: its own `rate_limit` (checked, problems reported under
/// `path`), else its plugin's default; none when it wrote `off`.
fn rate_limit(
    written: Option<&RateLimitEntry>,
    plugin: Option<&dyn Plugin>,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<InstanceRateLimit> {
    match written {
        Some(RateLimitEntry::Off) => None,
        Some(RateLimitEntry::Limit(section)) => {
            match RateLimit::checked(section.requests, section.per.0, section.burst) {
                Ok(limit) => Some(InstanceRateLimit {
                    limit,
                    set_by: RateLimitSetBy::Instance,
                }),
                Err(problems) => {
                    errors.extend(problems.into_iter().map(|problem| {
                        ConfigError::new(child_path(path, &problem.path), problem.message)
                    }));
                    None
                }
            }
        }
        None => plugin
            .and_then(|plugin| plugin.descriptor().default_rate_limit)
            .map(|limit| InstanceRateLimit {
                limit,
                set_by: RateLimitSetBy::Plugin,
            }),
    }
}

/// The plugin's own check of an entry's `settings`, its problems reported below
/// `{path}.settings`.
fn check_settings(
    plugin: &dyn Plugin,
    settings: &serde_json::Value,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<Box<dyn InstanceBuilder>> {
    match plugin.validate(settings) {
        Ok(builder) => Some(builder),
        Err(problems) => {
            let settings = format!("{path}.settings");
            errors.extend(problems.into_iter().map(|problem| {
                ConfigError::new(child_path(&settings, &problem.path), problem.message)
            }));
            None
        }
    }
}

/// Keeps the first instance of each name and reports the others.
fn unique(infos: Vec<(usize, InstanceInfo)>, errors: &mut Vec<ConfigError>) -> Vec<InstanceInfo> {
    let mut first_use: HashMap<String, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(infos.len());
    for (index, info) in infos {
        if let Some(first) = first_use.get(&info.name) {
            errors.push(ConfigError::new(
                format!("providers[{index}].name"),
                format!(
                    "duplicate instance name `{}` (first used by providers[{first}])",
                    info.name
                ),
            ));
        } else {
            first_use.insert(info.name.clone(), index);
            kept.push(info);
        }
    }
    kept
}

/// Names are used in routes, URLs, metrics labels and audit records.
fn check_name(name: &str, path: &str, errors: &mut Vec<ConfigError>) {
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        errors.push(ConfigError::new(
            format!("{path}.name"),
            format!(
                "`{name}` is not a valid instance name: use lowercase letters, digits, `-` and `_`, starting with a letter or digit"
            ),
        ));
    }
}

/// The plugin for `sim` or `sim@1.0.0`.
fn find<'r>(text: &str, registry: &'r Plugins) -> Option<&'r Arc<dyn Plugin>> {
    let (name, version) = match text.split_once('@') {
        Some((name, version)) => (name, Some(version)),
        None => (text, None),
    };
    registry.find(name, version)
}

fn resolve(
    text: &str,
    registry: &Plugins,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<Arc<dyn Plugin>> {
    if let Some(plugin) = find(text, registry) {
        return Some(plugin.clone());
    }
    let name = text.split_once('@').map_or(text, |(name, _)| name);
    let ids = |of: Option<&str>| -> String {
        registry
            .iter()
            .filter(|plugin| of.is_none_or(|name| plugin.descriptor().name == name))
            .map(|plugin| plugin_id(plugin.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A known plugin asked at a version it lacks lists that plugin's versions only.
    let message = if registry.find(name, None).is_some() {
        format!(
            "plugin `{name}` has no version `{}`; available: {}",
            text.split_once('@').map_or("", |(_, version)| version),
            ids(Some(name))
        )
    } else {
        format!("unknown plugin `{text}`; available: {}", ids(None))
    };
    errors.push(ConfigError::new(path, message));
    None
}

/// What the router knows of an instance before it runs: the plugin's kinds and operations
/// (every kind and operation when the plugin is unknown, which is already an error).
fn info(
    name: &str,
    plugin: Option<&dyn Plugin>,
    labels: &BTreeMap<String, String>,
    region: Option<String>,
) -> InstanceInfo {
    let (kinds, supported) = match plugin {
        Some(plugin) => (
            plugin.descriptor().kinds.as_slice().to_vec(),
            OpId::ALL
                .iter()
                .filter(|op| plugin.descriptor().supports(**op).is_supported())
                .fold(0u64, |mask, op| mask | (1u64 << (*op as u32))),
        ),
        None => (ServiceKind::ALL.to_vec(), u64::MAX),
    };
    InstanceInfo {
        name: name.to_owned(),
        kinds,
        supported,
        labels: labels.clone(),
        region,
    }
}
