use super::*;
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{RateReading, error_for_status};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

#[test]
fn the_quota_resets_at_a_unix_time_in_milliseconds() {
    let mut sent = HeaderMap::new();
    sent.insert("x-ratelimit-requests-limit", HeaderValue::from(1500));
    sent.insert("x-ratelimit-requests-remaining", HeaderValue::from(1499));
    sent.insert(
        "x-ratelimit-requests-reset",
        HeaderValue::from(1_800_000_060_000u64),
    );
    assert_eq!(
        RateReading::from_headers(&sent, LINEAR.rate_headers, now()),
        Some(RateReading {
            remaining: 1499,
            limit: 1500,
            resets_in: Some(Duration::from_secs(60)),
        })
    );
}

#[test]
fn graphql_messages_or_the_common_keys_are_the_message() {
    let map = |status: u16, body: &str| {
        let status = StatusCode::from_u16(status).unwrap();
        error_for_status(&LINEAR, status, &HeaderMap::new(), body.as_bytes(), now())
    };
    let unclassified = r#"{"errors":[{"message":"Boom","extensions":{"statusCode":503}}]}"#;
    assert_eq!(
        map(503, unclassified),
        ProviderError::Unavailable("Boom".into())
    );
    assert_eq!(
        map(502, r#"{"message":"upstream connect error"}"#),
        ProviderError::Unavailable("upstream connect error".into())
    );
    assert_eq!(
        map(502, "<html>Bad gateway</html>"),
        ProviderError::Unavailable("HTTP 502 Bad Gateway".into())
    );
}
