//! Settings: defaults, the two kinds of credentials, every problem at once.

use super::*;
use serde_json::json;

#[test]
fn the_default_endpoint_is_linears_and_a_prefix_is_kept() {
    let connection = validate(&json!({"api_key": "lin_api_x"})).unwrap();
    assert_eq!(connection.base_url.as_str(), "https://api.linear.app/");
    assert_eq!(connection.authorization.expose(), "lin_api_x");
    let proxied = validate(&json!({
        "base_url": "https://gateway.example.com/linear/", "access_token": "oauth"
    }))
    .unwrap();
    assert_eq!(
        proxied.base_url.as_str(),
        "https://gateway.example.com/linear"
    );
    assert_eq!(proxied.authorization.expose(), "Bearer oauth");
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let errors = validate(&json!({"base_url": "ftp://x", "api_key": " lin_api_x", "team": "WEB"}))
        .unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["team", "base_url", "api_key"], "{errors:?}");
    let errors = validate(&json!({})).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("`api_key`"), "{errors:?}");
    let errors = validate(&json!({"api_key": "a", "access_token": "b"})).unwrap_err();
    assert_eq!(errors[0].path, "access_token");
    let errors = validate(&json!({"api_key": ""})).unwrap_err();
    assert!(errors[0].message.contains("unset"), "{errors:?}");
    let errors = validate(&json!({"api_key": "Bearer lin_api_x"})).unwrap_err();
    assert!(errors[0].message.contains("drop `Bearer `"), "{errors:?}");
    let errors = validate(&json!("lin_api_x")).unwrap_err();
    assert!(
        errors[0].message.contains("must be a mapping"),
        "{errors:?}"
    );
}
