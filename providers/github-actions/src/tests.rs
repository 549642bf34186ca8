//! The plugin: its settings schema (what it serves is checked against the fake in
//! `tests/github_actions/`).

use super::*;
use serde_json::json;

#[test]
fn the_settings_schema_documents_every_field_and_refuses_others() {
    let plugin = GitHubActionsPlugin::default();
    let schema = serde_json::to_value(plugin.descriptor().settings_schema.clone()).unwrap();
    for field in ["base_url", "token", "conditional_requests", "cancel"] {
        let property = &schema["properties"][field];
        assert!(property.is_object(), "{field}: {schema}");
    }
    assert_eq!(schema["additionalProperties"], json!(false), "{schema}");
    assert!(
        plugin
            .validate(&json!({"token": "t", "cancel": "force"}))
            .is_ok()
    );
}
