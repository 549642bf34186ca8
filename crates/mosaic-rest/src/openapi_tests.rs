use super::*;
use mosaic_core::catalog::schema::nonstandard_formats;
use oas3::spec::{ObjectOrReference, Schema};
use serde_json::json;

fn parsed() -> oas3::Spec {
    oas3::from_json(openapi_document().to_string()).expect("the document parses as OpenAPI 3.1")
}

/// Resolves `schema` and everything inside it through the parsed document's components.
fn resolve_all(schema: &Schema, spec: &oas3::Spec, depth: usize) {
    let resolved = schema.resolve(spec).expect("every $ref resolves");
    let Schema::Object(object) = resolved else {
        return;
    };
    let ObjectOrReference::Object(object) = *object else {
        unreachable!("resolve follows references");
    };
    if depth > 6 {
        return;
    }
    let children = object
        .properties
        .values()
        .chain(object.items.as_deref())
        .chain(&object.all_of)
        .chain(&object.any_of)
        .chain(&object.one_of);
    for child in children {
        resolve_all(child, spec, depth + 1);
    }
}

#[test]
fn the_document_is_openapi_3_1_with_a_path_per_operation() {
    let spec = parsed();
    assert!(spec.validate_version().is_ok());
    let operations: Vec<_> = spec.operations().collect();
    // Besides the catalog: providers, route explain, healthz, readyz, plugins and the two
    // canary decisions.
    assert_eq!(operations.len(), OpId::ALL.len() + 7);
    let mut ids: Vec<&str> = operations
        .iter()
        .filter_map(|(_, _, operation)| operation.operation_id.as_deref())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), operations.len(), "operationIds are unique");
    for op in OpId::ALL {
        let path = format!("/v1/{}", op.name());
        let method = if op.spec().is_read() { "GET" } else { "POST" };
        let found = operations
            .iter()
            .find(|(p, m, _)| *p == path && m.as_str() == method);
        let (_, _, operation) = found.unwrap_or_else(|| panic!("{method} {path} is missing"));
        assert_eq!(
            operation.operation_id.as_deref(),
            Some(op.spec().tool_name().as_str())
        );
        let responses = operation.responses.as_ref().unwrap();
        assert!(responses.contains_key("200"));
    }
}

/// Every status the REST API answers with, by what the path takes.
const FAILURES: &[&str] = &[
    "400", "401", "403", "404", "409", "422", "429", "500", "501", "502", "503", "504",
];

#[test]
fn every_status_the_api_answers_with_is_documented_with_the_error_envelope() {
    let document = openapi_document();
    for (path, item) in document["paths"].as_object().unwrap() {
        if !path.starts_with("/v1/") {
            continue;
        }
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            // No `default` stands in for an undocumented status.
            assert!(responses.get("default").is_none(), "{method} {path}");
            let extra: &[&str] = match method.as_str() {
                "post" => &["413", "415"],
                _ => &["414"],
            };
            for status in FAILURES.iter().chain(extra) {
                let schema = &responses
                    .get(*status)
                    .unwrap_or_else(|| panic!("{method} {path} does not document {status}"))["content"]
                    ["application/json"]["schema"];
                assert_eq!(
                    schema["$ref"],
                    responses::ERROR_REF,
                    "{method} {path} {status}"
                );
            }
            let retry = &responses["429"]["headers"]["Retry-After"]["schema"];
            assert_eq!(retry["type"], "integer");
        }
    }
    let read = &document["paths"]["/v1/git.issues.list"]["get"]["responses"];
    assert!(read.get("304").is_some() && read.get("413").is_none());
    assert!(read["200"]["headers"].get("ETag").is_some());
}

#[test]
fn the_document_uses_only_formats_json_schema_defines() {
    assert_eq!(
        nonstandard_formats(openapi_document()),
        Vec::<String>::new()
    );
    let text = openapi_document().to_string();
    assert!(!text.contains("uint") && !text.contains("int64"));
}

