//! The OpenAPI 3.1 document, generated from the catalog: one path per operation (GET with
//! query parameters for reads, POST with a JSON body for writes), the output schema as the 200
//! response, and one error schema. JSON Schema 2020-12 (what schemars emits) is OpenAPI 3.1's
//! own dialect, so schemas are embedded as they are; each schema's `$defs` are hoisted into
//! `components/schemas` and its `$ref`s rewritten to point there.

use mosaic_core::OpId;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

/// The document, built once.
pub fn openapi_document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(build)
}

fn build() -> Value {
    let mut components = Map::new();
    components.insert(
        "Error".into(),
        json!({
            "type": "object",
            "properties": {"error": {"type": "object", "properties": {
                "code": {"type": "string"}, "message": {"type": "string"},
                "fault": {"enum": ["caller", "provider", "gateway"]}, "path": {"type": ["string", "null"]}
            }, "required": ["code", "message", "fault"]}},
            "required": ["error"]
        }),
    );
    let mut paths = Map::new();
    for op in OpId::ALL {
        let spec = op.spec();
        let input = hoist(op.input_schema().to_value(), &mut components);
        let output = hoist(op.output_schema().to_value(), &mut components);
        let errors = json!({"description": "The call failed; `fault` says whose fault it was.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
        let mut operation = json!({
            "operationId": spec.tool_name(),
            "summary": spec.summary,
            "tags": [spec.kind.as_str()],
            "responses": {
                "200": {"description": "The result; provenance in X-Mosaic-* headers.",
                        "content": {"application/json": {"schema": output}}},
                "default": errors,
            }
        });
        let pin = json!({"name": "provider", "in": "query", "required": false,
            "description": "Pin a provider instance by name.", "schema": {"type": "string"}});
        let method = if spec.is_read() {
            let required: Vec<&str> = input
                .get("required")
                .and_then(Value::as_array)
                .map(|names| names.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut parameters: Vec<Value> = input
                .get("properties")
                .and_then(Value::as_object)
                .map(|properties| {
                    properties
                        .iter()
                        .map(|(name, schema)| json!({
                            "name": name, "in": "query", "required": required.contains(&name.as_str()),
                            "schema": schema, "style": "form", "explode": true
                        }))
                        .collect()
                })
                .unwrap_or_default();
            parameters.push(pin);
            operation["parameters"] = Value::Array(parameters);
            "get"
        } else {
            operation["parameters"] = json!([pin]);
            operation["requestBody"] =
                json!({"required": true, "content": {"application/json": {"schema": input}}});
            "post"
        };
        paths.insert(format!("/v1/{}", spec.name), json!({ method: operation }));
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "MosAIc", "version": env!("CARGO_PKG_VERSION"),
                 "description": "One API over Git forges, CI, knowledge bases and project trackers."},
        "paths": paths,
        "components": {"schemas": components},
    })
}

/// Moves `$defs` into `components` and rewrites `$ref`s; drops `$schema`.
fn hoist(schema: Value, components: &mut Map<String, Value>) -> Value {
    let mut schema = schema;
    if let Value::Object(object) = &mut schema {
        object.remove("$schema");
        if let Some(Value::Object(defs)) = object.remove("$defs") {
            for (name, definition) in defs {
                let definition = rewrite_refs(definition);
                components.entry(name).or_insert(definition);
            }
        }
    }
    rewrite_refs(schema)
}

fn rewrite_refs(value: Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .map(|(key, value)| match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => (
                        key,
                        Value::String(target.replace("#/$defs/", "#/components/schemas/")),
                    ),
                    (_, value) => (key, rewrite_refs(value)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(rewrite_refs).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_a_path_and_every_ref_resolves() {
        let document = openapi_document();
        let paths = document["paths"].as_object().unwrap();
        assert_eq!(paths.len(), OpId::ALL.len());
        assert!(paths["/v1/git.issues.list"].get("get").is_some());
        assert!(paths["/v1/git.issues.create"].get("post").is_some());
        let text = document.to_string();
        assert!(!text.contains("#/$defs/"));
        let schemas = document["components"]["schemas"].as_object().unwrap();
        for target in text.split("\"#/components/schemas/").skip(1) {
            let name = target.split('"').next().unwrap();
            assert!(schemas.contains_key(name), "dangling $ref to {name}");
        }
    }
}
