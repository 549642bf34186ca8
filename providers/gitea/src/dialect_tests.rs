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
    error_for_status(&GITEA, status, &HeaderMap::new(), body.as_bytes(), now())
}

#[test]
fn the_message_and_a_404s_errors_are_kept() {
    let refused = r#"{"message":"[Title]: Required","url":"https://gitea.example/api/swagger"}"#;
    assert_eq!(
        map(422, refused),
        ProviderError::Invalid("[Title]: Required".into())
    );
    let missing = r#"{"message":"The target couldn't be found.","url":"https://gitea.example/api/swagger","errors":["repository does not exist [id: 0, uid: 0, owner_name: acme, name: nothing]"]}"#;
    assert_eq!(
        map(404, missing),
        ProviderError::NotFound(
            "The target couldn't be found.; repository does not exist [id: 0, uid: 0, owner_name: acme, name: nothing]"
                .into()
        )
    );
    let empty = r#"{"message":"","url":"https://gitea.example/api/swagger"}"#;
    assert_eq!(
        map(405, empty),
        ProviderError::Conflict("HTTP 405 Method Not Allowed".into()),
        "an empty message names the status"
    );
}

#[test]
fn a_proxys_quota_resets_at_a_unix_time() {
    let mut sent = HeaderMap::new();
    sent.insert("x-ratelimit-remaining", HeaderValue::from(0));
    sent.insert("x-ratelimit-reset", HeaderValue::from(1_800_000_030u64));
    let reading = RateReading::from_headers(&sent, GITEA.rate_headers, now()).unwrap();
    assert!(reading.exhausted());
    assert_eq!(reading.resets_in, Some(Duration::from_secs(30)));
}
