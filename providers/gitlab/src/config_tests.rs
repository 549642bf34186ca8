//! The settings of a `gitlab` instance: the default API root, a self-managed instance's
//! prefix, the web root derived from it, and every problem reported at once.

use super::*;
use serde_json::json;

#[test]
fn without_a_base_url_the_instance_is_gitlab_com() {
    let config = validate(&json!({"token": "glpat-x"})).unwrap();
    assert_eq!(
        config.connection.base_url.as_str(),
        "https://gitlab.com/api/v4"
    );
    assert_eq!(config.connection.token.expose(), "glpat-x");
    assert_eq!(config.web_root, WebRoot("https://gitlab.com".into()));
}

#[test]
fn a_self_managed_instance_keeps_its_relative_url_root() {
    let config = validate(&json!({
        "base_url": "https://git.example.com/gitlab/api/v4/",
        "token": "t",
    }))
    .unwrap();
    assert_eq!(
        config.web_root,
        WebRoot("https://git.example.com/gitlab".into())
    );
}

#[test]
fn the_web_root_is_the_base_url_without_its_api_prefix() {
    let root = |text: &str| web_root(&Url::parse(text).unwrap());
    assert_eq!(
        root("https://gitlab.com/api/v4"),
        WebRoot("https://gitlab.com".into())
    );
    assert_eq!(
        root("https://git.example.com/gitlab/api/v4"),
        WebRoot("https://git.example.com/gitlab".into())
    );
    assert_eq!(
        root("http://127.0.0.1:4010"),
        WebRoot("http://127.0.0.1:4010".into())
    );
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let errors = validate(&json!({"base_url": "ftp://gitlab", "token": ""})).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["base_url", "token"]);
    let not_a_mapping = validate(&json!("glpat-x")).unwrap_err();
    assert!(
        not_a_mapping[0].message.contains("`gitlab`"),
        "{not_a_mapping:?}"
    );
}
