use super::*;
use serde_json::json;

#[test]
fn defaults_to_notions_api_and_discovered_spaces() {
    let connection = validate(&json!({"token": "secret_abc"})).unwrap();
    assert_eq!(connection.base_url.as_str(), "https://api.notion.com/v1");
    assert_eq!(connection.spaces, None);
}

#[test]
fn configured_spaces_keep_their_keys_and_normalise_their_ids() {
    let connection = validate(&json!({
        "token": "secret_abc",
        "spaces": {"ENG": "1F2E3D4C5B6A49788796A5B4C3D2E1F0"}
    }))
    .unwrap();
    let spaces = connection.spaces.unwrap();
    assert_eq!(spaces[0].0, "ENG");
    assert_eq!(spaces[0].1.as_str(), "1f2e3d4c-5b6a-4978-8796-a5b4c3d2e1f0");
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let errors = validate(&json!({
        "token": " ",
        "base_url": "ftp://notion",
        "spaces": {"bad key": "nope", "A": "1f2e3d4c5b6a49788796a5b4c3d2e1f0", "B": "1f2e3d4c-5b6a-4978-8796-a5b4c3d2e1f0"}
    }))
    .unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    for expected in ["base_url", "token", "spaces.bad key", "spaces.B"] {
        assert!(paths.contains(&expected), "{expected} in {errors:?}");
    }
    assert!(
        errors
            .iter()
            .any(|error| error.message.contains("same page as `spaces.A`"))
    );
}

#[test]
fn an_empty_spaces_map_is_refused_and_unknown_settings_too() {
    let errors = validate(&json!({"token": "t", "spaces": {}})).unwrap_err();
    assert_eq!(errors[0].path, "spaces");
    assert!(validate(&json!({"token": "t", "workspace": "x"})).is_err());
}
