//! A plugin's declaration, checked once for every plugin instead of by each provider's own
//! tests: what [`check_plugin`] finds wrong in a descriptor and its settings schema, and what
//! [`check_instance`] finds wrong in an instance built from the plugin.
//!
//! - the id is `name@version`: a name configuration can write, and a semver version;
//! - the plugin serves at least one kind, each once;
//! - every catalog operation has a support entry, every unsupported one a reason, and one of
//!   a kind the plugin does not serve names the kinds it does (`git.*`);
//! - the settings schema describes a mapping, every setting it requires among its described
//!   properties, and refuses unknown settings exactly when the plugin's validation does;
//! - an instance supports no operation its plugin does not implement.

use mosaic_core::{OpId, Provider, Support};
use mosaic_plugin::Plugin;
use serde_json::{Value, json};
use std::fmt;

/// A setting no plugin has, to see whether unknown settings are refused.
const UNKNOWN_SETTING: &str = "no_such_setting_anywhere";

/// The outcome of checking a declaration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclarationReport {
    /// The plugin's id.
    pub plugin: String,
    /// How many checks ran.
    pub checks: usize,
    /// What was wrong, one line each.
    pub failures: Vec<String>,
}

impl DeclarationReport {
    fn of(plugin: &dyn Plugin) -> Self {
        Self {
            plugin: plugin.descriptor().id(),
            ..Self::default()
        }
    }

    fn check(&mut self, holds: bool, failure: impl FnOnce() -> String) {
        self.checks += 1;
        if !holds {
            self.failures.push(failure());
        }
    }

    /// Whether every check passed.
    pub fn is_ok(&self) -> bool {
        self.failures.is_empty()
    }

    /// Panics with every failure listed, for use in tests.
    #[track_caller]
    pub fn assert_ok(&self) {
        assert!(self.is_ok(), "{self}");
    }
}

impl fmt::Display for DeclarationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "declaration of {}: {} checks, {} failed",
            self.plugin,
            self.checks,
            self.failures.len()
        )?;
        for failure in &self.failures {
            write!(f, "\n  {failure}")?;
        }
        Ok(())
    }
}

/// Checks `plugin`'s descriptor and settings schema (see the module docs).
pub fn check_plugin(plugin: &dyn Plugin) -> DeclarationReport {
    let mut report = DeclarationReport::of(plugin);
    identity(plugin, &mut report);
    operations(plugin, &mut report);
    settings_schema(plugin, &mut report);
    report
}

/// Checks that `instance`, built from `plugin`, supports no operation the plugin does not
/// implement, and gives a reason for each it does not support.
pub fn check_instance(plugin: &dyn Plugin, instance: &dyn Provider) -> DeclarationReport {
    let mut report = DeclarationReport::of(plugin);
    for (op, declared) in plugin.descriptor().operations() {
        let served = instance.supports(op);
        report.check(declared.is_supported() || !served.is_supported(), || {
            format!(
                "{}: the instance supports what its plugin does not",
                op.name()
            )
        });
        if let Support::Unsupported { reason } = &served {
            report.check(!reason.trim().is_empty(), || {
                format!(
                    "{}: unsupported by the instance without a reason",
                    op.name()
                )
            });
        }
    }
    report
}

fn identity(plugin: &dyn Plugin, report: &mut DeclarationReport) {
    let descriptor = plugin.descriptor();
    let name = &descriptor.name;
    report.check(
        !name.is_empty() && !name.contains('@') && !name.contains(char::is_whitespace),
        || format!("name `{name}` is not one configuration can write"),
    );
    report.check(is_semver(&descriptor.version), || {
        format!("version `{}` is not semver", descriptor.version)
    });
    report.check(
        descriptor.id() == format!("{name}@{}", descriptor.version),
        || format!("id `{}` is not `name@version`", descriptor.id()),
    );
    let kinds = &descriptor.kinds;
    report.check(!kinds.is_empty(), || "serves no kind".into());
    let mut unique = kinds.clone();
    unique.sort_by_key(|kind| kind.as_str());
    unique.dedup();
    report.check(unique.len() == kinds.len(), || {
        format!("serves a kind twice: {kinds:?}")
    });
}

