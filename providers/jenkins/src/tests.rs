//! The plugin: its settings schema, and building an instance (what it serves is checked by
//! the shared suites and `tests/jenkins`).

use super::*;
use serde_json::json;

#[test]
fn the_settings_schema_documents_every_field_and_validation_needs_no_io() {
    let plugin = JenkinsPlugin::default();
    let schema = serde_json::to_value(plugin.descriptor().settings_schema.clone()).unwrap();
    for field in [
        "base_url",
        "user",
        "api_token",
        "repositories",
        "branch_parameter",
        "queue_wait_seconds",
        "stop_grace_seconds",
    ] {
        let property = &schema["properties"][field];
        assert!(property["description"].is_string(), "{field}: {schema}");
    }
    assert_eq!(schema["additionalProperties"], json!(false));
    let settings = json!({"base_url": "https://ci.example.com", "user": "ana", "api_token": "t"});
    assert!(plugin.validate(&settings).is_ok());
}

#[tokio::test]
async fn a_token_that_cannot_be_a_header_fails_the_build_naming_the_instance() {
    let mut connection = config::validate(
        &json!({"base_url": "https://ci.example.com", "user": "ana", "api_token": "t"}),
    )
    .unwrap();
    connection.authorization = mosaic_core::Secret::new("Basic a\n");
    let context = BuildContext::new("ci");
    let Err(error) = connect(&context, connection) else {
        panic!("a token with a newline was accepted");
    };
    assert_eq!(error.instance, "ci");
    assert!(error.message.contains("token"), "{}", error.message);
}
