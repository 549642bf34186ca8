//! How the catalog's JSON Schemas are generated: JSON Schema 2020-12 from the input and output
//! types, in standard keywords only.
//!
//! schemars marks Rust's integer and float types with `format`s of its own (`uint32`, `int64`,
//! `double`, ...) that no JSON Schema validator knows; clients built on the MCP TypeScript SDK
//! print `unknown format "uint64" ignored` for each one. [`StandardFormats`] replaces them with
//! what they mean in standard keywords: `type: integer` with the type's `minimum` and `maximum`
//! (never widening a range a field declares), or nothing for floats, whose `type: number` says
//! it all. The formats JSON Schema defines (`date-time`, `email`, `uri`, ...) stay.

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};
use serde_json::{Number, Value};

/// The `format` values JSON Schema 2020-12 defines (Validation, section 7.3); every format a
/// published schema carries is one of these.
pub const STANDARD_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// Every `format` value in `schema` (and the schemas inside it) that JSON Schema does not
/// define ([`STANDARD_FORMATS`]), in document order: what the schemas MosAIc publishes — the
/// catalog's, the MCP tools', the OpenAPI document, the configuration's — must never carry.
pub fn nonstandard_formats(schema: &Value) -> Vec<String> {
    fn walk(schema: &Value, found: &mut Vec<String>) {
        match schema {
            Value::Object(keywords) => {
                for (key, value) in keywords {
                    match (key.as_str(), value) {
                        ("format", Value::String(format))
                            if !STANDARD_FORMATS.contains(&format.as_str()) =>
                        {
                            found.push(format.clone())
                        }
                        _ => walk(value, found),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(schema, &mut found);
    found
}

/// The schema of the optional `provider` argument every operation takes besides its input
/// (an MCP tool argument, a REST query parameter or body field): the name of the instance to
/// pin. Which names exist is each deployment's to say (and they may belong to other tenants),
/// so the schema cannot list them; a name that cannot serve the call is refused by the router.
/// `null`, as for every optional argument in a JSON body, means no pin (a query parameter has
/// no `null`: it is left out instead).
pub fn provider_pin() -> Value {
    serde_json::json!({
        "type": ["string", "null"],
        "minLength": 1,
        "description": "Pin a provider instance by name instead of letting the router choose."
    })
}

/// The schema of `T` as the catalog publishes it.
pub fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .with_transform(StandardFormats)
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Rewrites schemars' integer and float formats into standard keywords, in a schema and every
/// schema inside it. Apply it where schemas are generated (as [`generate`] does), so that every
/// `$defs` entry is covered too.
#[derive(Clone, Copy, Debug, Default)]
pub struct StandardFormats;

impl Transform for StandardFormats {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(format) = schema.get("format").and_then(Value::as_str) else {
            return;
        };
        let bounds = match format {
            "float" | "double" => Some((None, None)),
            other => integer_bounds(other).map(|(min, max)| (Some(min), max)),
        };
        let Some((min, max)) = bounds else {
            return;
        };
        schema.remove("format");
        if let Some(min) = min {
            tighten(schema, "minimum", min, |new, old| new > old);
        }
        if let Some(max) = max {
            tighten(schema, "maximum", max, |new, old| new < old);
        }
    }
}

/// The range of the integer type a schemars format names; `None` for other formats. 128-bit
/// types have no upper bound here, since a JSON number that large is not exact anyway.
fn integer_bounds(format: &str) -> Option<(Number, Option<Number>)> {
    let signed = |min: i64, max: i64| Some((Number::from(min), Some(Number::from(max))));
    let unsigned = |max: u64| Some((Number::from(0u64), Some(Number::from(max))));
    match format {
        "int8" => signed(i8::MIN.into(), i8::MAX.into()),
        "int16" => signed(i16::MIN.into(), i16::MAX.into()),
        "int32" => signed(i32::MIN.into(), i32::MAX.into()),
        "int64" | "int" => signed(i64::MIN, i64::MAX),
        "uint8" => unsigned(u8::MAX.into()),
        "uint16" => unsigned(u16::MAX.into()),
        "uint32" => unsigned(u32::MAX.into()),
        "uint64" | "uint" => unsigned(u64::MAX),
        "int128" => Some((Number::from(i64::MIN), None)),
        "uint128" => Some((Number::from(0u64), None)),
        _ => None,
    }
}

/// Sets `keyword` to `bound` unless the schema already states a bound that is at least as
/// tight (`tighter(bound, existing)` says whether `bound` is).
fn tighten(schema: &mut Schema, keyword: &str, bound: Number, tighter: fn(f64, f64) -> bool) {
    let existing = schema.get(keyword).and_then(Value::as_f64);
    let replace = match (existing, bound.as_f64()) {
        (Some(existing), Some(new)) => tighter(new, existing),
        (None, _) => true,
        (Some(_), None) => false,
    };
    if replace {
        schema.insert(keyword.into(), Value::Number(bound));
    }
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
