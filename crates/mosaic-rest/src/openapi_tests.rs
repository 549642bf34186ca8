use super::*;
use oas3::spec::{ObjectOrReference, Schema};

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
    assert_eq!(operations.len(), OpId::ALL.len() + 4);
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
        assert!(responses.contains_key("200") && responses.contains_key("default"));
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
    assert_eq!(body["properties"]["provider"]["type"], "string");
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
