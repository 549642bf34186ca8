//! `${VAR}` references in the JSON Schema. Loading expands every string value of the file
//! (`crate::env`) before checking it, so `key_sha256: ${MOSAIC_AGENT_KEY_SHA256}` is valid
//! although `${MOSAIC_AGENT_KEY_SHA256}` is no hex digest. The schema is checked on the file
//! as written, so every schema that constrains a string (a `pattern`, an `enum` or `const`,
//! a `format`, a length, or a choice among such strings) is widened to also accept a string
//! holding a reference, [`REFERENCE`]. Strings are all that expansion produces: a number or a
//! boolean is never written as a reference, and those schemas stay as they are.

use serde_json::{Map, Value, json};

/// The name of the definition a widened string schema refers to.
pub(super) const REFERENCE: &str = "EnvReference";

/// Keywords that constrain a string beyond being one.
const STRING_CONSTRAINTS: [&str; 6] = [
    "pattern",
    "format",
    "enum",
    "const",
    "minLength",
    "maxLength",
];

/// Keywords that describe a schema without constraining it; they stay on the widened schema.
const ANNOTATIONS: [&str; 6] = [
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "$comment",
];

/// Widens every constrained string schema of `root` and adds the [`REFERENCE`] definition.
pub(super) fn accept_references(root: &mut Value) {
    widen(root);
    if let Some(Value::Object(defs)) = root.get_mut("$defs") {
        defs.insert(
            REFERENCE.to_owned(),
            json!({
                "description": "A value taken from the environment when the file is loaded: `${VAR}`, or `${VAR:-default}` (used when VAR is unset or empty), alone or within a string; the expanded value must be valid here. `$$` is a literal `$`.",
                "type": "string",
                "pattern": r"(^|[^$])(\$\$)*\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}"
            }),
        );
    }
}

/// Widens `schema` if it constrains strings, else looks for such schemas inside it.
fn widen(schema: &mut Value) {
    let Value::Object(object) = schema else {
        return;
    };
    if constrains_strings(object) {
        let mut annotations = Map::new();
        for keyword in ANNOTATIONS {
            if let Some(value) = object.remove(keyword) {
                annotations.insert(keyword.to_owned(), value);
            }
        }
        let constrained = Value::Object(std::mem::take(object));
        *object = annotations;
        object.insert(
            "anyOf".into(),
            json!([constrained, { "$ref": format!("#/$defs/{REFERENCE}") }]),
        );
        return;
    }
    for (keyword, child) in object.iter_mut() {
        match keyword.as_str() {
            // A condition stays as strict as written: a reference in `plugin:` must not
            // match every plugin's condition and so demand every plugin's settings at once.
            "if" => {}
            "properties" | "patternProperties" | "$defs" | "definitions" => {
                if let Value::Object(schemas) = child {
                    schemas.values_mut().for_each(widen);
                }
            }
            "anyOf" | "oneOf" | "allOf" | "prefixItems" => {
                if let Value::Array(schemas) = child {
                    schemas.iter_mut().for_each(widen);
                }
            }
            "items" | "additionalProperties" | "then" | "else" | "contains" => widen(child),
            _ => {}
        }
    }
}

/// A string schema with a constraint, or a choice whose every option is one (an enum with
/// documented variants is `oneOf` one `const` each).
fn constrains_strings(object: &Map<String, Value>) -> bool {
    let is_string = match object.get("type") {
        Some(Value::String(kind)) => kind == "string",
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == "string"),
        None => {
            object.get("const").is_some_and(Value::is_string)
                || object
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|values| values.iter().any(Value::is_string))
        }
        Some(_) => false,
    };
    if is_string
        && STRING_CONSTRAINTS
            .iter()
            .any(|key| object.contains_key(*key))
    {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|key| {
        object
            .get(*key)
            .and_then(Value::as_array)
            .is_some_and(|options| {
                !options.is_empty()
                    && options
                        .iter()
                        .all(|option| option.as_object().is_some_and(constrains_strings))
            })
    })
}

#[cfg(test)]
#[path = "expansion_tests.rs"]
mod tests;
