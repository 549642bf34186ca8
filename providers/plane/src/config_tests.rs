//! Settings: defaults, the web address derived from the API's, and every error at its path.

use super::*;
use serde_json::json;

fn paths(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|error| error.path.as_str()).collect()
}

#[test]
fn defaults_are_plane_cloud_and_the_work_items_paths() {
    let connection = validate(&json!({"api_key": "plane_api_x", "workspace": "acme"})).unwrap();
    assert_eq!(connection.base_url.as_str(), DEFAULT_BASE_URL);
    assert_eq!(connection.web_url, "https://app.plane.so");
    assert_eq!(connection.api, ApiPaths::WorkItems);
    assert_eq!(connection.api.segment(), "work-items");
    assert!(connection.conditional_requests);
}

#[test]
fn a_self_hosted_plane_keeps_its_prefix_and_gets_its_own_web_address() {
    let connection = validate(&json!({
        "base_url": "https://plane.example.com/api/v1/",
        "api_key": "k",
        "workspace": "acme-eng",
        "api": "issues",
        "conditional_requests": false
    }))
    .unwrap();
    assert_eq!(
        connection.base_url.as_str(),
        "https://plane.example.com/api/v1"
    );
    assert_eq!(connection.web_url, "https://plane.example.com");
    assert_eq!(connection.api.segment(), "issues");
    assert!(!connection.conditional_requests);
    let proxied = validate(&json!({
        "base_url": "https://gw.example.com/plane",
        "web_url": "https://plane.example.com/",
        "api_key": "k",
        "workspace": "acme"
    }))
    .unwrap();
    assert_eq!(proxied.web_url, "https://plane.example.com");
}

#[test]
fn every_problem_is_reported_at_once_at_its_path() {
    let errors = validate(&json!({
        "base_url": "ftp://plane.example.com",
        "api_key": " k\n",
        "workspace": "acme/../x",
        "api": "v2",
        "colour": "blue"
    }))
    .unwrap_err();
    assert_eq!(
        paths(&errors),
        ["api", "colour", "base_url", "api_key", "workspace"]
    );
    let errors = validate(
        &json!({"base_url": "https://gw.example.com/plane", "api_key": "", "workspace": ""}),
    )
    .unwrap_err();
    assert_eq!(paths(&errors), ["web_url", "api_key", "workspace"]);
    assert!(
        errors[0].message.contains("/api/v1"),
        "{}",
        errors[0].message
    );
    let errors = validate(&json!({})).unwrap_err();
    assert!(errors[0].message.contains("missing field"), "{errors:?}");
    let errors = validate(&json!("acme")).unwrap_err();
    assert!(errors[0].message.contains("mapping"), "{errors:?}");
}
