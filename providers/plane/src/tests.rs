//! The plugin: its settings schema, and building an instance (what it serves is checked by
//! the shared suite).

use super::config::validate;
use super::fields::{check_type, label_ids, priority, title};
use super::mapping::PlaneLabel;
use super::*;
use mosaic_core::ProviderError;
use serde_json::json;

#[test]
fn the_settings_schema_documents_every_field_and_validation_needs_no_io() {
    let schema =
        serde_json::to_value(PlanePlugin::default().descriptor().settings_schema.clone()).unwrap();
    for field in [
        "base_url",
        "web_url",
        "api_key",
        "workspace",
        "api",
        "conditional_requests",
    ] {
        assert!(schema["properties"][field].is_object(), "{field}: {schema}");
    }
    assert_eq!(schema["additionalProperties"], json!(false));
    assert!(
        PlanePlugin::default()
            .validate(&json!({"api_key": "k", "workspace": "acme"}))
            .is_ok()
    );
    let Err(errors) = PlanePlugin::default().validate(&json!({"api_key": "", "workspace": "a b"}))
    else {
        panic!("bad settings were accepted");
    };
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn a_key_that_cannot_be_a_header_fails_the_build_naming_the_instance() {
    let mut connection = validate(&json!({"api_key": "k", "workspace": "acme"})).unwrap();
    connection.api_key = "line\nbreak".into();
    let Err(error) = connect(
        &mosaic_plugin::BuildContext::new("plane-main"),
        connection,
        Vec::new(),
    ) else {
        panic!("a key with a line break was accepted");
    };
    assert_eq!(error.instance, "plane-main");
    assert!(error.message.contains("token"), "{}", error.message);
}

#[test]
fn priorities_titles_and_types_are_checked_before_anything_is_sent() {
    assert_eq!(priority("High").unwrap(), "high");
    assert_eq!(priority(" none ").unwrap(), "none");
    let error = priority("Highest").unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid(
            "priority `Highest` is not one of Plane's: urgent, high, medium, low, none".into()
        )
    );
    assert_eq!(title("Fine").unwrap(), "Fine");
    assert!(title(&"é".repeat(255)).is_ok(), "characters, not bytes");
    assert!(matches!(
        title(&"x".repeat(256)),
        Err(ProviderError::Invalid(_))
    ));
    assert!(matches!(title("  "), Err(ProviderError::Invalid(_))));
    assert!(check_type(None).is_ok());
    assert!(check_type(Some("Issue")).is_ok());
    assert!(check_type(Some("work item")).is_ok());
    let error = check_type(Some("Bug")).unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("`Bug`")),
        "{error:?}"
    );
}

#[test]
fn labels_are_found_by_name_exactly_first_then_in_any_case() {
    let labels: Vec<PlaneLabel> = [("l1", "Bug"), ("l2", "bug"), ("l3", "Needs Review")]
        .into_iter()
        .map(|(id, name)| PlaneLabel {
            id: id.into(),
            name: name.into(),
        })
        .collect();
    let names = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        label_ids("PLAT", &labels, &names(&["bug", "Bug"])).unwrap(),
        ["l2", "l1"]
    );
    assert_eq!(
        label_ids("PLAT", &labels, &names(&["needs review"])).unwrap(),
        ["l3"]
    );
    assert_eq!(
        label_ids("PLAT", &labels, &names(&["Bug", "wontfix"])).unwrap_err(),
        ProviderError::Invalid(
            "label `wontfix` does not exist in project `PLAT` (its labels: Bug, bug, Needs Review)"
                .into()
        )
    );
}
