//! The OpenAPI 3.1 document, generated from the catalog: one path per operation (GET with
//! query parameters for reads, POST with a JSON body for writes), the output schema as the 200
//! response, one error schema for every failure, and the gateway's own endpoints.
//!
//! JSON Schema 2020-12 (what schemars emits) is OpenAPI 3.1's own dialect, so schemas are
//! embedded as they are, less `$schema`; each schema's `$defs` are hoisted into
//! `components/schemas` and its `$ref`s rewritten to point there. Two catalog types with one
//! name but different shapes get distinct component names, so no schema silently stands in for
//! another.

use mosaic_core::OpId;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The document, built once.
pub fn openapi_document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(build)
}

const ERROR_REF: &str = "#/components/schemas/Error";

fn build() -> Value {
    let mut components = Map::new();
    components.insert("Error".into(), error_schema());
    let mut paths = Map::new();
    for op in OpId::ALL {
        let spec = op.spec();
        let input = hoist(op.input_schema().to_value(), &mut components);
        let output = hoist(op.output_schema().to_value(), &mut components);
        let mut responses = json!({
            "200": {
                "description": "The operation's result. How it was served is in the X-Mosaic-* headers.",
                "headers": provenance_headers(),
                "content": {"application/json": {"schema": output}}
            },
            "default": error_response(),
        });
        let mut operation = json!({
            "operationId": spec.tool_name(),
            "summary": spec.summary,
            "tags": [spec.kind.as_str()],
        });
        let pin = json!({"name": "provider", "in": "query", "required": false,
            "description": "Pin a provider instance by name instead of letting the router choose.",
            "schema": {"type": "string"}});
        let method = if spec.is_read() {
            let mut parameters = query_parameters(&input);
            parameters.push(pin);
            operation["parameters"] = Value::Array(parameters);
            responses["304"] = json!({"description": "Not modified: the `If-None-Match` entity tag is still current."});
            "get"
        } else {
            let mut body = input;
            if let Some(properties) = body.get_mut("properties").and_then(Value::as_object_mut) {
                properties.insert("provider".into(), pin["schema"].clone());
            }
            operation["requestBody"] =
                json!({"required": true, "content": {"application/json": {"schema": body}}});
            "post"
        };
        operation["responses"] = responses;
        paths.insert(format!("/v1/{}", spec.name), json!({ method: operation }));
    }
    paths.extend(gateway_paths());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "MosAIc",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "One API over Git forges, CI, knowledge bases and project trackers. \
                Reads are GET (cacheable: ETag, Cache-Control, If-None-Match), writes POST with a JSON body."
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer",
                "description": "An API key from the configuration's `auth.api_keys`."}}
        },
        // A key, or anonymous access where the configuration allows it.
        "security": [{"apiKey": []}, {}],
    })
}

fn error_schema() -> Value {
    json!({
        "type": "object",
        "properties": {"error": {"type": "object", "properties": {
            "code": {"type": "string", "description": "Stable error code, such as `not_found` or `invalid_arguments`."},
            "message": {"type": "string"},
            "fault": {"enum": ["caller", "provider", "gateway"], "description": "Whose fault the failure is."},
            "path": {"type": "string", "description": "The offending argument, for invalid arguments."}
        }, "required": ["code", "message", "fault"]}},
        "required": ["error"]
    })
}

fn error_response() -> Value {
    json!({"description": "The call failed; `fault` says whose fault it was.",
        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}}})
}

fn provenance_headers() -> Value {
    let text =
        |description: &str| json!({"description": description, "schema": {"type": "string"}});
    json!({
        "X-Mosaic-Instance": text("The provider instance whose data this is."),
        "X-Mosaic-Cache": {"description": "Whether the gateway's cache answered.",
            "schema": {"enum": ["hit", "miss", "stale"]}},
        "X-Mosaic-Rule": text("The route rule that planned the call."),
        "Age": {"description": "Seconds since the provider answered.", "schema": {"type": "integer"}},
    })
}

