//! The settings of a `gitea` instance: a base URL required and kept as given, and every
//! problem reported at once.

use super::*;
use serde_json::json;

#[test]
fn an_instance_names_its_api_root() {
    let errors = validate(&json!({"token": "t"})).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "base_url");
    assert!(
        errors[0].message.contains("`gitea`"),
        "{}",
        errors[0].message
    );
    let connection =
        validate(&json!({"base_url": "https://git.example.com/api/v1", "token": "t"})).unwrap();
    assert_eq!(
        connection.base_url.as_str(),
        "https://git.example.com/api/v1"
    );
    assert_eq!(connection.token.expose(), "t");
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let errors = validate(&json!({"base_url": "ftp://git", "token": ""})).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["base_url", "token"]);
    let unknown = validate(
        &json!({"base_url": "https://git.example.com/api/v1", "token": "t", "org": "acme"}),
    )
    .unwrap_err();
    assert_eq!(unknown[0].path, "org", "{unknown:?}");
}