fn parameter<'d>(document: &'d Value, path: &str, name: &str) -> &'d Value {
    document["paths"][path]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|parameter| parameter["name"] == name)
        .unwrap_or_else(|| panic!("{path} has no parameter {name}"))
}

#[test]
fn query_parameters_carry_the_input_rules_and_never_null() {
    let document = openapi_document();
    for op in OpId::ALL.iter().filter(|op| op.spec().is_read()) {
        let path = format!("/v1/{}", op.name());
        let input = op.input_schema().as_value();
        for parameter in document["paths"][&path]["get"]["parameters"]
            .as_array()
            .unwrap()
        {
            let name = parameter["name"].as_str().unwrap();
            let schema = &parameter["schema"];
            let text = schema.to_string();
            assert!(
                !text.contains("\"null\""),
                "{path} `{name}` allows null: {schema}"
            );
            let Some(property) = input["properties"].get(name) else {
                assert_eq!(name, "provider");
                assert_eq!(*schema, without_null(provider_pin(), &Map::new()));
                assert_eq!(schema["type"], "string");
                continue;
            };
            let property = rewrite_refs(property.clone(), &BTreeMap::new());
            for keyword in ["pattern", "minLength", "minimum", "maximum", "items"] {
                assert_eq!(
                    schema.get(keyword),
                    property.get(keyword),
                    "{path} `{name}` {keyword}"
                );
            }
        }
    }
    let state = parameter(document, "/v1/pm.issues.search", "status");
    assert_eq!(state["schema"]["type"], "array");
}

/// A validator for a schema of the document, its `$ref`s resolved against the components.
fn validator(document: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    root["components"] = document["components"].clone();
    jsonschema::validator_for(&root).expect("document schemas compile")
}

#[test]
fn the_documented_constraints_refuse_what_the_gateway_refuses() {
    let document = openapi_document();
    // (read, parameter, value, refused): the parameter's schema and the gateway agree.
    let reads = [
        (OpId::GitReposGet, "repo", json!("noslash"), true),
        (OpId::GitReposGet, "repo", json!("acme/api"), false),
        (OpId::GitIssuesList, "per_page", json!(0), true),
        (OpId::GitIssuesList, "per_page", json!(100), false),
        (OpId::GitIssuesList, "per_page", json!(101), true),
        (OpId::GitIssuesList, "state", json!("merged"), true),
        (OpId::GitIssuesList, "cursor", json!(""), true),
        (OpId::PmIssuesGet, "key", json!(""), true),
        (OpId::PmIssuesGet, "key", json!("PROJ-12"), false),
        (OpId::PmIssuesSearch, "status", json!([""]), true),
        (
            OpId::PmIssuesSearch,
            "updated_since",
            json!("2026-02-30"),
            true,
        ),
        (OpId::CiRunsLogs, "max_bytes", json!(0), true),
    ];
    for (op, name, value, refused) in reads {
        let path = format!("/v1/{}", op.name());
        let schema = &parameter(document, &path, name)["schema"];
        assert_eq!(
            !validator(document, schema).is_valid(&value),
            refused,
            "{path} `{name}` = {value}"
        );
        let mut arguments = match op {
            OpId::PmIssuesGet | OpId::PmIssuesSearch => json!({}),
            OpId::CiRunsLogs => json!({"repo": "a/b", "run_id": "1"}),
            _ => json!({"repo": "a/b"}),
        };
        arguments[name] = value.clone();
        if op == OpId::PmIssuesGet && name != "key" {
            arguments["key"] = json!("PLAT-1");
        }
        let gateway = mosaic_core::Operation::parse(op, arguments).err();
        let field = gateway.as_ref().map(|error| error.path.as_str());
        // An array's item is named by its index.
        assert_eq!(
            field.map(|field| field.split('[').next().unwrap_or(field)),
            refused.then_some(name),
            "{path} `{name}` = {value}"
        );
    }
    // Writes: the body schema, pin included.
    let body = |op: OpId| {
        document["paths"][format!("/v1/{}", op.name())]["post"]["requestBody"]["content"]
            ["application/json"]["schema"]
            .clone()
    };
    let writes = [
        (OpId::PmIssuesUpdate, json!({"key": ""}), true),
        (
            OpId::PmIssuesUpdate,
            json!({"key": "PLAT-1", "title": null}),
            false,
        ),
        (
            OpId::GitIssuesCreate,
            json!({"repo": "a/b", "title": " "}),
            true,
        ),
        (
            OpId::GitIssuesCreate,
            json!({"repo": "a/b", "title": "t", "provider": ""}),
            true,
        ),
        (
            OpId::GitIssuesCreate,
            json!({"repo": "a/b", "title": "t", "provider": "main"}),
            false,
        ),
        (
            OpId::GitIssuesCreate,
            json!({"repo": "a/b", "title": "t", "provider": null}),
            false,
        ),
        (
            OpId::GitIssuesComment,
            json!({"repo": "a/b", "number": 0, "body": "b"}),
            true,
        ),
    ];
    for (op, arguments, refused) in writes {
        assert_eq!(
            !validator(document, &body(op)).is_valid(&arguments),
            refused,
            "{} {arguments}",
            op.name()
        );
    }
}

