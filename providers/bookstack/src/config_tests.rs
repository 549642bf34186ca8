//! Settings: every problem at once, each at its field; the token as BookStack reads it.

use super::*;
use serde_json::json;

fn fields(errors: &[FieldError]) -> Vec<String> {
    errors.iter().map(|error| error.path.clone()).collect()
}

#[test]
fn a_token_becomes_one_authorization_value_and_the_web_root_drops_api() {
    let connection = validate(&json!({
        "base_url": "https://docs.example.com/api",
        "token_id": "abc", "token_secret": "xyz"
    }))
    .unwrap();
    assert_eq!(connection.authorization.expose(), "Token abc:xyz");
    assert_eq!(connection.web_url, "https://docs.example.com");
    assert!(connection.conditional_requests);
    let explicit = validate(&json!({
        "base_url": "https://api.example.com/v1", "web_url": "https://docs.example.com/",
        "token_id": "abc", "token_secret": "xyz", "conditional_requests": false
    }))
    .unwrap();
    assert_eq!(explicit.web_url, "https://docs.example.com");
    assert!(!explicit.conditional_requests);
}

#[test]
fn every_problem_is_reported_at_once_at_its_field() {
    let errors = validate(&json!({
        "base_url": "not a url", "token_id": "a:b", "token_secret": " "
    }))
    .unwrap_err();
    assert_eq!(fields(&errors), ["base_url", "token_id", "token_secret"]);
    let errors = validate(&json!({
        "base_url": "https://docs.example.com", "token_id": "a", "token_secret": "b"
    }))
    .unwrap_err();
    assert_eq!(fields(&errors), ["web_url"], "{errors:?}");
    let errors = validate(&json!({"token_id": "a", "token_secret": "b", "color": 1})).unwrap_err();
    assert!(fields(&errors).contains(&"color".to_owned()), "{errors:?}");
}