/// One query parameter per input property, `form`-exploded so arrays take repeated keys.
fn query_parameters(input: &Value) -> Vec<Value> {
    let required: Vec<&str> = input
        .get("required")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = input.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, schema)| {
            let mut parameter = json!({
                "name": name, "in": "query", "required": required.contains(&name.as_str()),
                "schema": schema, "style": "form", "explode": true
            });
            if let Some(description) = schema.get("description") {
                parameter["description"] = description.clone();
            }
            parameter
        })
        .collect()
}

/// The gateway's own endpoints.
fn gateway_paths() -> Map<String, Value> {
    let text = |description: &str| {
        json!({"description": description,
        "content": {"text/plain": {"schema": {"type": "string"}}}})
    };
    let object = |description: &str| {
        json!({"description": description,
        "content": {"application/json": {"schema": {"type": "object"}}}})
    };
    let mut paths = Map::new();
    paths.insert("/v1/providers".into(), json!({"get": {
        "operationId": "mosaic_providers_status", "tags": ["gateway"],
        "summary": "Live state of every provider instance: circuit, health, latency, calls, quota.",
        "responses": {"200": object("`{\"instances\": [...]}`"), "default": error_response()}
    }}));
    paths.insert("/v1/route/explain".into(), json!({"get": {
        "operationId": "mosaic_route_explain", "tags": ["gateway"],
        "summary": "Which instances would serve a call, in which order and why, without executing it. \
            The other query parameters are the call's arguments.",
        "parameters": [{"name": "operation", "in": "query", "required": true,
            "description": "Operation id, such as `git.issues.list`.", "schema": {"type": "string"}}],
        "responses": {"200": object("The plan, explained."), "default": error_response()}
    }}));
    paths.insert(
        "/healthz".into(),
        json!({"get": {"operationId": "healthz", "tags": ["gateway"],
        "summary": "The process is alive.", "security": [], "responses": {"200": text("`ok`")}}}),
    );
    paths.insert(
        "/readyz".into(),
        json!({"get": {"operationId": "readyz", "tags": ["gateway"],
        "summary": "The gateway is ready to take calls.", "security": [],
        "responses": {"200": text("`ready`"), "503": text("`not ready`")}}}),
    );
    paths
}

/// Moves `$defs` into `components` (renaming on a clash with a different schema of the same
/// name) and rewrites the `$ref`s of `schema` to match; drops `$schema`.
fn hoist(mut schema: Value, components: &mut Map<String, Value>) -> Value {
    let Value::Object(object) = &mut schema else {
        return schema;
    };
    object.remove("$schema");
    let defs = match object.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    // First decide every name, since definitions refer to each other. Shapes are compared
    // with their references under their own names.
    let mut names = BTreeMap::new();
    for (name, definition) in &defs {
        let shape = rewrite_refs(definition.clone(), &BTreeMap::new());
        let mut chosen = name.clone();
        let mut suffix = 2;
        while components
            .get(&chosen)
            .is_some_and(|existing| *existing != shape)
        {
            chosen = format!("{name}{suffix}");
            suffix += 1;
        }
        names.insert(name.clone(), chosen);
    }
    for (name, definition) in defs {
        let chosen = names[&name].clone();
        let definition = rewrite_refs(definition, &names);
        components.entry(chosen).or_insert(definition);
    }
    rewrite_refs(schema, &names)
}

fn rewrite_refs(value: Value, names: &BTreeMap<String, String>) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .map(|(key, value)| match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => {
                        let rewritten = match target.strip_prefix("#/$defs/") {
                            Some(name) => format!(
                                "#/components/schemas/{}",
                                names.get(name).map_or(name, String::as_str)
                            ),
                            None => target,
                        };
                        (key, Value::String(rewritten))
                    }
                    (_, value) => (key, rewrite_refs(value, names)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| rewrite_refs(item, names))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
#[path = "openapi_tests.rs"]
mod tests;
