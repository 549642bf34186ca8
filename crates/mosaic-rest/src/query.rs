//! Query strings to JSON arguments. A GET carries its arguments as `?key=value` pairs; each is
//! coerced to the type the operation's input schema gives the property, so the gateway validates
//! the same typed input whichever front a call came through.

use mosaic_core::OpId;
use serde_json::{Map, Value};

/// The JSON shape of an input property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Integer,
    Boolean,
    Array,
    Object,
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

/// Builds the arguments of `op` from query pairs. Arrays take repeated keys or comma lists;
/// `provider` is split off as the pinned instance. Unknown keys pass through as strings so the
/// gateway rejects them with its own message.
pub fn arguments(
    op: OpId,
    pairs: Vec<(String, String)>,
) -> Result<(Value, Option<String>), QueryError> {
    let schema = op.input_schema().to_value();
    let properties = schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut arguments = Map::new();
    let mut provider = None;
    for (key, text) in pairs {
        if key == "provider" {
            provider = Some(text);
            continue;
        }
        let shape = properties.get(&key).map_or(Shape::Text, shape_of);
        let value = match shape {
            Shape::Integer => text
                .parse::<u64>()
                .map(Value::from)
                .map_err(|_| QueryError {
                    path: key.clone(),
                    message: format!("must be a whole number, got {text:?}"),
                })?,
            Shape::Boolean => match text.as_str() {
                "true" | "1" => Value::Bool(true),
                "false" | "0" => Value::Bool(false),
                _ => {
                    return Err(QueryError {
                        path: key,
                        message: format!("must be true or false, got {text:?}"),
                    });
                }
            },
            Shape::Object => serde_json::from_str(&text).map_err(|error| QueryError {
                path: key.clone(),
                message: format!("must be a JSON object: {error}"),
            })?,
            Shape::Array => {
                let items = text
                    .split(',')
                    .filter(|item| !item.is_empty())
                    .map(|item| Value::String(item.to_owned()));
                match arguments.remove(&key) {
                    Some(Value::Array(mut existing)) => {
                        existing.extend(items);
                        Value::Array(existing)
                    }
                    _ => Value::Array(items.collect()),
                }
            }
            Shape::Text => Value::String(text),
        };
        arguments.insert(key, value);
    }
    Ok((Value::Object(arguments), provider))
}

/// The shape of a property schema, looking through `null` alternatives of optional fields.
fn shape_of(property: &Value) -> Shape {
    let named = |name: &str| match name {
        "integer" | "number" => Some(Shape::Integer),
        "boolean" => Some(Shape::Boolean),
        "array" => Some(Shape::Array),
        "object" => Some(Shape::Object),
        "string" => Some(Shape::Text),
        _ => None,
    };
    match property.get("type") {
        Some(Value::String(name)) => return named(name).unwrap_or(Shape::Text),
        Some(Value::Array(names)) => {
            return names
                .iter()
                .filter_map(Value::as_str)
                .find_map(named)
                .unwrap_or(Shape::Text);
        }
        _ => {}
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(alternatives)) = property.get(key)
            && let Some(shape) = alternatives
                .iter()
                .filter(|alternative| {
                    alternative.get("type") != Some(&Value::String("null".into()))
                })
                .map(shape_of)
                .next()
        {
            return shape;
        }
    }
    Shape::Text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn values_take_the_schema_types() {
        let (args, provider) = arguments(
            OpId::GitIssuesList,
            pairs(&[
                ("repo", "acme/api"),
                ("per_page", "5"),
                ("labels", "bug,ui"),
                ("labels", "p1"),
                ("provider", "forge"),
            ]),
        )
        .unwrap();
        assert_eq!(
            args,
            json!({"repo": "acme/api", "per_page": 5, "labels": ["bug", "ui", "p1"]})
        );
        assert_eq!(provider.as_deref(), Some("forge"));
        let error = arguments(OpId::GitIssuesList, pairs(&[("per_page", "many")])).unwrap_err();
        assert_eq!(error.path, "per_page");
        let (args, _) = arguments(
            OpId::GitIssuesGet,
            pairs(&[("repo", "a/b"), ("number", "3")]),
        )
        .unwrap();
        assert_eq!(args, json!({"repo": "a/b", "number": 3}));
        let (args, _) = arguments(OpId::PmIssuesSearch, pairs(&[("status", "todo,done")])).unwrap();
        assert_eq!(args, json!({"status": ["todo", "done"]}));
    }
}
