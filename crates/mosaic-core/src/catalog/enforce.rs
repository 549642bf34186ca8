//! Enforces the constraints an input's JSON Schema states — `pattern`, `minLength` and
//! `maxLength`, `minimum` and `maximum`, `enum` and `const`, `minItems` and `maxItems` — so
//! that the schema MCP clients and the OpenAPI document show is exactly what the gateway
//! checks: a rule is written once, as a schemars attribute on its field (`input/rules.rs`),
//! and both follow from it.
//!
//! It runs after serde has read the arguments into the typed input, so their shape (types,
//! required and unknown fields) is already right; `type` here only decides which alternative
//! of an `anyOf` or `oneOf` a value is checked against. As JSON Schema says, each keyword
//! applies only to values of its kind (a `pattern` ignores numbers). `$ref`s point into the
//! root's `$defs`, as schemars writes them.

use super::spec::ArgumentError;
use regex::Regex;
use serde_json::{Map, Number, Value};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Checks `arguments` against every constraint of the catalog input schema `schema`; the error
/// names the first field that breaks one.
pub(super) fn check(schema: &schemars::Schema, arguments: &Value) -> Result<(), ArgumentError> {
    let root = schema.as_value();
    Walk { root }
        .at(root, arguments, "", 0)
        .map_err(|broken| broken.error)
}

