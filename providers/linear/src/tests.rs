//! The plugin: its settings schema, and building an instance (what it serves is checked by
//! the shared suite).

use super::*;
use serde_json::json;

#[test]
fn settings_are_validated_without_io_and_described_by_a_schema() {
    assert!(
        LinearPlugin::default()
            .validate(&json!({"api_key": "lin_api_x"}))
            .is_ok()
    );
    let Err(errors) = LinearPlugin::default().validate(&json!({"base_url": "nope", "api_key": ""}))
    else {
        panic!("bad settings were accepted");
    };
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["base_url", "api_key"]);
    let schema =
        serde_json::to_value(LinearPlugin::default().descriptor().settings_schema.clone()).unwrap();
    for field in ["base_url", "api_key", "access_token"] {
        assert!(schema["properties"][field].is_object(), "{field}: {schema}");
    }
    assert_eq!(schema["additionalProperties"], json!(false));
}

#[test]
fn a_key_that_cannot_be_a_header_fails_the_build_naming_the_instance() {
    let mut connection = config::validate(&json!({"api_key": "lin_api_x"})).unwrap();
    connection.authorization = "line\nbreak".into();
    let Err(error) = connect(&mosaic_plugin::BuildContext::new("linear-main"), connection) else {
        panic!("a key with a line break was accepted");
    };
    assert_eq!(error.instance, "linear-main");
    assert!(
        error.message.contains("a header cannot carry"),
        "{}",
        error.message
    );
}
