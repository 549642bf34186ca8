//! The plugin: its settings schema, and building an instance.

use super::*;
use serde_json::json;

#[test]
fn the_settings_schema_documents_every_field_and_validation_needs_no_io() {
    let plugin = WoodpeckerPlugin::default();
    let schema = serde_json::to_value(plugin.descriptor().settings_schema.clone()).unwrap();
    for field in ["base_url", "web_url", "token"] {
        assert!(
            schema["properties"][field]["description"].is_string(),
            "{field}: {schema}"
        );
    }
    assert_eq!(schema["additionalProperties"], json!(false));
    assert!(
        plugin
            .validate(&json!({"base_url": "https://ci.example.com/api", "token": "t"}))
            .is_ok()
    );
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_fails_the_build_naming_the_instance() {
    let mut connection =
        config::validate(&json!({"base_url": "https://ci.example.com/api", "token": "t"})).unwrap();
    connection.authorization = mosaic_core::Secret::new("Bearer t\n");
    let Err(error) = connect(&BuildContext::new("ci"), connection) else {
        panic!("a token with a newline was accepted");
    };
    assert_eq!(error.instance, "ci");
    assert!(error.message.contains("token"), "{}", error.message);
}
