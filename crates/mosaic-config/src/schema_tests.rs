use super::*;
use crate::raw::SECTIONS;

#[test]
fn the_schema_documents_every_section_and_rejects_unknown_keys() {
    let schema = json_schema_for(&mosaic_providers::builtin());
    let properties = schema["properties"].as_object().unwrap();
    let mut documented: Vec<&str> = properties.keys().map(String::as_str).collect();
    let mut sections = SECTIONS.to_vec();
    documented.sort_unstable();
    sections.sort_unstable();
    assert_eq!(documented, sections);
    assert_eq!(schema["additionalProperties"], json!(false));
    for (name, section) in properties {
        assert!(
            section["description"]
                .as_str()
                .is_some_and(|text| !text.is_empty()),
            "section `{name}` has no description"
        );
    }
    let server = &schema["$defs"]["ServerSection"];
    assert_eq!(
        server["properties"]["listen"]["default"],
        json!("127.0.0.1:8080")
    );
    assert_eq!(
        schema["$defs"]["ExecutorSection"]["properties"]["timeout"]["default"],
        json!("10s")
    );
}

#[test]
fn every_field_of_every_definition_is_documented() {
    let schema = json_schema_for(&mosaic_providers::builtin());
    for (name, definition) in schema["$defs"].as_object().unwrap() {
        if name.starts_with("sim-") {
            continue;
        }
        let Some(properties) = definition["properties"].as_object() else {
            continue;
        };
        for (field, property) in properties {
            assert!(
                property["description"]
                    .as_str()
                    .is_some_and(|text| !text.is_empty()),
                "{name}.{field} has no description"
            );
        }
    }
}

#[test]
fn plugin_settings_schemas_are_attached_by_plugin_name() {
    let registry = mosaic_providers::builtin();
    let schema = json_schema_for(&registry);
    let conditions = schema["$defs"]["ProviderEntry"]["allOf"]
        .as_array()
        .unwrap();
    assert_eq!(conditions.len(), registry.len());
    let sim = conditions
        .iter()
        .find(|condition| {
            condition["if"]["properties"]["plugin"]["enum"] == json!(["sim@1.0.0", "sim"])
        })
        .expect("a condition for the sim plugin");
    let reference = sim["then"]["properties"]["settings"]["$ref"]
        .as_str()
        .unwrap();
    let pointer = reference.strip_prefix('#').unwrap();
    let settings = schema
        .pointer(pointer)
        .expect("the settings schema is in $defs");
    assert!(settings.get("$schema").is_none());
    assert_no_dangling_refs(&schema, &schema);
}

fn assert_no_dangling_refs(root: &Value, value: &Value) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                if key == "$ref" {
                    let reference = child.as_str().unwrap();
                    let pointer = reference.strip_prefix('#').unwrap();
                    assert!(root.pointer(pointer).is_some(), "dangling $ref {reference}");
                } else {
                    assert_no_dangling_refs(root, child);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| assert_no_dangling_refs(root, item)),
        _ => {}
    }
}

#[test]
fn references_are_renamed_into_the_plugins_namespace() {
    let mut value = json!({
        "a": {"$ref": "#/$defs/Latency"},
        "b": [{"$ref": "#"}, {"$ref": "#/definitions/Old/properties/x"}],
        "c": {"$ref": "https://example.com/schema.json"}
    });
    rewrite_refs(&mut value, "sim-1_0_0-", "#/$defs/sim-1_0_0-settings");
    assert_eq!(
        value,
        json!({
            "a": {"$ref": "#/$defs/sim-1_0_0-Latency"},
            "b": [{"$ref": "#/$defs/sim-1_0_0-settings"}, {"$ref": "#/$defs/sim-1_0_0-Old/properties/x"}],
            "c": {"$ref": "https://example.com/schema.json"}
        })
    );
}
