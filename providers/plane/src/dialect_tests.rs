use super::*;
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{RateReading, error_for_status};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

fn map(status: u16, body: &str) -> ProviderError {
    let status = StatusCode::from_u16(status).unwrap();
    error_for_status(&PLANE, status, &HeaderMap::new(), body.as_bytes(), now())
}

#[test]
fn error_detail_and_field_errors_are_the_message() {
    assert_eq!(
        map(404, r#"{"error":"The requested resource does not exist."}"#),
        ProviderError::NotFound("The requested resource does not exist.".into())
    );
    assert_eq!(
        map(
            401,
            r#"{"detail":"Authentication credentials were not provided."}"#
        ),
        ProviderError::Unauthenticated("Authentication credentials were not provided.".into())
    );
    assert_eq!(
        map(400, r#"{"name":["This field may not be blank."]}"#),
        ProviderError::Invalid("name: This field may not be blank.".into())
    );
    let listed = r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#;
    assert_eq!(
        map(400, listed),
        ProviderError::Invalid(
            "non_field_errors: Invalid data. Expected a dictionary, but got list.".into()
        )
    );
}

#[test]
fn field_errors_are_read_only_without_a_message_and_only_as_lists_of_texts() {
    let both = r#"{"error":"Invalid state","state":["Not a valid UUID."]}"#;
    assert_eq!(
        map(400, both),
        ProviderError::Invalid("Invalid state".into())
    );
    let not_errors = r#"{"id":"7a8b","labels":[],"priority":["high",3]}"#;
    assert_eq!(
        map(400, not_errors),
        ProviderError::Invalid("HTTP 400 Bad Request".into())
    );
}

#[test]
fn the_quota_resets_at_a_unix_time() {
    let mut sent = HeaderMap::new();
    sent.insert("x-ratelimit-remaining", HeaderValue::from(59));
    sent.insert("x-ratelimit-reset", HeaderValue::from(1_800_000_042u64));
    let reading = RateReading::from_headers(&sent, PLANE.rate_headers, now()).unwrap();
    assert_eq!((reading.remaining, reading.limit), (59, 59));
    assert_eq!(reading.resets_in, Some(Duration::from_secs(42)));
}
