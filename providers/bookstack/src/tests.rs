//! The plugin: its settings schema, and building an instance (what it serves is checked by
//! the shared kb suite).

use super::*;
use serde_json::json;

#[test]
fn the_settings_schema_documents_every_field_and_validation_needs_no_io() {
    let plugin = BookstackPlugin::default();
    let schema = serde_json::to_value(plugin.descriptor().settings_schema.clone()).unwrap();
    for field in [
        "base_url",
        "web_url",
        "token_id",
        "token_secret",
        "conditional_requests",
    ] {
        let property = &schema["properties"][field];
        assert!(property["description"].is_string(), "{field}: {schema}");
    }
    assert_eq!(schema["additionalProperties"], json!(false));
    let settings =
        json!({"base_url": "https://docs.example.com/api", "token_id": "a", "token_secret": "b"});
    assert!(plugin.validate(&settings).is_ok());
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_fails_the_build_naming_the_instance() {
    let mut connection = config::validate(&json!({
        "base_url": "https://docs.example.com/api", "token_id": "a", "token_secret": "b"
    }))
    .unwrap();
    connection.authorization = mosaic_core::Secret::new("Token a:b\n");
    let context = BuildContext::new("docs");
    let Err(error) = connect(&context, connection) else {
        panic!("a token with a newline was accepted");
    };
    assert_eq!(error.instance, "docs");
    assert!(error.message.contains("token"), "{}", error.message);
}
