//! From the YAML tree to the raw types, collecting every shape error with its full path.
//!
//! Deserializing the whole file at once would stop at the first error. Instead each section
//! and each list element is deserialized on its own (with `serde_path_to_error` for the path
//! inside it), so one broken provider does not hide the errors of the next. A broken part is
//! left out of what follows; its error is already recorded.

use crate::env::key_text;
use crate::error::{ConfigError, child_path};
use crate::gaps::Essential;
use crate::raw::{
    AnonymousEntry, ApiKeyEntry, CacheSection, CostsSection, ExecutorSection, PluginsSection,
    PolicyEntry, ProviderEntry, RouteEntry, SECTIONS, ServerSection, StoreSection, UpstreamEntry,
};
use serde::de::DeserializeOwned;
use yaml_serde::Value;

/// A list element with its position in the file's list.
#[derive(Debug)]
pub(crate) struct Indexed<T> {
    /// Index in the file's list, for error paths.
    pub index: usize,
    /// The element.
    pub entry: T,
}

/// A provider entry whose shape is wrong, as far as it can still be read. Routes naming it
/// should not get an extra "unknown instance" error on top of the entry's own.
#[derive(Debug)]
pub(crate) struct BrokenProvider {
    /// Index in `providers`.
    pub index: usize,
    /// The `name`, when it is a string.
    pub name: Option<String>,
    /// The `plugin`, when it is a string.
    pub plugin: Option<String>,
    /// The `labels`, when they are a map of strings.
    pub labels: std::collections::BTreeMap<String, String>,
    /// The `settings`, when present, so that their own problems are reported beside the
    /// entry's.
    pub settings: Option<serde_json::Value>,
}

/// The file's sections in raw form. A missing or broken section holds its default.
#[derive(Debug, Default)]
pub(crate) struct RawSections {
    pub server: ServerSection,
    pub store: StoreSection,
    pub cache: CacheSection,
    pub executor: ExecutorSection,
    pub api_keys: Vec<Indexed<ApiKeyEntry>>,
    pub anonymous: Option<AnonymousEntry>,
    pub policies: Vec<Indexed<PolicyEntry>>,
    pub providers: Vec<Indexed<ProviderEntry>>,
    pub broken_providers: Vec<BrokenProvider>,
    pub routes: Vec<Indexed<RouteEntry>>,
    pub upstreams: Vec<Indexed<UpstreamEntry>>,
    pub costs: CostsSection,
    pub plugins: PluginsSection,
    pub intentionally_empty: Vec<Essential>,
}

/// Splits the (env-expanded) tree into sections.
pub(crate) fn sections(tree: &Value, errors: &mut Vec<ConfigError>) -> RawSections {
    let mut raw = RawSections::default();
    let mapping = match tree {
        Value::Null => return raw,
        Value::Mapping(mapping) => mapping,
        _ => {
            errors.push(ConfigError::new(
                "",
                "the file must be a mapping of sections (server, store, providers, routes, ...)",
            ));
            return raw;
        }
    };
    for (key, value) in mapping {
        let name = key_text(key);
        match name.as_str() {
            "server" => raw.server = section(value, &name, errors),
            "store" => raw.store = section(value, &name, errors),
            "cache" => raw.cache = section(value, &name, errors),
            "executor" => raw.executor = section(value, &name, errors),
            "auth" => auth(value, &mut raw, errors),
            "policies" => raw.policies = list(value, &name, errors).0,
            "providers" => {
                let (providers, broken) = list(value, &name, errors);
                raw.providers = providers;
                raw.broken_providers = broken
                    .into_iter()
                    .map(|(index, value)| broken_provider(index, value))
                    .collect();
            }
            "routes" => raw.routes = list(value, &name, errors).0,
            "upstreams" => raw.upstreams = list(value, &name, errors).0,
            "costs" => raw.costs = section(value, &name, errors),
            "plugins" => raw.plugins = section(value, &name, errors),
            "intentionally_empty" => raw.intentionally_empty = section(value, &name, errors),
            _ => errors.push(ConfigError::new(
                name.clone(),
                format!(
                    "unknown section `{name}`; expected one of: {}",
                    SECTIONS.join(", ")
                ),
            )),
        }
    }
    raw
}

/// The `plugins` section alone (see [`crate::load::plugins_section`]).
pub(crate) fn plugins_section(value: &Value, errors: &mut Vec<ConfigError>) -> PluginsSection {
    section(value, "plugins", errors)
}

/// The `auth` section, with its `api_keys` read element by element.
fn auth(value: &Value, raw: &mut RawSections, errors: &mut Vec<ConfigError>) {
    let mapping = match value {
        Value::Null => return,
        Value::Mapping(mapping) => mapping,
        other => {
            errors.push(ConfigError::new("auth", not_a(other, "mapping")));
            return;
        }
    };
    for (key, value) in mapping {
        let name = key_text(key);
        let path = child_path("auth", &name);
        match name.as_str() {
            "api_keys" => raw.api_keys = list(value, &path, errors).0,
            "anonymous" if value.is_null() => {}
            "anonymous" => raw.anonymous = parse(value.clone(), &path, errors),
            // Reported and removed before the sections are read (`crate::unknown`).
            _ => {}
        }
    }
}

/// One section; `null` (a key with nothing below it) counts as left out.
fn section<T: DeserializeOwned + Default>(
    value: &Value,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> T {
    if value.is_null() {
        return T::default();
    }
    parse(value.clone(), path, errors).unwrap_or_default()
}

/// A list read element by element: the elements that parsed, and the rest as they were.
fn list<T: DeserializeOwned>(
    value: &Value,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> (Vec<Indexed<T>>, Vec<(usize, Value)>) {
    let items = match value {
        Value::Null => return (Vec::new(), Vec::new()),
        Value::Sequence(items) => items,
        other => {
            errors.push(ConfigError::new(path, not_a(other, "list")));
            return (Vec::new(), Vec::new());
        }
    };
    let mut parsed = Vec::with_capacity(items.len());
    let mut broken = Vec::new();
    for (index, item) in items.iter().enumerate() {
        match parse(item.clone(), &format!("{path}[{index}]"), errors) {
            Some(entry) => parsed.push(Indexed { index, entry }),
            None => broken.push((index, item.clone())),
        }
    }
    (parsed, broken)
}

/// Deserializes one value, recording a failure with the full path to the offending field.
pub(crate) fn parse<T: DeserializeOwned>(
    value: Value,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<T> {
    match serde_path_to_error::deserialize(value) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            let inner = error.path().to_string();
            let at = if inner == "." {
                path.to_owned()
            } else {
                child_path(path, &inner)
            };
            errors.push(ConfigError::new(at, error.into_inner().to_string()));
            None
        }
    }
}

fn broken_provider(index: usize, value: Value) -> BrokenProvider {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    BrokenProvider {
        index,
        name: text("name"),
        plugin: text("plugin"),
        labels: value
            .get("labels")
            .and_then(|labels| yaml_serde::from_value(labels.clone()).ok())
            .unwrap_or_default(),
        settings: value
            .get("settings")
            .and_then(|settings| yaml_serde::from_value(settings.clone()).ok()),
    }
}

/// "expected a list, found a string".
fn not_a(value: &Value, expected: &str) -> String {
    let found = match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    };
    format!("expected a {expected}, found {found}")
}
