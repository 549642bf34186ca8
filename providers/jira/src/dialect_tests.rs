use super::*;
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{RateReading, error_for_status};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// 2027-01-15T08:00:00Z.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

fn map(status: u16, body: &str) -> ProviderError {
    let status = StatusCode::from_u16(status).unwrap();
    error_for_status(&JIRA, status, &HeaderMap::new(), body.as_bytes(), now())
}

#[test]
fn error_messages_then_field_errors_are_the_message() {
    assert_eq!(
        map(
            404,
            r#"{"errorMessages":["Issue does not exist"],"errors":{}}"#
        ),
        ProviderError::NotFound("Issue does not exist".into())
    );
    let fields =
        r#"{"errorMessages":[],"errors":{"summary":"You must specify a summary of the issue."}}"#;
    assert_eq!(
        map(400, fields),
        ProviderError::Invalid("summary: You must specify a summary of the issue.".into())
    );
    let both =
        r#"{"errorMessages":["Field errors"],"errors":{"issuetype":"Specify a valid issue type"}}"#;
    assert_eq!(
        map(400, both),
        ProviderError::Invalid("Field errors; issuetype: Specify a valid issue type".into())
    );
    assert_eq!(
        map(503, r#"{"message":"Service unavailable"}"#),
        ProviderError::Unavailable("Service unavailable".into()),
        "a gateway in front answers with `message`"
    );
}

#[test]
fn the_reset_is_a_time_to_the_minute() {
    let mut sent = HeaderMap::new();
    sent.insert("x-ratelimit-limit", HeaderValue::from(100));
    sent.insert("x-ratelimit-remaining", HeaderValue::from(0));
    sent.insert(
        "x-ratelimit-reset",
        HeaderValue::from_static("2027-01-15T08:02Z"),
    );
    let reading = RateReading::from_headers(&sent, JIRA.rate_headers, now()).unwrap();
    assert_eq!(reading.remaining, 0);
    assert_eq!(reading.resets_in, Some(Duration::from_secs(120)));
    let limited = error_for_status(&JIRA, StatusCode::TOO_MANY_REQUESTS, &sent, b"", now());
    assert_eq!(
        limited,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(120))
        }
    );
}
