//! Linear's error answers, as captured from its API, to typed errors: by code, by type when
//! there is no code, by status when there is neither.

use super::*;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};
use std::time::{Duration, UNIX_EPOCH};

fn answer(status: u16, body: Value) -> RawReply {
    RawReply {
        status: StatusCode::from_u16(status).unwrap(),
        headers: HeaderMap::new(),
        body: body.to_string().into(),
    }
}

fn error(code: Option<&str>, kind: Option<&str>, message: &str, user: Option<&str>) -> Value {
    json!({ "errors": [{ "message": message, "extensions": {
        "code": code, "type": kind, "userPresentableMessage": user
    }}], "data": null })
}

fn read(answer: &RawReply) -> Result<Value, ProviderError> {
    read_answer::<Value>(answer, Effect::Read)
}

#[test]
fn codes_decide_whatever_the_status() {
    let cases = [
        (
            401,
            error(
                Some("AUTHENTICATION_ERROR"),
                Some("authentication error"),
                "Authentication required, not authenticated",
                Some("You need to authenticate to access this operation."),
            ),
            ProviderError::Unauthenticated(
                "You need to authenticate to access this operation.".into(),
            ),
        ),
        (
            400,
            error(
                Some("FORBIDDEN"),
                Some("forbidden"),
                "Invalid scope: 'write' required",
                None,
            ),
            ProviderError::Forbidden("Invalid scope: 'write' required".into()),
        ),
        (
            200,
            error(
                Some("INPUT_ERROR"),
                Some("invalid input"),
                "Entity not found: Issue",
                Some("Could not find referenced Issue."),
            ),
            ProviderError::NotFound("Could not find referenced Issue.".into()),
        ),
        (
            200,
            error(
                Some("INVALID_INPUT"),
                Some("invalid input"),
                "Argument Validation Error",
                Some("title must be shorter than or equal to 255 characters"),
            ),
            ProviderError::Invalid("title must be shorter than or equal to 255 characters".into()),
        ),
        (
            200,
            error(Some("INPUT_ERROR"), None, "Team not in workspace", None),
            ProviderError::Invalid("Team not in workspace".into()),
        ),
        (
            200,
            error(Some("LOCK_TIMEOUT"), None, "Lock timeout", None),
            ProviderError::Unavailable("Lock timeout".into()),
        ),
        (
            400,
            error(
                Some("RATELIMITED"),
                Some("ratelimited"),
                "Rate limit exceeded",
                None,
            ),
            ProviderError::RateLimited { retry_after: None },
        ),
    ];
    for (status, body, expected) in cases {
        assert_eq!(
            read(&answer(status, body.clone())).unwrap_err(),
            expected,
            "{body}"
        );
    }
    let document = read(&answer(
        400,
        error(
            Some("GRAPHQL_VALIDATION_FAILED"),
            None,
            "Cannot query field \"nosuchfield\" on type \"Issue\".",
            None,
        ),
    ))
    .unwrap_err();
    assert!(
        matches!(&document, ProviderError::Protocol(m) if m.contains("nosuchfield")),
        "{document:?}"
    );
}

#[test]
fn without_a_code_the_type_then_the_status_decide() {
    let by_type = error(None, Some("forbidden"), "No access", None);
    assert_eq!(
        read(&answer(200, by_type)).unwrap_err(),
        ProviderError::Forbidden("No access".into())
    );
    let unclassified = json!({"errors": [{"message": "Boom", "extensions": {"statusCode": 503}}]});
    assert!(matches!(
        read(&answer(200, unclassified)).unwrap_err(),
        ProviderError::Unavailable(_)
    ));
    let bare = json!({"errors": [{"message": "Odd"}]});
    assert_eq!(
        read(&answer(200, bare)).unwrap_err(),
        ProviderError::Protocol("Linear answered an error: Odd".into())
    );
    let proxy = RawReply {
        body: "<html>Bad gateway</html>".into(),
        ..answer(502, json!(null))
    };
    assert_eq!(
        read(&proxy).unwrap_err(),
        ProviderError::Unavailable("HTTP 502 Bad Gateway".into())
    );
}

