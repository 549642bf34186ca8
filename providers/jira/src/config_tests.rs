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
fn email_and_api_token_make_basic_auth() {
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
    assert_eq!(connection.search, SearchApi::Jql);
    assert_eq!(connection.web_url, connection.base_url);
    assert_eq!(connection.default_issue_type, "Task");
}

#[test]
fn a_bearer_token_and_a_separate_web_url() {
    let connection = validate(&json!({
        "base_url": "https://api.atlassian.com/ex/jira/1234",
        "web_url": "https://acme.atlassian.net",
        "token": "oauth-token",
        "search": "legacy",
        "backlog_statuses": ["Backlog"]
    }))
    .expect("valid");
    assert_eq!(connection.authorization.expose(), "Bearer oauth-token");
    assert_eq!(connection.web_url.as_str(), "https://acme.atlassian.net/");
    assert_eq!(connection.search, SearchApi::Legacy);
    assert_eq!(connection.statuses.backlog_statuses(), ["Backlog"]);
}

#[test]
fn every_problem_is_reported_at_its_path() {
    let found = errors(json!({
        "base_url": "ftp://acme",
        "email": "bot@acme.example",
        "token": "x",
        "cancelled_resolutions": [],
        "default_issue_type": " "
    }));
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    assert!(paths.contains(&"base_url"), "{found:?}");
    assert!(paths.contains(&"token"), "{found:?}");
    assert!(paths.contains(&"cancelled_resolutions"), "{found:?}");
    assert!(paths.contains(&"default_issue_type"), "{found:?}");
}

#[test]
fn credentials_must_be_complete() {
    let none = errors(json!({"base_url": "https://acme.atlassian.net"}));
    assert!(
        none[0].1.contains("needs `email` and `api_token`"),
        "{none:?}"
    );
    let half = errors(json!({"base_url": "https://acme.atlassian.net", "email": "a@b.c"}));
    assert_eq!(half[0].0, "api_token");
    let blank = errors(json!({"base_url": "https://acme.atlassian.net", "token": ""}));
    assert_eq!(blank[0].0, "token");
    let unknown = errors(json!({"base_url": "https://a.b", "token": "t", "site": "x"}));
    assert!(
        unknown.iter().any(|(path, _)| path == "site"),
        "{unknown:?}"
    );
}