fn operations(plugin: &dyn Plugin, report: &mut DeclarationReport) {
    let descriptor = plugin.descriptor();
    let entries: Vec<(OpId, &Support)> = descriptor.operations().collect();
    report.check(entries.len() == OpId::ALL.len(), || {
        format!(
            "{} support entries for {} operations",
            entries.len(),
            OpId::ALL.len()
        )
    });
    let served: Vec<String> = descriptor
        .kinds
        .iter()
        .map(|kind| format!("{kind}.*"))
        .collect();
    for op in OpId::ALL {
        let entry = entries.iter().find(|(listed, _)| listed == op);
        report.check(entry.is_some(), || {
            format!("{}: no support entry", op.name())
        });
        let Some((_, Support::Unsupported { reason })) = entry else {
            continue;
        };
        report.check(!reason.trim().is_empty(), || {
            format!("{}: unsupported without a reason", op.name())
        });
        if !descriptor.kinds.contains(&op.spec().kind) {
            report.check(served.iter().all(|kind| reason.contains(kind)), || {
                format!(
                    "{}: of a kind not served, the reason `{reason}` does not name {served:?}",
                    op.name()
                )
            });
        }
    }
}

fn settings_schema(plugin: &dyn Plugin, report: &mut DeclarationReport) {
    let schema = plugin.descriptor().settings_schema.as_value().clone();
    report.check(schema["type"] == "object", || {
        format!("the settings schema describes no mapping: {schema}")
    });
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let required = schema["required"].as_array().cloned().unwrap_or_default();
    for name in &required {
        let described = name
            .as_str()
            .is_some_and(|name| properties.contains_key(name));
        report.check(described, || {
            format!("required setting {name} is not among the described properties")
        });
    }
    for (name, property) in &properties {
        report.check(is_described(property, &schema), || {
            format!("setting `{name}` has no description")
        });
    }
    let refused = plugin
        .validate(&json!({ UNKNOWN_SETTING: true }))
        .err()
        .is_some_and(|errors| errors.iter().any(|error| error.path == UNKNOWN_SETTING));
    let closed = schema["additionalProperties"] == json!(false);
    report.check(refused == closed, || {
        let (validation, schema) = match refused {
            true => ("refuses", "allows"),
            false => ("accepts", "refuses"),
        };
        format!("validation {validation} an unknown setting, which the schema {schema}")
    });
}

/// Whether a property has a description of its own or through the definition it refers to.
fn is_described(property: &Value, schema: &Value) -> bool {
    let described = |value: &Value| value["description"].as_str().is_some_and(|d| !d.is_empty());
    if described(property) {
        return true;
    }
    let referred = property["$ref"]
        .as_str()
        .or_else(|| property["allOf"][0]["$ref"].as_str())
        .and_then(|reference| reference.strip_prefix("#/$defs/"))
        .map(|name| &schema["$defs"][name]);
    referred.is_some_and(described)
}

/// `MAJOR.MINOR.PATCH`, then an optional `-pre.release` and `+build`, numbers without
/// leading zeros (semver.org, 2.0.0).
fn is_semver(version: &str) -> bool {
    let (version, build) = match version.split_once('+') {
        Some((version, build)) => (version, Some(build)),
        None => (version, None),
    };
    let (core, pre) = match version.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (version, None),
    };
    let number = |part: &str| {
        !part.is_empty()
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'))
    };
    let identifiers = |text: &str| {
        text.split('.').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|part| number(part))
        && pre.is_none_or(identifiers)
        && build.is_none_or(identifiers)
}

#[cfg(test)]
#[path = "plugin_tests.rs"]
mod tests;
