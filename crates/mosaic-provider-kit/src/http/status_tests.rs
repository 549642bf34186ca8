use super::*;
use reqwest::header::HeaderValue;
use std::time::{Duration, UNIX_EPOCH};

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_800_000_000)
}

fn map(status: u16, headers: &[(&'static str, &str)], body: &str) -> ProviderError {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    error_for_status(
        StatusCode::from_u16(status).unwrap(),
        &map,
        body.as_bytes(),
        now(),
    )
}

#[test]
fn statuses_map_to_typed_errors_with_the_providers_message() {
    let body = r#"{"message":"Not Found","documentation_url":"https://docs.github.com"}"#;
    assert_eq!(
        map(404, &[], body),
        ProviderError::NotFound("Not Found".into())
    );
    assert_eq!(
        map(401, &[], r#"{"message":"Bad credentials"}"#),
        ProviderError::Unauthenticated("Bad credentials".into())
    );
    assert_eq!(
        map(403, &[], r#"{"message":"Must have admin rights"}"#),
        ProviderError::Forbidden("Must have admin rights".into())
    );
    assert_eq!(
        map(405, &[], r#"{"message":"Pull Request is not mergeable"}"#),
        ProviderError::Conflict("Pull Request is not mergeable".into())
    );
    assert!(matches!(map(409, &[], "{}"), ProviderError::Conflict(_)));
    assert!(
        matches!(map(502, &[], "<html>bad gateway</html>"), ProviderError::Unavailable(m) if m == "HTTP 502 Bad Gateway")
    );
}

#[test]
fn validation_details_of_each_forge_are_kept() {
    let github = r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}"#;
    assert_eq!(
        map(422, &[], github),
        ProviderError::Invalid("Validation Failed; title: missing_field".into())
    );
    let gitlab = r#"{"message":{"title":["can't be blank","is too short"]}}"#;
    assert_eq!(
        map(400, &[], gitlab),
        ProviderError::Invalid("title can't be blank, is too short".into())
    );
    let gitlab_plain = r#"{"error":"state_event does not have a valid value"}"#;
    assert_eq!(
        map(400, &[], gitlab_plain),
        ProviderError::Invalid("state_event does not have a valid value".into())
    );
    let plane = r#"{"name":["This field may not be blank."]}"#;
    assert_eq!(
        map(400, &[], plane),
        ProviderError::Invalid("name: This field may not be blank.".into())
    );
    let jira = r#"{"errorMessages":["Issue does not exist"],"errors":{}}"#;
    assert_eq!(
        map(404, &[], jira),
        ProviderError::NotFound("Issue does not exist".into())
    );
    let jira_fields =
        r#"{"errorMessages":[],"errors":{"summary":"You must specify a summary of the issue."}}"#;
    assert_eq!(
        map(400, &[], jira_fields),
        ProviderError::Invalid("summary: You must specify a summary of the issue.".into())
    );
}

#[test]
fn a_raw_body_is_never_echoed_and_long_messages_are_cut() {
    let error = map(400, &[], "<html><body>secret stack trace</body></html>");
    assert_eq!(error, ProviderError::Invalid("HTTP 400 Bad Request".into()));
    let long = format!(r#"{{"message":"{}"}}"#, "x".repeat(5000));
    let ProviderError::Invalid(message) = map(422, &[], &long) else {
        panic!("not invalid")
    };
    assert_eq!(message.chars().count(), MAX_MESSAGE + 1);
}

#[test]
fn rate_limits_are_recognised_in_all_their_forms() {
    assert_eq!(
        map(429, &[("retry-after", "2")], "{}"),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(2))
        }
    );
    // GitHub's primary limit: 403 with the quota at zero and the reset time.
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
    // GitHub's secondary limit: 403 with Retry-After.
    assert!(matches!(
        map(403, &[("retry-after", "60")], "{}"),
        ProviderError::RateLimited { retry_after: Some(wait) } if wait == Duration::from_secs(60)
    ));
    assert_eq!(
        map(429, &[], ""),
        ProviderError::RateLimited { retry_after: None }
    );
}

#[test]
fn a_write_answered_500_502_or_504_may_have_been_applied() {
    let answer = |status: u16, effect: Effect| {
        error_for_answer(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            br#"{"message":"upstream timed out","id":42}"#,
            now(),
            effect,
        )
    };
    for status in [500, 502, 504] {
        match answer(status, Effect::Write) {
            ProviderError::WriteUnconfirmed { id, reason } => {
                assert_eq!(id.as_deref(), Some("42"), "{status}");
                assert!(reason.contains(&status.to_string()), "{reason}");
            }
            other => panic!("a write answered {status} is unconfirmed, got {other:?}"),
        }
        assert_eq!(
            answer(status, Effect::Read),
            ProviderError::Unavailable("upstream timed out".into()),
            "a read answered {status} changed nothing"
        );
    }
    // The service refused to take the request, or gave up waiting for it: nothing applied.
    for status in [503, 408, 429, 422] {
        assert_eq!(
            answer(status, Effect::Write),
            map(status, &[], r#"{"message":"upstream timed out","id":42}"#),
            "{status}"
        );
    }
}