/// Writes every whole number in `value` that JSON text spelled with a fraction (`389.0`) as the
/// integer it is. JSON has one kind of number and JSON Schema counts `389.0` as an integer, so
/// a schema that says `type: integer` accepts it; serde would refuse it for a `u64` field.
pub(super) fn whole_numbers(value: &mut Value) {
    match value {
        Value::Number(number) if number.is_f64() => {
            let Some(float) = number.as_f64().filter(|float| float.fract() == 0.0) else {
                return;
            };
            // Within these bounds the conversion is exact: a whole f64 is that integer.
            if (-9_223_372_036_854_775_808.0..0.0).contains(&float) {
                *value = Value::from(float as i64);
            } else if (0.0..18_446_744_073_709_551_616.0).contains(&float) {
                *value = Value::from(float as u64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// How deep values may nest; catalog inputs are at most a few levels deep.
const MAX_DEPTH: usize = 32;

/// A broken constraint, and whether only the value's type was wrong (which, inside `anyOf`,
/// means the alternative was not the one meant for the value).
struct Broken {
    error: ArgumentError,
    wrong_type: bool,
}

fn broken(path: &str, message: String) -> Broken {
    let path = if path.is_empty() { "." } else { path };
    Broken {
        error: ArgumentError::new(path, message),
        wrong_type: false,
    }
}

struct Walk<'s> {
    root: &'s Value,
}

impl Walk<'_> {
    fn at(&self, schema: &Value, value: &Value, path: &str, depth: usize) -> Result<(), Broken> {
        if depth > MAX_DEPTH {
            return Err(broken(
                path,
                format!("nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        let keywords = match schema {
            Value::Object(keywords) => keywords,
            Value::Bool(false) => return Err(broken(path, "is not allowed here".into())),
            _ => return Ok(()),
        };
        if let Some(target) = keywords.get("$ref").and_then(Value::as_str) {
            // A reference that does not resolve constrains nothing; catalog tests resolve all.
            if let Some(target) = target.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                self.at(target, value, path, depth + 1)?;
            }
        }
        if let Some(types) = keywords.get("type")
            && !admits(types, value)
        {
            let mut wrong = broken(
                path,
                format!("must be {}, got {}", type_text(types), kind_of(value)),
            );
            wrong.wrong_type = true;
            return Err(wrong);
        }
        if let Some(allowed) = keywords.get("enum").and_then(Value::as_array)
            && !allowed.contains(value)
        {
            let listed: Vec<String> = allowed.iter().map(shown).collect();
            let message = format!("must be one of {}, got {}", listed.join(", "), shown(value));
            return Err(broken(path, message));
        }
        if let Some(constant) = keywords.get("const")
            && constant != value
        {
            let message = format!("must be {}, got {}", shown(constant), shown(value));
            return Err(broken(path, message));
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(alternatives) = keywords.get(key).and_then(Value::as_array) {
                self.alternatives(key, alternatives, value, path, depth)?;
            }
        }
        match value {
            Value::String(text) => string(keywords, text, path),
            Value::Number(number) => range(keywords, number, path),
            Value::Array(items) => self.array(keywords, items, path, depth),
            Value::Object(fields) => self.object(keywords, fields, path, depth),
            Value::Bool(_) | Value::Null => Ok(()),
        }
    }

    fn alternatives(
        &self,
        key: &str,
        alternatives: &[Value],
        value: &Value,
        path: &str,
        depth: usize,
    ) -> Result<(), Broken> {
        let results: Vec<Result<(), Broken>> = alternatives
            .iter()
            .map(|alternative| self.at(alternative, value, path, depth + 1))
            .collect();
        let passed = results.iter().filter(|result| result.is_ok()).count();
        let ok = match key {
            "allOf" => passed == alternatives.len(),
            "anyOf" => passed >= 1,
            _ => passed == 1,
        };
        if ok {
            return Ok(());
        }
        if key == "oneOf" && passed > 1 {
            return Err(broken(
                path,
                "fits more than one of its alternatives".into(),
            ));
        }
        // A documented enum (schemars writes one `const` per variant, with its description).
        let constants: Option<Vec<String>> = alternatives
            .iter()
            .map(|alternative| alternative.get("const").map(shown))
            .collect();
        if let Some(constants) = constants.filter(|_| key != "allOf") {
            let message = format!(
                "must be one of {}, got {}",
                constants.join(", "),
                shown(value)
            );
            return Err(broken(path, message));
        }
        // The most telling failure: one of an alternative meant for a value of this type.
        let mut failures = results.into_iter().filter_map(Result::err);
        let first = failures.next();
        let telling = failures.find(|failure| !failure.wrong_type);
        match (first, telling) {
            (Some(first), _) if !first.wrong_type => Err(first),
            (_, Some(telling)) => Err(telling),
            (Some(first), None) => Err(first),
            (None, None) => Ok(()),
        }
    }

    fn array(
        &self,
        keywords: &Map<String, Value>,
        items: &[Value],
        path: &str,
        depth: usize,
    ) -> Result<(), Broken> {
        let count = items.len() as u64;
        if let Some(min) = keywords.get("minItems").and_then(Value::as_u64)
            && count < min
        {
            let message = format!("must have at least {min} items, got {count}");
            return Err(broken(path, message));
        }
        if let Some(max) = keywords.get("maxItems").and_then(Value::as_u64)
            && count > max
        {
            let message = format!("must have at most {max} items, got {count}");
            return Err(broken(path, message));
        }
        if let Some(schema) = keywords.get("items") {
            for (index, item) in items.iter().enumerate() {
                self.at(schema, item, &format!("{path}[{index}]"), depth + 1)?;
            }
        }
        Ok(())
    }

    fn object(
        &self,
        keywords: &Map<String, Value>,
        fields: &Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Result<(), Broken> {
        let properties = keywords.get("properties").and_then(Value::as_object);
        if let Some(required) = keywords.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !fields.contains_key(name) {
                    return Err(broken(&field_path(path, name), "is required".into()));
                }
            }
        }
        for (name, value) in fields {
            let schema = properties
                .and_then(|properties| properties.get(name))
                .or_else(|| keywords.get("additionalProperties"));
            if let Some(schema) = schema {
                self.at(schema, value, &field_path(path, name), depth + 1)?;
            }
        }
        Ok(())
    }
}

fn field_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn string(keywords: &Map<String, Value>, text: &str, path: &str) -> Result<(), Broken> {
    let length = text.chars().count() as u64;
    if let Some(min) = keywords.get("minLength").and_then(Value::as_u64)
        && length < min
    {
        let message = match min {
            1 => "must not be empty".to_owned(),
            _ => format!("must be at least {min} characters long, got {length}"),
        };
        return Err(broken(path, message));
    }
    if let Some(max) = keywords.get("maxLength").and_then(Value::as_u64)
        && length > max
    {
        let message = format!("must be at most {max} characters long, got {length}");
        return Err(broken(path, message));
    }
    if let Some(pattern) = keywords.get("pattern").and_then(Value::as_str) {
        let matches = match compiled(pattern) {
            Ok(regex) => regex.is_match(text),
            Err(error) => {
                let message = format!("cannot be checked: the pattern `{pattern}` is {error}");
                return Err(broken(path, message));
            }
        };
        if !matches {
            let message = match crate::input::rules::meaning(pattern) {
                Some(meaning) => format!("must {meaning}, got {text:?}"),
                None => format!("must match the pattern `{pattern}`, got {text:?}"),
            };
            return Err(broken(path, message));
        }
    }
    Ok(())
}

fn range(keywords: &Map<String, Value>, number: &Number, path: &str) -> Result<(), Broken> {
    let bound = |key| match keywords.get(key) {
        Some(Value::Number(bound)) => Some(bound),
        _ => None,
    };
    let (min, max) = (bound("minimum"), bound("maximum"));
    let below = min.is_some_and(|min| compare(number, min) == Ordering::Less);
    let above = max.is_some_and(|max| compare(number, max) == Ordering::Greater);
    let exclusive = |key, outside: fn(Ordering) -> bool| {
        bound(key).is_some_and(|limit| outside(compare(number, limit)))
    };
    let below_exclusive = exclusive("exclusiveMinimum", |o| o != Ordering::Greater);
    let above_exclusive = exclusive("exclusiveMaximum", |o| o != Ordering::Less);
    if !(below || above || below_exclusive || above_exclusive) {
        return Ok(());
    }
    let wanted = match (
        min.filter(|min| !is_type_limit(min)),
        max.filter(|max| !is_type_limit(max)),
    ) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("{min} or more"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => match (bound("exclusiveMinimum"), bound("exclusiveMaximum")) {
            (Some(min), Some(max)) => format!("more than {min} and less than {max}"),
            (Some(min), None) => format!("more than {min}"),
            (None, Some(max)) => format!("less than {max}"),
            (None, None) => "within the range of its type".to_owned(),
        },
    };
    Err(broken(path, format!("must be {wanted}, got {number}")))
}

/// Whether a bound is only the limit of a Rust integer type (`StandardFormats` adds those),
/// which error messages leave out: "must be 1 or more", not "between 1 and 18446744073709551615".
fn is_type_limit(bound: &Number) -> bool {
    const LIMITS: &[i128] = &[
        i8::MIN as i128,
        i16::MIN as i128,
        i32::MIN as i128,
        i64::MIN as i128,
        i8::MAX as i128,
        i16::MAX as i128,
        i32::MAX as i128,
        i64::MAX as i128,
        u8::MAX as i128,
        u16::MAX as i128,
        u32::MAX as i128,
        u64::MAX as i128,
    ];
    exact(bound).is_some_and(|bound| LIMITS.contains(&bound))
}

/// A JSON integer exactly, when it is one.
fn exact(number: &Number) -> Option<i128> {
    number
        .as_i64()
        .map(i128::from)
        .or_else(|| number.as_u64().map(i128::from))
}

/// Compares two JSON numbers, exactly when both are integers.
fn compare(a: &Number, b: &Number) -> Ordering {
    match (exact(a), exact(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            a.partial_cmp(&b).unwrap_or(Ordering::Equal)
        }
    }
}

/// Whether `value` is of (one of) the JSON Schema type(s) `types`.
fn admits(types: &Value, value: &Value) -> bool {
    let admits_one = |name: &str| match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        // JSON Schema's integers are the numbers without a fraction, `1.0` among them.
        "integer" => value
            .as_f64()
            .is_some_and(|n| value.is_i64() || value.is_u64() || n.fract() == 0.0),
        _ => true,
    };
    match types {
        Value::String(name) => admits_one(name),
        Value::Array(names) => names.iter().filter_map(Value::as_str).any(admits_one),
        _ => true,
    }
}

fn type_text(types: &Value) -> String {
    match types {
        Value::Array(names) => {
            let names: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
            names.join(" or ")
        }
        other => other.as_str().unwrap_or("of another type").to_owned(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value as an error message shows it: strings in backticks, others as JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => format!("`{text}`"),
        other => other.to_string(),
    }
}

/// The compiled regex of `pattern`. Every pattern of the catalog's input schemas is compiled
/// once, on first use; any other is compiled on the spot.
fn compiled(pattern: &str) -> Result<std::borrow::Cow<'static, Regex>, regex::Error> {
    static CATALOG: OnceLock<HashMap<&'static str, Regex>> = OnceLock::new();
    let catalog = CATALOG.get_or_init(|| {
        let mut patterns = Vec::new();
        for op in super::OpId::ALL {
            collect_patterns(op.input_schema().as_value(), &mut patterns);
        }
        patterns
            .into_iter()
            .filter_map(|pattern| Regex::new(pattern).ok().map(|regex| (pattern, regex)))
            .collect()
    });
    match catalog.get(pattern) {
        Some(regex) => Ok(std::borrow::Cow::Borrowed(regex)),
        None => Regex::new(pattern).map(std::borrow::Cow::Owned),
    }
}

/// Every `pattern` keyword in `schema` and the schemas inside it.
pub(super) fn collect_patterns<'s>(schema: &'s Value, patterns: &mut Vec<&'s str>) {
    match schema {
        Value::Object(keywords) => {
            for (key, value) in keywords {
                match (key.as_str(), value) {
                    ("pattern", Value::String(pattern)) => patterns.push(pattern),
                    // `properties` and `$defs` map names to schemas: a field named `pattern`
                    // is a schema, never a pattern.
                    _ => collect_patterns(value, patterns),
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_patterns(item, patterns)),
        _ => {}
    }
}

#[cfg(test)]
#[path = "enforce_tests.rs"]
mod tests;
