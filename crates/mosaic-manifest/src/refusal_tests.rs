use super::{Refusal, refusal};
use crate::test_manifest::manifest;
use mosaic_core::{OpId, ProviderError};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn refused(op: OpId, input: Value, status: u16, headers: HeaderMap, body: &str) -> Refusal {
    let manifest = manifest("{type: bearer}");
    let operation = manifest.operation(op);
    refusal(
        &manifest,
        operation,
        &input,
        StatusCode::from_u16(status).unwrap(),
        &headers,
        body.as_bytes(),
        SystemTime::now(),
    )
}

fn error(refusal: Refusal) -> ProviderError {
    match refusal {
        Refusal::Error(error) => error,
        Refusal::Empty => panic!("an empty answer"),
    }
}

#[test]
fn an_operations_rule_names_what_was_not_found_from_the_input() {
    let found = refused(
        OpId::GitReposGet,
        json!({"repo": "acme/x"}),
        404,
        HeaderMap::new(),
        r#"{"message": "Not Found"}"#,
    );
    assert_eq!(
        error(found),
        ProviderError::NotFound("repository `acme/x`".into())
    );
}

#[test]
fn a_rule_reading_the_body_decides_only_when_it_holds() {
    let merged = refused(
        OpId::GitReposGet,
        json!({}),
        409,
        HeaderMap::new(),
        r#"{"message": "already merged"}"#,
    );
    assert_eq!(
        error(merged),
        ProviderError::Conflict("already merged".into())
    );
    // The status table then decides: 409 is a conflict anyway, 400 invalid input.
    let other = refused(
        OpId::GitReposGet,
        json!({}),
        400,
        HeaderMap::new(),
        r#"{"code": "bad", "message": "no"}"#,
    );
    assert_eq!(error(other), ProviderError::Invalid("no".into()));
    let gone = refused(
        OpId::GitIssuesList,
        json!({}),
        400,
        HeaderMap::new(),
        r#"{"code": "gone"}"#,
    );
    assert_eq!(gone, Refusal::Empty);
}

#[test]
fn the_status_table_decides_without_a_rule_and_a_body_that_is_not_json_is_never_echoed() {
    let refused_credentials = refused(
        OpId::GitReposGet,
        json!({}),
        401,
        HeaderMap::new(),
        r#"{"message": "Bad credentials"}"#,
    );
    assert_eq!(
        error(refused_credentials),
        ProviderError::Unauthenticated("Bad credentials".into())
    );
    let page = refused(
        OpId::GitReposGet,
        json!({}),
        503,
        HeaderMap::new(),
        "<html>stack trace</html>",
    );
    assert_eq!(
        error(page),
        ProviderError::Unavailable("HTTP 503 Service Unavailable".into())
    );
}

#[test]
fn a_spent_quota_is_rate_limited_with_the_wait_asked_for() {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("7"));
    let limited = refused(OpId::GitReposGet, json!({}), 429, headers, "{}");
    assert_eq!(
        error(limited),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );

    let reset = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 30;
    let mut headers = HeaderMap::new();
    headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
    headers.insert(
        "x-ratelimit-reset",
        HeaderValue::from_str(&reset.to_string()).unwrap(),
    );
    let spent = error(refused(OpId::GitReposGet, json!({}), 403, headers, "{}"));
    assert!(
        matches!(spent, ProviderError::RateLimited { retry_after: Some(wait) } if wait <= Duration::from_secs(30) && wait > Duration::from_secs(20)),
        "{spent:?}"
    );
}

#[test]
fn a_write_answered_with_a_server_error_may_have_been_applied() {
    let failed = error(refused(
        OpId::GitIssuesCreate,
        json!({}),
        502,
        HeaderMap::new(),
        "{}",
    ));
    assert!(
        matches!(failed, ProviderError::WriteUnconfirmed { .. }),
        "{failed:?}"
    );
    let refused_before = error(refused(
        OpId::GitIssuesCreate,
        json!({}),
        503,
        HeaderMap::new(),
        "{}",
    ));
    assert!(
        matches!(refused_before, ProviderError::Unavailable(_)),
        "{refused_before:?}"
    );
}
