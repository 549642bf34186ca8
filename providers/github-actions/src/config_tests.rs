//! The settings of a `github-actions` instance: GitHub's connection shape, the cancel mode,
//! and every problem reported at once with its path.

use super::*;
use serde_json::json;

#[test]
fn without_a_base_url_the_instance_is_github_com_and_cancels_normally() {
    let checked = validate(&json!({"token": "ghp_x"})).unwrap();
    assert_eq!(
        checked.connection.base_url.as_str(),
        "https://api.github.com/"
    );
    assert_eq!(checked.cancel, CancelMode::Normal);
    let ghes = validate(
        &json!({"base_url": "https://ghe.example.com/api/v3", "token": "t", "cancel": "force"}),
    )
    .unwrap();
    assert_eq!(
        ghes.connection.base_url.as_str(),
        "https://ghe.example.com/api/v3"
    );
    assert_eq!(ghes.cancel, CancelMode::Force);
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let errors =
        validate(&json!({"token": "", "base_url": "ftp://x", "cancel": "hard"})).unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["base_url", "token", "cancel"]);
    assert!(
        errors[2].message.contains("`normal` or `force`"),
        "{errors:?}"
    );
    let unknown = validate(&json!({"token": "t", "owner": "acme"})).unwrap_err();
    assert_eq!(unknown[0].path, "owner", "{unknown:?}");
    let not_a_mapping = validate(&json!(["t"])).unwrap_err();
    assert!(
        not_a_mapping[0].message.contains("`github-actions`"),
        "{not_a_mapping:?}"
    );
}
