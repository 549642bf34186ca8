//! Query strings to JSON arguments. A GET carries its arguments as `?key=value` pairs; each is
//! coerced to the type the operation's input schema gives the property, so the gateway
//! validates the same typed input whichever front a call came through.
//!
//! Scalars take their property's type (`per_page=5` is the integer 5, `draft=true` a boolean);
//! arrays take one item per repeated key (`labels=bug&labels=ui`), each coerced to the array's
//! item type, as the OpenAPI document's `style: form, explode: true` says; an object-valued
//! property takes JSON text. A value is taken as it is: `labels=a,b` is the one label `a,b`,
//! and `status=` the one empty status (which the gateway then refuses), never nothing.

use mosaic_core::OpId;
use serde_json::{Map, Value};

/// The JSON shape of an input property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Integer,
    Number,
    Boolean,
    Array(Item),
    Object,
    Text,
}

/// The JSON shape of an array's items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Integer,
    Number,
    Boolean,
    Text,
}

/// A query value that does not fit its property.
#[derive(Debug, PartialEq, Eq)]
pub struct QueryError {
    /// The property.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Builds the arguments of `op` from query pairs; `provider` is split off as the pinned
/// instance. Unknown keys pass through as strings so the gateway rejects them with its own
/// message.
pub fn arguments(
    op: OpId,
    pairs: Vec<(String, String)>,
) -> Result<(Value, Option<String>), QueryError> {
    let schema = op.input_schema().as_value();
    let properties = schema.get("properties").and_then(Value::as_object);
    let mut arguments = Map::new();
    let mut provider = None;
    for (key, text) in pairs {
        if key == "provider" {
            if provider.replace(text).is_some() {
                return Err(QueryError {
                    path: key,
                    message: "may be given once".into(),
                });
            }
            continue;
        }
        let shape = properties
            .and_then(|properties| properties.get(&key))
            .map_or(Shape::Text, |property| shape_of(property, schema));
        let value = match shape {
            Shape::Array(item) => {
                let mut items = match arguments.remove(&key) {
                    Some(Value::Array(existing)) => existing,
                    _ => Vec::new(),
                };
                items.push(item_value(item, &text).map_err(|message| QueryError {
                    path: format!("{key}[{}]", items.len()),
                    message,
                })?);
                Value::Array(items)
            }
            Shape::Object => serde_json::from_str(&text).map_err(|error| QueryError {
                path: key.clone(),
                message: format!("must be a JSON object: {error}"),
            })?,
            scalar => {
                if arguments.contains_key(&key) {
                    return Err(QueryError {
                        path: key,
                        message: "takes one value; it was given more than once".into(),
                    });
                }
                scalar_value(scalar, &text).map_err(|message| QueryError {
                    path: key.clone(),
                    message,
                })?
            }
        };
        arguments.insert(key, value);
    }
    Ok((Value::Object(arguments), provider))
}

fn scalar_value(shape: Shape, text: &str) -> Result<Value, String> {
    let item = match shape {
        Shape::Integer => Item::Integer,
        Shape::Number => Item::Number,
        Shape::Boolean => Item::Boolean,
        Shape::Text | Shape::Array(_) | Shape::Object => Item::Text,
    };
    item_value(item, text)
}

fn item_value(item: Item, text: &str) -> Result<Value, String> {
    match item {
        Item::Integer => {
            if let Ok(whole) = text.parse::<u64>() {
                Ok(Value::from(whole))
            } else {
                text.parse::<i64>()
                    .map(Value::from)
                    .map_err(|_| format!("must be a whole number, got {text:?}"))
            }
        }
        Item::Number => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("must be a number, got {text:?}")),
        Item::Boolean => match text {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(format!("must be true or false, got {text:?}")),
        },
        Item::Text => Ok(Value::String(text.to_owned())),
    }
}

/// The shape of a property schema, following `$ref`s into the root's `$defs` and looking
/// through the `null` alternative of optional fields.
fn shape_of(property: &Value, root: &Value) -> Shape {
    match named_shape(property, root, 0) {
        Some(Named::Integer) => Shape::Integer,
        Some(Named::Number) => Shape::Number,
        Some(Named::Boolean) => Shape::Boolean,
        Some(Named::Object) => Shape::Object,
        Some(Named::Array) => {
            let items = property_items(property, root, 0);
            Shape::Array(match items.and_then(|items| named_shape(items, root, 0)) {
                Some(Named::Integer) => Item::Integer,
                Some(Named::Number) => Item::Number,
                Some(Named::Boolean) => Item::Boolean,
                Some(Named::Text | Named::Object | Named::Array) | None => Item::Text,
            })
        }
        Some(Named::Text) | None => Shape::Text,
    }
}

#[derive(Clone, Copy)]
enum Named {
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    Text,
}

/// How deep `$ref`s and alternatives are followed; catalog inputs are shallow.
const MAX_DEPTH: usize = 8;

fn named_shape(schema: &Value, root: &Value, depth: usize) -> Option<Named> {
    if depth > MAX_DEPTH {
        return None;
    }
    let named = |name: &str| match name {
        "integer" => Some(Named::Integer),
        "number" => Some(Named::Number),
        "boolean" => Some(Named::Boolean),
        "array" => Some(Named::Array),
        "object" => Some(Named::Object),
        "string" => Some(Named::Text),
        _ => None,
    };
    match schema.get("type") {
        Some(Value::String(name)) => return named(name),
        Some(Value::Array(names)) => {
            return names.iter().filter_map(Value::as_str).find_map(named);
        }
        _ => {}
    }
    if let Some(target) = resolve(schema, root) {
        return named_shape(target, root, depth + 1);
    }
    ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|key| schema.get(*key).and_then(Value::as_array))
        .flatten()
        .filter(|alternative| alternative.get("type") != Some(&Value::String("null".into())))
        .find_map(|alternative| named_shape(alternative, root, depth + 1))
}

/// The `items` schema of an array property, wherever the property's alternatives put it.
fn property_items<'a>(schema: &'a Value, root: &'a Value, depth: usize) -> Option<&'a Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(items) = schema.get("items") {
        return Some(items);
    }
    if let Some(target) = resolve(schema, root) {
        return property_items(target, root, depth + 1);
    }
    ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|key| schema.get(*key).and_then(Value::as_array))
        .flatten()
        .find_map(|alternative| property_items(alternative, root, depth + 1))
}

/// The target of a schema's local `$ref` (`#/$defs/Name`).
fn resolve<'a>(schema: &Value, root: &'a Value) -> Option<&'a Value> {
    let reference = schema.get("$ref")?.as_str()?;
    root.pointer(reference.strip_prefix('#')?)
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
