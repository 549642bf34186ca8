//! Unknown keys, every one of them, before the strict raw types read the file.
//!
//! The raw types refuse unknown keys (`deny_unknown_fields`), but serde stops at the first
//! problem of a value: a typo would hide every other problem of the same entry (an unknown
//! field beside broken plugin settings, a second typo in the same section). This pass walks
//! the tree along the file's JSON Schema, which is derived from those same raw types and so
//! knows exactly which keys each mapping takes, reports every unknown key at its path and
//! removes it; reading what is left then reports the remaining problems too.
//!
//! Unknown top-level sections are left to [`crate::parse`], which names them as sections, and
//! plugin settings (opaque in the file's schema) to each plugin's own validation.

use crate::env::key_text;
use crate::error::{ConfigError, child_path};
use crate::raw::ConfigFile;
use declared::declared;
use serde_json::{Map, Value as Json};
use yaml_serde::Value;

/// How deep `$ref`s are followed; the file's schema nests a few levels, never in a cycle.
const MAX_REFS: usize = 16;

/// Removes every unknown key below the known top-level sections of `tree`, reporting each.
pub(crate) fn strip(tree: &mut Value, errors: &mut Vec<ConfigError>) {
    let root = schemars::schema_for!(ConfigFile).to_value();
    let Some(sections) = root.get("properties").and_then(Json::as_object) else {
        return;
    };
    let Value::Mapping(mapping) = tree else {
        return;
    };
    for (key, value) in mapping.iter_mut() {
        let name = key_text(key);
        if let Some(section) = sections.get(&name) {
            walk(&root, section, value, &name, errors);
        }
    }
}

/// Strips `value` as `schema` describes it, recursing into known keys and list items.
fn walk(root: &Json, schema: &Json, value: &mut Value, path: &str, errors: &mut Vec<ConfigError>) {
    match value {
        Value::Mapping(mapping) => {
            let Some(object) = branch(root, schema, "object") else {
                return;
            };
            let empty = Map::new();
            let known = object
                .get("properties")
                .and_then(Json::as_object)
                .unwrap_or(&empty);
            let others = object.get("additionalProperties");
            if others == Some(&Json::Bool(false)) {
                let expected = expected(&in_declared_order(root, schema, known));
                mapping.retain(|key, _| {
                    let name = key_text(key);
                    let keep = known.contains_key(&name);
                    if !keep {
                        errors.push(ConfigError::new(
                            child_path(path, &name),
                            format!("unknown field `{name}`, {expected}"),
                        ));
                    }
                    keep
                });
            }
            for (key, child) in mapping.iter_mut() {
                let name = key_text(key);
                let Some(child_schema) = known.get(&name).or(others) else {
                    continue;
                };
                walk(root, child_schema, child, &child_path(path, &name), errors);
            }
        }
        Value::Sequence(items) => {
            let Some(items_schema) =
                branch(root, schema, "array").and_then(|list| list.get("items"))
            else {
                return;
            };
            for (index, item) in items.iter_mut().enumerate() {
                walk(
                    root,
                    items_schema,
                    item,
                    &format!("{path}[{index}]"),
                    errors,
                );
            }
        }
        Value::Tagged(tagged) => walk(root, schema, &mut tagged.value, path, errors),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// The part of `schema` that describes values of JSON type `kind`: the schema itself (its
/// `$ref`s followed) or the first `anyOf`/`oneOf` branch of that type (an `Option` is
/// `anyOf: [T, null]`). `None` when the schema says nothing about that type's contents.
fn branch<'s>(root: &'s Json, schema: &'s Json, kind: &str) -> Option<&'s Json> {
    let schema = resolve(root, schema)?;
    let own = match kind {
        "object" => schema
            .get("properties")
            .or(schema.get("additionalProperties")),
        _ => schema.get("items"),
    };
    if own.is_some() {
        return Some(schema);
    }
    ["anyOf", "oneOf"]
        .iter()
        .filter_map(|key| schema.get(*key).and_then(Json::as_array))
        .flatten()
        .find_map(|choice| branch(root, choice, kind))
}

/// Follows local `$ref`s (`#/$defs/ProviderEntry`) to the schema they name.
fn resolve<'s>(root: &'s Json, mut schema: &'s Json) -> Option<&'s Json> {
    for _ in 0..MAX_REFS {
        match schema.get("$ref").and_then(Json::as_str) {
            Some(reference) => schema = root.pointer(reference.strip_prefix('#')?)?,
            None => return Some(schema),
        }
    }
    None
}

/// The keys of `known` in the order the raw type declares them, as serde lists them in its
/// own messages (the schema's are sorted by name); by name for a type [`declared`] lacks.
fn in_declared_order<'k>(root: &Json, schema: &Json, known: &'k Map<String, Json>) -> Vec<&'k str> {
    let mut names: Vec<&str> = known.keys().map(String::as_str).collect();
    if let Some(order) = definition_name(root, schema).and_then(declared) {
        names.sort_by_key(|name| order.iter().position(|field| field == name));
    }
    names
}

/// The name of the `$defs` entry `schema` refers to, or of its first object branch.
fn definition_name<'s>(root: &'s Json, schema: &'s Json) -> Option<&'s str> {
    if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
        let target = root.pointer(reference.strip_prefix('#')?)?;
        return definition_name(root, target).or_else(|| reference.strip_prefix("#/$defs/"));
    }
    ["anyOf", "oneOf"]
        .iter()
        .filter_map(|key| schema.get(*key).and_then(Json::as_array))
        .flatten()
        .find_map(|choice| definition_name(root, choice))
}

/// "expected `a`", "expected `a` or `b`", "expected one of `a`, `b`, `c`", as serde words it.
fn expected(known: &[&str]) -> String {
    let names: Vec<String> = known.iter().map(|name| format!("`{name}`")).collect();
    match names.as_slice() {
        [] => "there are no fields".to_owned(),
        [one] => format!("expected {one}"),
        [first, second] => format!("expected {first} or {second}"),
        all => format!("expected one of {}", all.join(", ")),
    }
}

mod declared;

#[cfg(test)]
#[path = "unknown_tests.rs"]
mod tests;