#[test]
fn every_schema_parameter_and_body_resolves() {
    let spec = parsed();
    for (path, _, operation) in spec.operations() {
        for parameter in &operation.parameters {
            let parameter = parameter.resolve(&spec).unwrap();
            if let Some(schema) = &parameter.schema {
                resolve_all(schema, &spec, 0);
            }
        }
        if let Some(body) = &operation.request_body {
            let body = body.resolve(&spec).unwrap();
            let schema = body.content["application/json"].schema(&spec).unwrap();
            resolve_all(&schema.unwrap(), &spec, 0);
        }
        for response in operation.responses.as_ref().unwrap().values() {
            let response = response.resolve(&spec).unwrap();
            for media in response.content.values() {
                if let Some(schema) = media.schema(&spec).unwrap() {
                    resolve_all(&schema, &spec, 0);
                }
            }
        }
        assert!(path.starts_with('/'));
    }
    let text = openapi_document().to_string();
    assert!(!text.contains("#/$defs/") && !text.contains("\"$schema\""));
}

#[test]
fn reads_take_query_parameters_and_writes_a_body_with_the_pin() {
    let document = openapi_document();
    let list = &document["paths"]["/v1/git.issues.list"]["get"];
    let names: Vec<&str> = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|parameter| parameter["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"repo") && names.contains(&"labels") && names.contains(&"provider"));
    let repo = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "repo")
        .unwrap();
    assert_eq!(repo["required"], true);
    assert!(list["responses"].get("304").is_some());
    let create = &document["paths"]["/v1/git.issues.create"]["post"];
    let body = &create["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(
        body["properties"]["provider"]["type"],
        json!(["string", "null"])
    );
    assert!(create.get("parameters").is_none());
}

#[test]
fn definitions_with_one_name_and_two_shapes_stay_apart() {
    let mut components = Map::new();
    let first = hoist(
        json!({"$defs": {"Item": {"type": "string"}}, "items": {"$ref": "#/$defs/Item"}}),
        &mut components,
    );
    let second = hoist(
        json!({"$defs": {"Item": {"type": "integer"}}, "items": {"$ref": "#/$defs/Item"}}),
        &mut components,
    );
    let same = hoist(
        json!({"$defs": {"Item": {"type": "string"}}, "items": {"$ref": "#/$defs/Item"}}),
        &mut components,
    );
    assert_eq!(first["items"]["$ref"], "#/components/schemas/Item");
    assert_eq!(second["items"]["$ref"], "#/components/schemas/Item2");
    assert_eq!(same["items"]["$ref"], "#/components/schemas/Item");
    assert_eq!(components["Item2"], json!({"type": "integer"}));
}
