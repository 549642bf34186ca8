use super::*;
use serde_json::json;

fn standard(body: &str) -> Option<String> {
    Dialect::STANDARD.message(body.as_bytes())
}

#[test]
fn the_common_keys_and_problem_details_are_the_message() {
    assert_eq!(
        standard(r#"{"message":"Bad credentials"}"#).as_deref(),
        Some("Bad credentials")
    );
    assert_eq!(
        standard(r#"{"error":"invalid_token","error_description":"Token was revoked"}"#).as_deref(),
        Some("invalid_token; Token was revoked")
    );
    let problem = r#"{"type":"about:blank","title":"Unprocessable Entity","detail":"`title` is required","status":422}"#;
    assert_eq!(
        standard(problem).as_deref(),
        Some("Unprocessable Entity; `title` is required")
    );
}

#[test]
fn a_body_without_a_readable_message_is_none() {
    assert_eq!(
        standard("<html><body>secret stack trace</body></html>"),
        None
    );
    assert_eq!(standard(""), None);
    assert_eq!(
        standard(r#"{"message":"  ","documentation_url":"x"}"#),
        None
    );
    // Vendor shapes are each dialect's own to read.
    assert_eq!(
        standard(r#"{"message":{"title":["can't be blank"]}}"#),
        None
    );
    assert_eq!(
        standard(r#"{"errorMessages":["Issue does not exist"]}"#),
        None
    );
    assert_eq!(standard(r#"["a","b"]"#), None);
}

#[test]
fn long_messages_are_cut_to_300_characters() {
    let long = format!(r#"{{"message":"{}"}}"#, "é".repeat(5000));
    let message = standard(&long).unwrap();
    assert_eq!(message.chars().count(), MAX_MESSAGE + 1);
    assert!(message.ends_with('…'));
}

#[test]
fn a_dialects_own_parts_are_trimmed_joined_and_empty_ones_dropped() {
    let listed = Dialect {
        message_parts: |body| {
            body.get("problems")
                .and_then(Value::as_array)
                .map(|items| items.iter().map(joined_texts).collect())
                .unwrap_or_default()
        },
        ..Dialect::STANDARD
    };
    let body = json!({"message": "ignored", "problems": [" first ", "", ["a", "b"], 7]});
    assert_eq!(
        listed.message(body.to_string().as_bytes()).as_deref(),
        Some("first; a, b; 7")
    );
}

#[test]
fn texts_are_joined_as_they_are_written() {
    assert_eq!(joined_texts(&json!(["x", "y"])), "x, y");
    assert_eq!(joined_texts(&json!("z")), "z");
    assert_eq!(joined_texts(&json!({"k": 1})), r#"{"k":1}"#);
}
