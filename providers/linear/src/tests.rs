//! The plugin: what it serves, its settings schema, and building an instance.

use super::*;
use mosaic_core::OpId;
use serde_json::json;

#[test]
fn the_plugin_serves_every_pm_operation_and_nothing_else() {
    assert_eq!(
        (
            LinearPlugin::default().descriptor().name.as_str(),
            LinearPlugin::default().descriptor().version.as_str()
        ),
        ("linear", "1.0.0")
    );
    assert_eq!(
        LinearPlugin::default().descriptor().kinds.as_slice(),
        &[ServiceKind::Pm]
    );
    for &op in OpId::ALL {
        let support = LinearPlugin::default().descriptor().supports(op).clone();
        if op.spec().kind == ServiceKind::Pm {
            assert!(support.is_supported(), "{}", op.name());
        } else {
            let Support::Unsupported { reason } = support else {
                panic!("{} is not a pm operation", op.name());
            };
            assert!(reason.contains("pm.*"), "{reason}");
        }
    }
}

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
