use super::*;
use serde_json::json;

fn errors(settings: serde_json::Value) -> Vec<(String, String)> {
    validate(&settings)
        .expect_err("invalid settings")
        .into_iter()
        .map(|error| (error.path, error.message))
        .collect()
}

#[test]
fn email_and_api_token_are_basic_against_the_site() {
    let connection = validate(&json!({
        "base_url": "https://acme.atlassian.net",
        "email": "bot@acme.example",
        "api_token": "secret"
    }))
    .expect("valid");
    // base64("bot@acme.example:secret")
    assert_eq!(
        connection.authorization.expose(),
        "Basic Ym90QGFjbWUuZXhhbXBsZTpzZWNyZXQ="
    );
    assert_eq!(connection.api_url, connection.site_url);
    assert!(connection.conditional_requests);
}

#[test]
fn an_oauth_token_goes_through_the_gateway_for_its_cloud_id() {
    let connection = validate(&json!({
        "base_url": "https://acme.atlassian.net",
        "token": "oauth-token",
        "cloud_id": "0b2c-77aa"
    }))
    .expect("valid");
    assert_eq!(connection.authorization.expose(), "Bearer oauth-token");
    assert_eq!(
        connection.api_url.as_str(),
        "https://api.atlassian.com/ex/confluence/0b2c-77aa"
    );
    assert_eq!(connection.site_url.as_str(), "https://acme.atlassian.net/");
    let local = validate(&json!({
        "base_url": "https://acme.atlassian.net",
        "token": "t",
        "cloud_id": "c1",
        "api_url": "http://127.0.0.1:9/"
    }))
    .expect("valid");
    assert_eq!(
        local.api_url.as_str(),
        "http://127.0.0.1:9/ex/confluence/c1"
    );
}

#[test]
fn every_problem_is_reported_with_its_field() {
    assert_eq!(
        errors(json!({"base_url": "acme", "token": "t"})),
        [
            (
                "base_url".to_owned(),
                errors(json!({"base_url": "acme", "email": "e", "api_token": "t"}))[0].1.clone()
            ),
            (
                "cloud_id".to_owned(),
                "an OAuth `token` needs the site's `cloud_id`: Confluence Cloud answers OAuth requests only through api.atlassian.com/ex/confluence/{cloudId}".to_owned()
            ),
        ]
    );
    assert_eq!(
        errors(json!({"base_url": "https://a.example", "token": "t", "cloud_id": "../x"}))[0].0,
        "cloud_id"
    );
    assert_eq!(
        errors(json!({"base_url": "https://a.example", "email": "e", "api_token": "t", "cloud_id": "c"}))[0].0,
        "cloud_id"
    );
    assert_eq!(
        errors(
            json!({"base_url": "https://a.example", "email": "e", "api_token": "t", "token": "u"})
        )[0]
        .0,
        "token"
    );
    assert_eq!(
        errors(json!({"base_url": "https://a.example", "email": "e"}))[0].0,
        "api_token"
    );
    assert_eq!(
        errors(json!({"base_url": "https://a.example", "api_token": "t"}))[0].0,
        "email"
    );
    assert_eq!(errors(json!({"base_url": "https://a.example"}))[0].0, "");
    assert!(
        !errors(json!({"base_url": "https://a.example", "token": "t", "colour": 1})).is_empty()
    );
}
