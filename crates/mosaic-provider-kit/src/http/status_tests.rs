use super::*;
use crate::http::{RateHeaders, ResetFormat};
use reqwest::header::HeaderValue;
use std::time::{Duration, UNIX_EPOCH};

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

fn map_in(
    dialect: &Dialect,
    status: u16,
    pairs: &[(&'static str, &str)],
    body: &str,
) -> ProviderError {
    error_for_status(
        dialect,
        StatusCode::from_u16(status).unwrap(),
        &headers(pairs),
        body.as_bytes(),
        now(),
    )
}

fn map(status: u16, pairs: &[(&'static str, &str)], body: &str) -> ProviderError {
    map_in(&Dialect::STANDARD, status, pairs, body)
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
    assert_eq!(
        map(418, &[], "{}"),
        ProviderError::Protocol(
            "unexpected HTTP status 418 I'm a teapot: HTTP 418 I'm a teapot".into()
        )
    );
    assert!(
        matches!(map(502, &[], "<html>bad gateway</html>"), ProviderError::Unavailable(m) if m == "HTTP 502 Bad Gateway")
    );
}

#[test]
fn rate_limits_are_recognised_in_all_their_forms() {
    assert_eq!(
        map(429, &[("retry-after", "2")], "{}"),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(2))
        }
    );
    // A 403 with the quota at zero (GitHub's primary limit) waits until the reset.
    let spent = map(
        403,
        &[("ratelimit-remaining", "0"), ("ratelimit-reset", "45")],
        r#"{"message":"API rate limit exceeded"}"#,
    );
    assert_eq!(
        spent,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(45))
        }
    );
    // A 403 with Retry-After (GitHub's secondary limit) waits as asked.
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
fn only_the_dialects_own_rate_limit_headers_are_read() {
    let github_style = [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "45")];
    assert_eq!(
        map(
            403,
            &github_style,
            r#"{"message":"Must have admin rights"}"#
        ),
        ProviderError::Forbidden("Must have admin rights".into()),
        "the standard dialect reads `RateLimit-*`, not `X-RateLimit-*`"
    );
    let x_ratelimit = Dialect {
        rate_headers: RateHeaders {
            prefix: "x-ratelimit-",
            reset: ResetFormat::UnixSeconds,
        },
        ..Dialect::STANDARD
    };
    let github_style = [
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", "1800000045"),
    ];
    assert_eq!(
        map_in(&x_ratelimit, 403, &github_style, "{}"),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(45))
        }
    );
}

/// A dialect that reads a 403 saying "slow down" as a rate limit of 5 seconds.
fn slowing() -> Dialect {
    Dialect {
        reclassify: |status, message| {
            (status == StatusCode::FORBIDDEN && message.contains("slow down")).then_some(
                ProviderError::RateLimited {
                    retry_after: Some(Duration::from_secs(5)),
                },
            )
        },
        ..Dialect::STANDARD
    }
}

#[test]
fn a_dialect_reclassifies_what_the_headers_left_to_the_status() {
    let slow = r#"{"message":"please slow down"}"#;
    assert_eq!(
        map_in(&slowing(), 403, &[], slow),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(5))
        }
    );
    assert_eq!(
        map_in(&slowing(), 403, &[], r#"{"message":"no access"}"#),
        ProviderError::Forbidden("no access".into())
    );
    assert_eq!(
        map_in(&slowing(), 403, &[("retry-after", "30")], slow),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(30))
        },
        "the wait the provider asked for wins"
    );
    assert_eq!(
        map(403, &[], slow),
        ProviderError::Forbidden("please slow down".into())
    );
}

#[test]
fn a_write_answered_500_502_or_504_may_have_been_applied() {
    let answer = |status: u16, effect: Effect| {
        error_for_answer(
            &Dialect::STANDARD,
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
