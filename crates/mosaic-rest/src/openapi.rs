//! The OpenAPI 3.1 document, generated from the catalog: one path per operation (GET with
//! query parameters for reads, POST with a JSON body for writes), the output schema as the 200
//! response, every failure status with the one error envelope (`openapi/responses.rs`), and
//! the gateway's own endpoints. The input schemas carry every rule the gateway enforces on an
//! argument, so a request that fits them is never refused as malformed.
//!
//! JSON Schema 2020-12 (what schemars emits) is OpenAPI 3.1's own dialect, so schemas are
//! embedded as they are, less `$schema`; each schema's `$defs` are hoisted into
//! `components/schemas` and its `$ref`s rewritten to point there. Two catalog types with one
//! name but different shapes get distinct component names, so no schema silently stands in for
//! another.

mod responses;

use mosaic_core::OpId;
use mosaic_core::catalog::schema::provider_pin;
use responses::Takes;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The document, built once.
pub fn openapi_document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(build)
}

fn build() -> Value {
    let mut components = Map::new();
    components.insert("Error".into(), responses::error_schema());
    let mut paths = Map::new();
    for op in OpId::ALL {
        let spec = op.spec();
        let input = hoist(op.input_schema().as_value().clone(), &mut components);
        let output = hoist(op.output_schema().as_value().clone(), &mut components);
        let takes = if spec.is_read() {
            Takes::Query
        } else {
            Takes::Body
        };
        let mut responses = responses::failures(takes);
        responses.insert(
            "200".into(),
            json!({
                "description": "The operation's result. How it was served is in the X-Mosaic-* headers.",
                "headers": responses::success_headers(spec.is_read()),
                "content": {"application/json": {"schema": output}}
            }),
        );
        let mut operation = json!({
            "operationId": spec.tool_name(),
            "summary": spec.summary,
            "tags": [spec.kind.as_str()],
        });
        let method = match takes {
            Takes::Query => {
                let mut parameters = query_parameters(&input, &components);
                let pin = without_null(provider_pin(), &components);
                parameters.push(json!({"name": "provider", "in": "query", "required": false,
                    "description": pin["description"], "schema": pin}));
                operation["parameters"] = Value::Array(parameters);
                responses.insert("304".into(), responses::not_modified());
                "get"
            }
            Takes::Body => {
                let mut body = input;
                if let Some(properties) = body.get_mut("properties").and_then(Value::as_object_mut)
                {
                    properties.insert("provider".into(), provider_pin());
                }
                operation["requestBody"] =
                    json!({"required": true, "content": {"application/json": {"schema": body}}});
                "post"
            }
        };
        operation["responses"] = Value::Object(responses);
        paths.insert(format!("/v1/{}", spec.name), json!({ method: operation }));
    }
    paths.extend(gateway_paths());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "MosAIc",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "One API over Git forges, CI, knowledge bases and project trackers. \
                Reads are GET (cacheable: ETag, Cache-Control, If-None-Match), writes POST with a JSON body. \
                Every rule an argument must follow is in its schema (pattern, length, range, values): \
                a request that fits the schemas is never refused with 400."
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

/// One query parameter per input property, `form`-exploded so arrays take repeated keys. A
/// query parameter is present with a value or absent, never `null`: the `null` an optional
/// field's schema allows in a JSON body is left out.
fn query_parameters(input: &Value, components: &Map<String, Value>) -> Vec<Value> {
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
            let schema = without_null(schema.clone(), components);
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

/// `schema` without its `null` alternative: `type: [string, null]` becomes `type: string`, an
/// `anyOf` loses its `{type: null}` member (and is replaced by the one left), and a `null`
/// default goes.
fn without_null(schema: Value, components: &Map<String, Value>) -> Value {
    let Value::Object(mut object) = schema else {
        return schema;
    };
    if object.get("default") == Some(&Value::Null) {
        object.remove("default");
    }
    if let Some(Value::Array(types)) = object.get("type") {
        let types: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        let types = match types.as_slice() {
            [only] => only.clone(),
            _ => Value::Array(types),
        };
        object.insert("type".into(), types);
    }
    if let Some(Value::Array(alternatives)) = object.remove("anyOf") {
        let is_null = |alternative: &Value| {
            alternative.get("type") == Some(&json!("null"))
                || alternative
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|target| target.strip_prefix("#/components/schemas/"))
                    .and_then(|name| components.get(name))
                    .is_some_and(|target| target.get("type") == Some(&json!("null")))
        };
        let mut rest: Vec<Value> = alternatives.into_iter().filter(|a| !is_null(a)).collect();
        if rest.len() == 1 {
            // The one alternative's keywords, under the property's own (description, default).
            if let Value::Object(only) = rest.remove(0) {
                for (key, value) in only {
                    object.entry(key).or_insert(value);
                }
            }
        } else {
            object.insert("anyOf".into(), Value::Array(rest));
        }
    }
    Value::Object(object)
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
    let with_failures = |success: Value| {
        let mut responses = responses::failures(Takes::Query);
        responses.insert("200".into(), success);
        Value::Object(responses)
    };
    let mut paths = Map::new();
    paths.insert("/v1/providers".into(), json!({"get": {
        "operationId": "mosaic_providers_status", "tags": ["gateway"],
        "summary": "Live state of every provider instance: circuit, health, latency, calls, quota.",
        "responses": with_failures(object("`{\"instances\": [...], \"cache\": [...]}` (each cache tier: hits, misses, fills, invalidations, errors, availability), and `plugins` (the plugins folder: each manifest with the plugin it serves and the errors of a refused change) when a folder is configured."))
    }}));
    paths.insert("/v1/route/explain".into(), json!({"get": {
        "operationId": "mosaic_route_explain", "tags": ["gateway"],
        "summary": "Which instances would serve a call, in which order and why, without executing it. \
            The other query parameters are the call's arguments.",
        "parameters": [{"name": "operation", "in": "query", "required": true,
            "description": "Operation id, such as `git.issues.list`.", "schema": {"type": "string"}}],
        "responses": with_failures(object("The plan, explained."))
    }}));
    paths.insert("/v1/plugins".into(), json!({"get": {
        "operationId": "mosaic_plugins_status", "tags": ["gateway"],
        "summary": "The installed plugins with their versions and running instances, and every split's canary: \
            where it stands (active, rolled_back, promoted), the last decision and its calls against the baseline's.",
        "responses": with_failures(object("`{\"plugins\": [...], \"canaries\": [...]}`"))
    }}));
    for (action, summary) in [
        (
            "promote",
            "Promotes a split's canary: it takes all the traffic of its split until the next decision.",
        ),
        (
            "rollback",
            "Rolls a split's canary back: it gets none of its split's traffic until promoted.",
        ),
    ] {
        let mut responses = responses::failures(Takes::Body);
        responses.insert(
            "200".into(),
            object("`{\"canary\": {...}}`: where the canary stands now."),
        );
        paths.insert(format!("/v1/plugins/canaries/{{instance}}/{action}"), json!({"post": {
            "operationId": format!("mosaic_plugins_{action}"), "tags": ["gateway"],
            "summary": summary,
            "description": "Policy operation `mosaic.plugins.manage`, with the canary's instance name as its resource; audited.",
            "parameters": [{"name": "instance", "in": "path", "required": true,
                "description": "The canary's provider instance.", "schema": {"type": "string"}}],
            "responses": responses
        }}));
    }
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
