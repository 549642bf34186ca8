use super::{Credential, validate};
use crate::test_manifest::manifest;
use serde_json::json;

fn problems(auth: &str, settings: serde_json::Value) -> Vec<String> {
    validate(&manifest(auth), &settings)
        .unwrap_err()
        .into_iter()
        .map(|error| error.to_string())
        .collect()
}

#[test]
fn each_scheme_carries_its_credential_as_it_says() {
    let header = validate(
        &manifest("{type: header, name: Authorization, prefix: 'token '}"),
        &json!({"base_url": "https://x/api/v1", "token": "t"}),
    )
    .unwrap();
    assert!(
        matches!(&header.credential, Credential::Header(name, value) if name == "authorization" && value.expose() == "token t")
    );
    assert_eq!(header.base_url.as_str(), "https://x/api/v1");
    let bearer = validate(
        &manifest("{type: bearer}"),
        &json!({"base_url": "https://x", "token": "t"}),
    )
    .unwrap();
    assert!(
        matches!(&bearer.credential, Credential::Header(_, value) if value.expose() == "Bearer t")
    );
    let basic = validate(
        &manifest("{type: basic}"),
        &json!({"base_url": "https://x", "username": "u", "password": "p"}),
    )
    .unwrap();
    assert!(
        matches!(&basic.credential, Credential::Header(_, value) if value.expose() == "Basic dTpw")
    );
    let query = validate(
        &manifest("{type: query, name: key}"),
        &json!({"base_url": "https://x", "token": "t"}),
    )
    .unwrap();
    assert!(
        matches!(&query.credential, Credential::Query(name, value) if name == "key" && value.expose() == "t")
    );
}

#[test]
fn every_problem_of_the_settings_is_reported_at_once() {
    let found = problems(
        "{type: basic}",
        json!({"token": "t", "password": " p\n", "extra": 1}),
    );
    assert!(
        found.iter().any(|error| error.starts_with("extra:")),
        "{found:?}"
    );
    let found = problems("{type: basic}", json!({"token": "t", "password": " p\n"}));
    assert_eq!(
        found,
        [
            "token: `unit` authenticates with username and password, not `token`",
            "base_url: a `unit` instance needs the URL of its API, path prefix included",
            "username: a `unit` instance needs `username`",
            "password: has leading or trailing whitespace; a pasted newline would make every request fail",
        ]
    );
}

#[test]
fn an_unset_variable_is_an_empty_token_and_refused() {
    let found = problems(
        "{type: bearer}",
        json!({"base_url": "https://x", "token": ""}),
    );
    assert_eq!(
        found,
        ["token: must not be empty (an unset `${VAR}` gives an empty value)"]
    );
}
