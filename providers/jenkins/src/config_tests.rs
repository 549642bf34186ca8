//! Settings: every problem at once, each at its field; the credentials as HTTP Basic.

use super::*;
use serde_json::json;

fn fields(errors: &[FieldError]) -> Vec<String> {
    errors.iter().map(|error| error.path.clone()).collect()
}

#[test]
fn the_user_and_token_become_basic_credentials_with_the_defaults() {
    let connection = validate(&json!({
        "base_url": "https://ci.example.com/jenkins/", "user": "ana", "api_token": "11aa"
    }))
    .unwrap();
    // base64("ana:11aa")
    assert_eq!(connection.authorization.expose(), "Basic YW5hOjExYWE=");
    assert_eq!(
        connection.base_url.as_str(),
        "https://ci.example.com/jenkins"
    );
    assert_eq!(connection.branch_parameter, "BRANCH");
    assert_eq!(connection.queue_wait, Duration::from_secs(20));
    assert_eq!(connection.stop_grace, Duration::from_secs(5));
    assert_eq!(
        connection.folders.folder_of("acme/api").unwrap(),
        "job/acme/job/api"
    );
}

#[test]
fn every_problem_is_reported_at_once_at_its_field() {
    let errors = validate(&json!({
        "base_url": "ftp://ci", "user": "a:b", "api_token": " ",
        "repositories": [{"repo": "nope", "folder": "x"}],
        "branch_parameter": "a=b", "queue_wait_seconds": 600, "stop_grace_seconds": 99
    }))
    .unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "base_url",
            "user",
            "api_token",
            "repositories[0].repo",
            "branch_parameter",
            "queue_wait_seconds",
            "stop_grace_seconds"
        ],
        "{errors:?}"
    );
    let errors =
        validate(&json!({"base_url": "https://ci", "api_token": "t", "colour": 1})).unwrap_err();
    assert!(fields(&errors).contains(&"colour".to_owned()), "{errors:?}");
    assert!(
        errors.iter().any(|error| error.message.contains("`user`")),
        "{errors:?}"
    );
}
