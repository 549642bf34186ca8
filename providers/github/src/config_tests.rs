//! The settings of a `github` instance: the default API root, an Enterprise Server's prefix,
//! and every problem reported at once.

use super::*;
use serde_json::json;

#[test]
fn without_a_base_url_the_instance_is_github_com() {
    let connection = validate(&json!({"token": "ghp_x"})).unwrap();
    assert_eq!(connection.base_url.as_str(), "https://api.github.com/");
    assert_eq!(connection.token.expose(), "ghp_x");
}

#[test]
fn an_enterprise_server_keeps_its_api_prefix() {
    let ghes =
        validate(&json!({"base_url": "https://ghe.example.com/api/v3/", "token": "t"})).unwrap();
    assert_eq!(ghes.base_url.as_str(), "https://ghe.example.com/api/v3");
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let errors = validate(&json!({"token": "", "base_url": "ftp://x"})).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["base_url", "token"]);
    let unknown = validate(&json!({"token": "t", "owner": "acme"})).unwrap_err();
    assert_eq!(unknown[0].path, "owner", "{unknown:?}");
    let not_a_mapping = validate(&json!(["t"])).unwrap_err();
    assert!(
        not_a_mapping[0].message.contains("`github`"),
        "{not_a_mapping:?}"
    );
}
