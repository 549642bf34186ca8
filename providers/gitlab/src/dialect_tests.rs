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
    error_for_status(&GITLAB, status, &HeaderMap::new(), body.as_bytes(), now())
}

#[test]
fn messages_errors_and_field_maps_are_kept() {
    assert_eq!(
        map(404, r#"{"message":"404 Project Not Found"}"#),
        ProviderError::NotFound("404 Project Not Found".into())
    );
    assert_eq!(
        map(
            400,
            r#"{"error":"state_event does not have a valid value"}"#
        ),
        ProviderError::Invalid("state_event does not have a valid value".into())
    );
    assert_eq!(
        map(
            400,
            r#"{"message":{"title":["can't be blank","is too short"]}}"#
        ),
        ProviderError::Invalid("title can't be blank, is too short".into())
    );
    let listed =
        r#"{"message":["Another open merge request already exists for this source branch: !1"]}"#;
    assert_eq!(
        map(409, listed),
        ProviderError::Conflict(
            "Another open merge request already exists for this source branch: !1".into()
        )
    );
    assert_eq!(
        map(
            401,
            r#"{"error":"invalid_token","error_description":"Token was revoked. You have to re-authorize from the user."}"#
        ),
        ProviderError::Unauthenticated(
            "invalid_token; Token was revoked. You have to re-authorize from the user.".into()
        )
    );
}

#[test]
fn the_quota_resets_at_a_unix_time() {
    let mut sent = HeaderMap::new();
    sent.insert("ratelimit-limit", HeaderValue::from(600));
    sent.insert("ratelimit-remaining", HeaderValue::from(0));
    sent.insert("ratelimit-reset", HeaderValue::from(1_800_000_030u64));
    let reading = RateReading::from_headers(&sent, GITLAB.rate_headers, now()).unwrap();
    assert_eq!((reading.remaining, reading.limit), (0, 600));
    assert_eq!(reading.resets_in, Some(Duration::from_secs(30)));
    let spent = error_for_status(
        &GITLAB,
        StatusCode::FORBIDDEN,
        &sent,
        br#"{"message":"403 Forbidden"}"#,
        now(),
    );
    assert_eq!(
        spent,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        }
    );
}
