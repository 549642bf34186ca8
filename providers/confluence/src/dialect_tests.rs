use super::*;
use reqwest::header::HeaderMap;
use serde_json::json;

fn message(body: Value) -> Option<String> {
    CONFLUENCE.message(body.to_string().as_bytes())
}

#[test]
fn v2_errors_give_their_titles_and_details() {
    let body = json!({"errors": [
        {"status": 404, "code": "NOT_FOUND", "title": "Not Found", "detail": null},
        {"status": 400, "code": "INVALID_REQUEST_PARAMETER", "title": "Invalid body", "detail": "title is required"},
        {"status": 400, "code": "ONLY_A_CODE"}
    ]});
    assert_eq!(
        message(body).as_deref(),
        Some("Not Found; Invalid body: title is required; ONLY_A_CODE")
    );
}

#[test]
fn v1_errors_give_their_message() {
    let body = json!({"statusCode": 400, "message": "Could not parse cql : x", "data": {}});
    assert_eq!(message(body).as_deref(), Some("Could not parse cql : x"));
}

#[test]
fn a_version_refusal_under_400_is_a_conflict() {
    let stale = json!({"errors": [{"status": 400, "title": "Version number is out of date"}]});
    let error = mosaic_provider_kit::http::error_for_status(
        &CONFLUENCE,
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        stale.to_string().as_bytes(),
        std::time::SystemTime::now(),
    );
    assert_eq!(
        error,
        ProviderError::Conflict("Version number is out of date".into())
    );
    assert_eq!(
        reclassify(StatusCode::BAD_REQUEST, "title is required"),
        None
    );
}
