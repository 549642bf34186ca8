//! Woodpecker's refusals as the client reads them: plain text kept, empty bodies and HTML
//! named by their status, 429 with its wait.

use super::*;
use reqwest::header::HeaderValue;
use std::time::Duration;

fn text_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers
}

fn read(status: u16, headers: &HeaderMap, body: &str) -> ProviderError {
    refusal(
        StatusCode::from_u16(status).unwrap(),
        headers,
        body.as_bytes(),
        Effect::Read,
    )
}

#[test]
fn plain_text_is_the_message_and_an_empty_body_names_the_status() {
    assert_eq!(
        read(401, &text_headers(), "User not authorized"),
        ProviderError::Unauthenticated("User not authorized".into())
    );
    assert_eq!(
        read(403, &text_headers(), "User not authorized"),
        ProviderError::Forbidden("User not authorized".into())
    );
    assert_eq!(
        read(
            400,
            &text_headers(),
            "Cannot cancel a non-running or non-pending or non-blocked pipeline"
        ),
        ProviderError::Invalid(
            "Cannot cancel a non-running or non-pending or non-blocked pipeline".into()
        )
    );
    assert_eq!(
        read(404, &HeaderMap::new(), ""),
        ProviderError::NotFound("HTTP 404 Not Found".into())
    );
    let mut html = HeaderMap::new();
    html.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
    assert_eq!(
        read(502, &html, "<html><body>Bad Gateway</body></html>"),
        ProviderError::Unavailable("HTTP 502 Bad Gateway".into())
    );
    assert_eq!(
        read(404, &HeaderMap::new(), r#""User not authorized""#),
        ProviderError::NotFound("User not authorized".into())
    );
}

#[test]
fn a_proxys_429_waits_as_long_as_retry_after_says_and_a_failed_write_is_unconfirmed() {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("12"));
    assert_eq!(
        read(429, &headers, ""),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(12))
        }
    );
    let written = refusal(
        StatusCode::BAD_GATEWAY,
        &HeaderMap::new(),
        b"",
        Effect::Write,
    );
    assert!(
        matches!(written, ProviderError::WriteUnconfirmed { .. }),
        "{written:?}"
    );
}
