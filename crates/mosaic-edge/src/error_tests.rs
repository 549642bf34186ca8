use super::*;

#[test]
fn refusals_are_written_in_the_envelope_with_their_headers() {
    let error = EdgeError::MethodNotAllowed {
        method: "PUT".into(),
        allow: "GET, HEAD",
    };
    assert_eq!(
        error.envelope(),
        json!({"error": {"code": "method_not_allowed", "fault": "caller",
            "message": "PUT is not allowed here; this resource takes GET, HEAD"}})
    );
    let headers = error.headers();
    assert!(headers.contains(&(header::ALLOW, HeaderValue::from_static("GET, HEAD"))));
}

#[test]
fn a_full_server_is_the_gateways_fault_and_says_when_to_come_back() {
    let error = EdgeError::SessionsExhausted {
        limit: 8,
        retry_after: Duration::from_millis(1500),
    };
    let described = error.describe();
    assert_eq!(
        (described.status, described.fault),
        (StatusCode::SERVICE_UNAVAILABLE, Fault::Gateway)
    );
    assert!(
        error
            .headers()
            .contains(&(header::RETRY_AFTER, HeaderValue::from(2)))
    );
}

#[test]
fn a_refusal_passed_on_keeps_its_status_and_message() {
    let error = EdgeError::Refused {
        status: StatusCode::NOT_ACCEPTABLE,
        message: "Not Acceptable: send an Accept header".into(),
    };
    assert_eq!(error.describe().status, StatusCode::NOT_ACCEPTABLE);
    assert_eq!(
        error.envelope()["error"]["message"],
        "Not Acceptable: send an Accept header"
    );
}

#[test]
fn the_path_is_only_there_when_a_field_is_named() {
    assert_eq!(
        envelope("invalid_arguments", "bad", Fault::Caller, Some("repo"))["error"]["path"],
        "repo"
    );
    assert!(
        envelope("denied", "no", Fault::Caller, None)["error"]
            .get("path")
            .is_none()
    );
}
