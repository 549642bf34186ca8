//! A small structural JSON Schema validator for the subset schemars emits for the catalog's
//! outputs: `type` (one or several, which is how `null` is allowed), `properties`,
//! `required`, `additionalProperties`, `items`, `enum`, `const`, `anyOf`, `oneOf`, `allOf`,
//! `minimum`/`maximum`, integer `format`s, and `$ref` into `$defs`. Annotations (`title`,
//! `description`, `examples`) are ignored. Enough to catch an adapter answering the wrong
//! shape, without a heavy dependency.

use serde_json::{Map, Value};

/// Every way `instance` does not fit `schema`, each as `path: problem` (`$` is the root).
/// Empty when it fits. `schema` is a root schema whose `$ref`s point into its own `$defs`.
pub fn validate(schema: &Value, instance: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    Validator { root: schema }.check_at(schema, instance, "$", &mut problems, 0);
    problems
}

/// How deep `$ref`s may nest before the schema is taken to be circular for this value.
const MAX_DEPTH: usize = 64;

struct Validator<'s> {
    root: &'s Value,
}

impl Validator<'_> {
    fn check_at(
        &self,
        schema: &Value,
        value: &Value,
        path: &str,
        problems: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            problems.push(format!(
                "{path}: schema references nest deeper than {MAX_DEPTH}"
            ));
            return;
        }
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                problems.push(format!("{path}: no value is allowed here"));
                return;
            }
            Value::Object(schema) => schema,
            _ => {
                problems.push(format!("{path}: the schema here is not an object"));
                return;
            }
        };
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match self.resolve(reference) {
                Some(target) => self.check_at(target, value, path, problems, depth + 1),
                None => problems.push(format!("{path}: unresolvable $ref `{reference}`")),
            }
        }
        if let Some(types) = schema.get("type")
            && !type_matches(types, value)
        {
            problems.push(format!(
                "{path}: expected {}, got {}",
                type_text(types),
                describe(value)
            ));
            // The other keywords would only repeat the mismatch.
            return;
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
            && !allowed.contains(value)
        {
            problems.push(format!(
                "{path}: {value} is not one of {}",
                Value::Array(allowed.clone())
            ));
        }
        if let Some(constant) = schema.get("const")
            && constant != value
        {
            problems.push(format!("{path}: expected {constant}, got {value}"));
        }
        self.check_numbers(schema, value, path, problems);
        self.check_composition(schema, value, path, problems, depth);
        if let Value::Object(fields) = value {
            self.check_object(schema, fields, path, problems, depth);
        }
        if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
            for (index, item) in items.iter().enumerate() {
                self.check_at(
                    item_schema,
                    item,
                    &format!("{path}[{index}]"),
                    problems,
                    depth + 1,
                );
            }
        }
    }

    fn resolve(&self, reference: &str) -> Option<&Value> {
        let pointer = reference.strip_prefix('#')?;
        self.root.pointer(pointer)
    }

    fn check_numbers(
        &self,
        schema: &Map<String, Value>,
        value: &Value,
        path: &str,
        problems: &mut Vec<String>,
    ) {
        let Some(number) = value.as_f64() else { return };
        if let Some(minimum) = schema.get("minimum").and_then(Value::as_f64)
            && number < minimum
        {
            problems.push(format!("{path}: {value} is below the minimum {minimum}"));
        }
        if let Some(maximum) = schema.get("maximum").and_then(Value::as_f64)
            && number > maximum
        {
            problems.push(format!("{path}: {value} is above the maximum {maximum}"));
        }
        let unsigned = matches!(
            schema.get("format").and_then(Value::as_str),
            Some("uint" | "uint8" | "uint16" | "uint32" | "uint64")
        );
        if unsigned && value.as_u64().is_none() {
            problems.push(format!("{path}: {value} is not an unsigned integer"));
        }
    }

    fn check_composition(
        &self,
        schema: &Map<String, Value>,
        value: &Value,
        path: &str,
        problems: &mut Vec<String>,
        depth: usize,
    ) {
        let fits = |branch: &Value| {
            let mut inner = Vec::new();
            self.check_at(branch, value, path, &mut inner, depth + 1);
            inner.is_empty()
        };
        if let Some(branches) = schema.get("allOf").and_then(Value::as_array) {
            for branch in branches {
                self.check_at(branch, value, path, problems, depth + 1);
            }
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array)
            && !branches.iter().any(fits)
        {
            problems.push(format!(
                "{path}: {} fits none of the anyOf alternatives",
                describe(value)
            ));
        }
        if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
            let fitting = branches.iter().filter(|branch| fits(branch)).count();
            if fitting != 1 {
                problems.push(format!(
                    "{path}: {} fits {fitting} of the oneOf alternatives, not exactly one",
                    describe(value)
                ));
            }
        }
    }

    fn check_object(
        &self,
        schema: &Map<String, Value>,
        fields: &Map<String, Value>,
        path: &str,
        problems: &mut Vec<String>,
        depth: usize,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = name.as_str()
                && !fields.contains_key(name)
            {
                problems.push(format!("{path}: missing required field `{name}`"));
            }
        }
        for (name, field) in fields {
            let field_path = format!("{path}.{name}");
            match properties.and_then(|properties| properties.get(name)) {
                Some(field_schema) => {
                    self.check_at(field_schema, field, &field_path, problems, depth + 1)
                }
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        problems.push(format!("{path}: unexpected field `{name}`"));
                    }
                    Some(extra @ Value::Object(_)) => {
                        self.check_at(extra, field, &field_path, problems, depth + 1);
                    }
                    _ => {}
                },
            }
        }
    }
}

fn type_matches(types: &Value, value: &Value) -> bool {
    match types {
        Value::String(name) => is_type(name, value),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .any(|name| is_type(name, value)),
        _ => true,
    }
}

fn is_type(name: &str, value: &Value) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0)
        }
        _ => false,
    }
}

fn type_text(types: &Value) -> String {
    match types {
        Value::String(name) => name.clone(),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
        other => other.to_string(),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.len() <= 40 => format!("the string {s:?}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