#[test]
fn a_spent_quota_waits_for_the_reset_in_milliseconds() {
    let mut limited = answer(
        400,
        error(Some("RATELIMITED"), None, "Rate limit exceeded", None),
    );
    let reset = SystemTime::now() + Duration::from_secs(90);
    let millis = reset.duration_since(UNIX_EPOCH).unwrap().as_millis();
    let mut headers = HeaderMap::new();
    headers.insert("x-ratelimit-requests-limit", HeaderValue::from(1500));
    headers.insert("x-ratelimit-requests-remaining", HeaderValue::from(0));
    headers.insert(
        "x-ratelimit-requests-reset",
        HeaderValue::from_str(&millis.to_string()).unwrap(),
    );
    limited.headers = headers.clone();
    let ProviderError::RateLimited {
        retry_after: Some(wait),
    } = read(&limited).unwrap_err()
    else {
        panic!("rate limited with a wait");
    };
    assert!(
        wait > Duration::from_secs(85) && wait <= Duration::from_secs(90),
        "{wait:?}"
    );
    headers.insert("retry-after", HeaderValue::from(12));
    limited.headers = headers;
    assert_eq!(
        read(&limited).unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(12))
        }
    );
}

#[test]
fn data_is_read_into_the_operations_type_or_the_answer_is_refused() {
    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Viewer {
        viewer: Id,
    }
    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Id {
        id: String,
    }
    let ok = answer(200, json!({"data": {"viewer": {"id": "u1"}}}));
    assert_eq!(
        read_answer::<Viewer>(&ok, Effect::Read).unwrap(),
        Viewer {
            viewer: Id { id: "u1".into() }
        }
    );
    let wrong = answer(200, json!({"data": {"viewer": {"id": 7}}}));
    let refused = read_answer::<Viewer>(&wrong, Effect::Read).unwrap_err();
    assert!(
        matches!(&refused, ProviderError::Protocol(m) if m.contains("data.viewer.id")),
        "{refused:?}"
    );
    let empty = answer(200, json!({}));
    assert!(matches!(
        read(&empty).unwrap_err(),
        ProviderError::Protocol(_)
    ));
    let not_json = RawReply {
        body: "nope".into(),
        ..answer(200, json!(null))
    };
    assert!(matches!(
        read(&not_json).unwrap_err(),
        ProviderError::Protocol(_)
    ));
    let long = "x".repeat(400);
    let ProviderError::Invalid(message) = read(&answer(
        200,
        error(Some("INVALID_INPUT"), None, &long, None),
    ))
    .unwrap_err() else {
        panic!("invalid input");
    };
    assert_eq!(message.chars().count(), 301);
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Created {
    #[serde(rename = "issueCreate")]
    issue_create: Payload,
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Payload {
    success: bool,
    issue: Option<Value>,
}

fn mutation(answer: &RawReply) -> Result<Created, ProviderError> {
    read_answer::<Created>(answer, Effect::Write)
}

#[test]
fn a_mutation_answered_2xx_that_does_not_read_is_unconfirmed() {
    let not_json = RawReply {
        body: "<html>upstream reset</html>".into(),
        ..answer(200, json!(null))
    };
    assert!(
        matches!(
            mutation(&not_json),
            Err(ProviderError::WriteUnconfirmed { id: None, .. })
        ),
        "Linear took the mutation and said something unreadable"
    );
    let empty = answer(200, json!({}));
    assert!(matches!(
        mutation(&empty),
        Err(ProviderError::WriteUnconfirmed { id: None, .. })
    ));
    let misshapen = answer(
        200,
        json!({"data": {"issueCreate": {"issue": {"id": "u-1", "identifier": "WEB-9"}}}}),
    );
    let error = mutation(&misshapen).unwrap_err();
    assert!(
        matches!(&error, ProviderError::WriteUnconfirmed { id: Some(id), reason }
            if id == "WEB-9" && reason.contains("missing field `success`")),
        "{error:?}"
    );
}

#[test]
fn a_mutation_linear_refused_is_still_its_typed_error() {
    let refused = answer(
        200,
        error(
            Some("INVALID_INPUT"),
            None,
            "Argument Validation Error",
            None,
        ),
    );
    assert_eq!(
        mutation(&refused).unwrap_err(),
        ProviderError::Invalid("Argument Validation Error".into())
    );
    // A proxy that refused to pass the mutation on: nothing was applied.
    let refusing = RawReply {
        body: "<html>Service unavailable</html>".into(),
        ..answer(503, json!(null))
    };
    assert!(matches!(
        mutation(&refusing).unwrap_err(),
        ProviderError::Unavailable(_)
    ));
    // A proxy whose upstream took the mutation and then failed: it may have been applied.
    let proxy = RawReply {
        body: "<html>Bad gateway</html>".into(),
        ..answer(502, json!(null))
    };
    assert!(matches!(
        mutation(&proxy).unwrap_err(),
        ProviderError::WriteUnconfirmed { .. }
    ));
}
