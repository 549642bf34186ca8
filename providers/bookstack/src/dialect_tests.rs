//! BookStack's error bodies and rate-limit headers, read as the client reads them.

use super::BOOKSTACK;
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::error_for_status;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::{Duration, SystemTime};

fn error(status: u16, body: &str, headers: HeaderMap) -> ProviderError {
    let status = StatusCode::from_u16(status).unwrap();
    error_for_status(
        &BOOKSTACK,
        status,
        &headers,
        body.as_bytes(),
        SystemTime::now(),
    )
}

#[test]
fn the_message_is_bookstacks_own_with_its_field_problems() {
    let not_found = r#"{"error": {"code": 404, "message": "Page Not Found"}}"#;
    assert_eq!(
        error(404, not_found, HeaderMap::new()),
        ProviderError::NotFound("Page Not Found".into())
    );
    let invalid = r#"{"error": {"code": 422, "message": "The given data was invalid.",
        "validation": {"name": ["The name field is required."], "book_id": ["The book id field is required when chapter id is not present."]}}}"#;
    assert_eq!(
        error(422, invalid, HeaderMap::new()),
        ProviderError::Invalid(
            "The given data was invalid.; book_id: The book id field is required when chapter id is not present.; name: The name field is required.".into()
        )
    );
    let forbidden = r#"{"error": {"code": 403, "message": "You do not have permission to access the requested page."}}"#;
    assert!(
        matches!(error(403, forbidden, HeaderMap::new()), ProviderError::Forbidden(m) if m.starts_with("You do not have permission"))
    );
    // A proxy in front speaks its own shape.
    assert_eq!(
        error(401, r#"{"message": "Bad credentials"}"#, HeaderMap::new()),
        ProviderError::Unauthenticated("Bad credentials".into())
    );
}

#[test]
fn a_throttled_answer_waits_as_long_as_retry_after_says() {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("42"));
    headers.insert("x-ratelimit-limit", HeaderValue::from_static("180"));
    headers.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
    let body = r#"{"error": {"code": 429, "message": "Too Many Attempts."}}"#;
    assert_eq!(
        error(429, body, headers),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(42))
        }
    );
}
