use super::*;
use mosaic_provider_kit::http::error_for_status;
use reqwest::header::{HeaderValue, RETRY_AFTER};
use serde_json::json;
use std::time::Duration;

fn refusal(status: u16, code: &str, message: &str) -> ProviderError {
    let body = json!({"object": "error", "status": status, "code": code, "message": message});
    error_for_status(
        &NOTION,
        StatusCode::from_u16(status).unwrap(),
        &HeaderMap::new(),
        body.to_string().as_bytes(),
        SystemTime::now(),
    )
}

#[test]
fn notions_refusals_keep_its_message() {
    assert_eq!(
        refusal(401, "unauthorized", "API token is invalid."),
        ProviderError::Unauthenticated("API token is invalid.".into())
    );
    assert_eq!(
        refusal(
            403,
            "restricted_resource",
            "Insufficient permissions for this endpoint."
        ),
        ProviderError::Forbidden("Insufficient permissions for this endpoint.".into())
    );
    assert_eq!(
        refusal(404, "object_not_found", "Could not find page with ID: 42."),
        ProviderError::NotFound("Could not find page with ID: 42.".into())
    );
    assert_eq!(
        refusal(409, "conflict_error", "Conflict occurred while saving."),
        ProviderError::Conflict("Conflict occurred while saving.".into())
    );
    assert_eq!(
        refusal(400, "validation_error", "body.parent should be defined."),
        ProviderError::Invalid("body.parent should be defined.".into())
    );
}

#[test]
fn a_529_is_rate_limited_with_its_retry_after() {
    let mut headers = HeaderMap::new();
    headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
    let status = StatusCode::from_u16(529).unwrap();
    assert_eq!(
        overloaded(status, &headers, SystemTime::now()),
        Some(ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        })
    );
    assert_eq!(
        overloaded(StatusCode::SERVICE_UNAVAILABLE, &headers, SystemTime::now()),
        None
    );
}
