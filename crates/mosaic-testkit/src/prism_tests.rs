use super::*;
use serde_json::{Value, json};

/// Gitea's description requires one of its token schemes on every operation.
const GITEA_TOKEN: &str = "token contract";

/// A repository root where Prism is not installed.
const NO_INSTALL: &str = "/nonexistent/mosaic";

async fn get(url: String, authorization: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(&url);
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    request
        .send()
        .await
        .unwrap_or_else(|error| panic!("GET {url}: {error}"))
}

#[tokio::test]
async fn a_documented_request_gets_an_answer_of_the_documented_shape() {
    let Some(prism) = PrismMock::shared("gitea") else {
        return;
    };
    let response = get(format!("{}/version", prism.base_url()), Some(GITEA_TOKEN)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body: Value = response.json().await.unwrap();
    // Gitea's description has no example here, so Prism fills the schema's string.
    assert_eq!(body, json!({"version": "string"}));
}

#[tokio::test]
async fn a_request_breaking_the_description_is_refused_naming_what_broke() {
    let Some(prism) = PrismMock::shared("gitea") else {
        return;
    };
    let url = format!("{}/repos/acme/api/issues?page=first", prism.base_url());
    let response = get(url, Some(GITEA_TOKEN)).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["validation"][0]["location"],
        json!(["query", "page"]),
        "{body}"
    );
}

#[tokio::test]
async fn a_request_without_the_declared_credentials_is_refused() {
    let Some(prism) = PrismMock::shared("gitea") else {
        return;
    };
    let response = get(format!("{}/version", prism.base_url()), None).await;
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn every_vendored_description_serves() {
    let folders = repository().join("providers");
    let mut providers: Vec<String> = std::fs::read_dir(&folders)
        .unwrap_or_else(|error| panic!("{}: {error}", folders.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|folder| folder.join("api/prism.json").is_file())
        .map(|folder| folder.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    providers.sort();
    assert!(providers.contains(&"github".to_owned()), "{providers:?}");
    for provider in providers {
        let Some(prism) = PrismMock::shared(&provider) else {
            return;
        };
        // Prism's own answer for a path no description has: it is up and matching routes.
        let response = get(format!("{}/mosaic-no-such-path", prism.base_url()), None).await;
        assert_eq!(response.status(), 404, "{provider}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body["type"], "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR",
            "{provider}: {body}"
        );
    }
}

#[tokio::test]
async fn an_own_prism_is_stopped_when_dropped() {
    let Some(prism) = PrismMock::start("gitea").await else {
        return;
    };
    let address = prism.address;
    assert!(TcpStream::connect(address).is_ok());
    drop(prism);
    assert!(
        TcpStream::connect(address).is_err(),
        "Prism still listens on {address}"
    );
}

#[test]
fn prism_stopping_before_it_serves_is_reported_with_its_own_words() {
    let Some(prism) = installed_prism(&repository(), "gitea", false, &mut Vec::new()) else {
        return;
    };
    let spec = std::env::temp_dir().join(format!(
        "mosaic-prism-test-{}-no-operations.json",
        std::process::id()
    ));
    let empty =
        json!({"openapi": "3.0.0", "info": {"title": "empty", "version": "1"}, "paths": {}});
    std::fs::write(&spec, empty.to_string()).unwrap();
    let error = launch(&prism, &spec).unwrap_err();
    std::fs::remove_file(&spec).unwrap();
    assert!(error.starts_with("exited"), "{error}");
    assert!(error.contains("No operations found"), "{error}");
}

#[test]
fn a_missing_prism_is_skipped_with_a_loud_line_outside_ci() {
    let mut stderr = Vec::new();
    let prism = installed_prism(Path::new(NO_INSTALL), "gitea", false, &mut stderr);
    assert_eq!(prism, None);
    let line = String::from_utf8(stderr).unwrap();
    assert!(
        line.contains("!!! contract tests against gitea's API description did NOT run"),
        "{line}"
    );
    assert!(line.contains("run `scripts/test-deps`"), "{line}");
}

#[test]
#[should_panic(expected = "required under CI")]
fn a_missing_prism_fails_under_ci() {
    installed_prism(Path::new(NO_INSTALL), "gitea", true, &mut Vec::new());
}
