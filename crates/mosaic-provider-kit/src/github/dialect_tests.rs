use super::*;
use crate::http::{RateReading, error_for_status};
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::{SystemTime, UNIX_EPOCH};

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    map
}

fn map(status: u16, pairs: &[(&'static str, &str)], body: &str) -> ProviderError {
    let status = StatusCode::from_u16(status).unwrap();
    error_for_status(&GITHUB, status, &headers(pairs), body.as_bytes(), now())
}

#[test]
fn the_message_and_each_validation_error_are_kept() {
    let missing = r#"{"message":"Not Found","documentation_url":"https://docs.github.com"}"#;
    assert_eq!(
        map(404, &[], missing),
        ProviderError::NotFound("Not Found".into())
    );
    let invalid = r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}"#;
    assert_eq!(
        map(422, &[], invalid),
        ProviderError::Invalid("Validation Failed; title: missing_field".into())
    );
    let custom = r#"{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"No commits between main and main"},"head is invalid"]}"#;
    assert_eq!(
        map(422, &[], custom),
        ProviderError::Invalid(
            "Validation Failed; No commits between main and main; head is invalid".into()
        )
    );
}

#[test]
fn the_quota_resets_at_a_unix_time() {
    let sent = headers(&[
        ("x-ratelimit-limit", "5000"),
        ("x-ratelimit-remaining", "4999"),
        ("x-ratelimit-reset", "1800000060"),
    ]);
    assert_eq!(
        RateReading::from_headers(&sent, GITHUB.rate_headers, now()),
        Some(RateReading {
            remaining: 4999,
            limit: 5000,
            resets_in: Some(Duration::from_secs(60)),
        })
    );
}

#[test]
fn the_primary_limit_is_a_403_with_the_quota_spent() {
    let primary = map(
        403,
        &[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1800000045"),
        ],
        r#"{"message":"API rate limit exceeded"}"#,
    );
    assert_eq!(
        primary,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(45))
        }
    );
}

#[test]
fn a_secondary_rate_limit_is_rate_limited_and_other_refusals_stay_forbidden() {
    let secondary = r#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#;
    assert_eq!(
        map(403, &[], secondary),
        ProviderError::RateLimited {
            retry_after: Some(SECONDARY_LIMIT_WAIT)
        }
    );
    assert_eq!(
        map(403, &[("retry-after", "30")], secondary),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        },
        "the wait GitHub names wins"
    );
    assert_eq!(
        map(
            403,
            &[],
            r#"{"message":"Resource not accessible by integration"}"#
        ),
        ProviderError::Forbidden("Resource not accessible by integration".into())
    );
    assert_eq!(
        map(404, &[], r#"{"message":"secondary rate limit"}"#),
        ProviderError::NotFound("secondary rate limit".into())
    );
}
