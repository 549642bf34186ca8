//! The JSON Schema of the configuration file, for editors (`mosaic config schema`).
//!
//! The file's own shape comes from the raw types' derive. Plugin settings are opaque there,
//! so each known plugin's `settings_schema()` is attached to provider entries with
//! `if: {plugin: <this plugin>} then: {settings: <its schema>}`, and editors check the
//! settings of every instance too. Every string value may be written as a `${VAR}`
//! reference, which the schema cannot see through: each constrained string (a pattern, an
//! enum, a format) also accepts a string holding one ([`expansion`]).

use crate::model::plugin_id;
use crate::raw::ConfigFile;
use mosaic_plugin::Plugin;
use mosaic_plugin::Plugins;
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The JSON Schema of the configuration file with the settings of `registry`'s plugins.
pub fn json_schema_for(registry: &Plugins) -> Value {
    let mut root = schemars::schema_for!(ConfigFile).to_value();
    let mut conditions = Vec::new();
    let mut ids = Vec::new();
    for plugin in registry.iter() {
        let names = written_as(plugin, registry);
        let reference = attach(&mut root, plugin.as_ref());
        conditions.push(json!({
            "if": {
                "properties": { "plugin": { "enum": names } },
                "required": ["plugin"]
            },
            "then": { "properties": { "settings": { "$ref": reference } } }
        }));
        ids.extend(names);
    }
    if let Some(entry) = root
        .pointer_mut("/$defs/ProviderEntry")
        .and_then(Value::as_object_mut)
    {
        entry.insert("allOf".into(), Value::Array(conditions));
        if let Some(plugin) = entry
            .get_mut("properties")
            .and_then(|properties| properties.get_mut("plugin"))
            .and_then(Value::as_object_mut)
        {
            plugin.insert("examples".into(), json!(ids));
        }
    }
    expansion::accept_references(&mut root);
    standard_formats(root)
}

/// The schema with schemars' integer formats (`uint64`, ...) as the standard keywords
/// `minimum`/`maximum`, which every validator and editor knows — the plugins' settings
/// schemas included, as the catalog's own schemas are published.
fn standard_formats(root: Value) -> Value {
    let Value::Object(root) = root else {
        // The derive always makes an object; nothing else carries formats to rewrite.
        return root;
    };
    let mut schema = schemars::Schema::from(root);
    schemars::transform::Transform::transform(
        &mut mosaic_core::catalog::schema::StandardFormats,
        &mut schema,
    );
    schema.to_value()
}

/// How a plugin may be written in `plugin:`: always `name@version`, and `name` alone when
/// that resolves to this version.
fn written_as(plugin: &Arc<dyn Plugin>, registry: &Plugins) -> Vec<String> {
    let mut names = vec![plugin_id(plugin.as_ref())];
    if registry
        .find(plugin.descriptor().name.as_str(), None)
        .is_some_and(|default| Arc::ptr_eq(default, plugin))
    {
        names.push(plugin.descriptor().name.as_str().to_owned());
    }
    names
}

/// Moves a plugin's settings schema and its definitions into the root `$defs` under names
/// of its own, rewriting its references; returns the reference to the settings schema.
fn attach(root: &mut Value, plugin: &dyn Plugin) -> String {
    let prefix = format!(
        "{}-{}-",
        plugin.descriptor().name.as_str(),
        plugin.descriptor().version.as_str().replace('.', "_")
    );
    let settings_name = format!("{prefix}settings");
    let settings_ref = format!("#/$defs/{settings_name}");
    let mut schema = plugin.descriptor().settings_schema.clone().to_value();
    let mut moved = Map::new();
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
        for key in ["$defs", "definitions"] {
            if let Some(Value::Object(defs)) = object.remove(key) {
                for (name, definition) in defs {
                    moved.insert(format!("{prefix}{name}"), definition);
                }
            }
        }
    }
    moved.insert(settings_name, schema);
    for definition in moved.values_mut() {
        rewrite_refs(definition, &prefix, &settings_ref);
    }
    let defs = root.as_object_mut().map(|root| {
        root.entry("$defs")
            .or_insert_with(|| Value::Object(Map::new()))
    });
    if let Some(Value::Object(defs)) = defs {
        defs.extend(moved);
    }
    settings_ref
}

/// Points a plugin schema's references at its definitions' new names.
fn rewrite_refs(value: &mut Value, prefix: &str, settings_ref: &str) {
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => {
                        *reference = renamed(reference, prefix, settings_ref);
                    }
                    (_, child) => rewrite_refs(child, prefix, settings_ref),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_refs(item, prefix, settings_ref);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

fn renamed(reference: &str, prefix: &str, settings_ref: &str) -> String {
    if reference == "#" {
        return settings_ref.to_owned();
    }
    for key in ["#/$defs/", "#/definitions/"] {
        if let Some(name) = reference.strip_prefix(key) {
            return format!("#/$defs/{prefix}{name}");
        }
    }
    reference.to_owned()
}

mod expansion;

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
