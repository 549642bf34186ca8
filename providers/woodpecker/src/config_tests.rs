//! Settings: every problem at once, each at its field; the token as Woodpecker reads it.

use super::*;
use serde_json::json;

fn fields(errors: &[FieldError]) -> Vec<String> {
    errors.iter().map(|error| error.path.clone()).collect()
}

#[test]
fn a_token_becomes_a_bearer_value_and_the_web_root_drops_api() {
    let connection =
        validate(&json!({"base_url": "https://ci.example.com/api", "token": "abc"})).unwrap();
    assert_eq!(connection.authorization.expose(), "Bearer abc");
    assert_eq!(connection.web_url, "https://ci.example.com");
    let explicit = validate(&json!({
        "base_url": "https://ci.example.com/api", "web_url": "https://woodpecker.example.com/",
        "token": "abc"
    }))
    .unwrap();
    assert_eq!(explicit.web_url, "https://woodpecker.example.com");
}

#[test]
fn every_problem_is_reported_at_once_at_its_field() {
    let errors = validate(&json!({"base_url": "not a url", "token": " "})).unwrap_err();
    assert_eq!(fields(&errors), ["base_url", "token"]);
    let errors =
        validate(&json!({"base_url": "https://ci.example.com", "token": "a"})).unwrap_err();
    assert_eq!(fields(&errors), ["web_url"], "{errors:?}");
    let errors = validate(&json!({"base_url": "https://ci.example.com/api", "token": "Bearer a"}))
        .unwrap_err();
    assert_eq!(fields(&errors), ["token"]);
    assert!(errors[0].message.contains("alone"), "{errors:?}");
    let errors = validate(&json!({"token": "a", "color": 1})).unwrap_err();
    assert!(fields(&errors).contains(&"color".to_owned()), "{errors:?}");
}
