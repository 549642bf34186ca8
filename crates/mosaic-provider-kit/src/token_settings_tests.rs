use super::*;
use serde_json::json;

#[test]
fn a_default_base_url_applies_and_a_given_one_keeps_its_prefix() {
    let connection = validate_token_settings(
        "github",
        &json!({"token": "t"}),
        Some("https://api.github.com"),
    )
    .unwrap();
    assert_eq!(connection.base_url.as_str(), "https://api.github.com/");
    assert!(connection.conditional_requests);

    let connection = validate_token_settings(
        "gitea",
        &json!({"token": "t", "base_url": "https://git.example.com/api/v1/", "conditional_requests": false}),
        None,
    )
    .unwrap();
    assert_eq!(
        connection.base_url.as_str(),
        "https://git.example.com/api/v1"
    );
    assert!(!connection.conditional_requests);
}

#[test]
fn every_problem_is_reported_at_its_path() {
    let errors = validate_token_settings(
        "gitea",
        &json!({"token": "", "base_url": "ftp://x", "conditional_requests": "yes", "tokn": 1}),
        None,
    )
    .unwrap_err();
    let paths: Vec<_> = errors.iter().map(|error| error.path.as_str()).collect();
    assert!(paths.contains(&"conditional_requests"), "{errors:?}");
    assert!(
        errors.iter().any(|error| error.message.contains("tokn")),
        "{errors:?}"
    );

    let errors = validate_token_settings("gitea", &json!({"token": "t"}), None).unwrap_err();
    assert_eq!(errors[0].path, "base_url");
    assert!(errors[0].message.contains("gitea"));

    let errors =
        validate_token_settings("gitea", &json!({"base_url": "http://x"}), None).unwrap_err();
    assert!(
        errors[0].message.contains("missing field `token`"),
        "{errors:?}"
    );

    let errors = validate_token_settings(
        "github",
        &json!({"token": "abc\n"}),
        Some("https://api.github.com"),
    )
    .unwrap_err();
    assert_eq!(errors[0].path, "token");
}
