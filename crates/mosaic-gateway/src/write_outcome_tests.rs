use super::*;
use std::time::Duration;

fn failed(error: ProviderError, attempts: u32, doubt: Option<ProviderError>) -> CallError {
    write_failed(
        "git.issues.create",
        "primary".into(),
        Failure {
            error,
            attempts,
            doubt,
            refusal: None,
        },
    )
}

#[test]
fn only_errors_that_prove_nothing_was_applied_say_not_performed() {
    let refused = [
        ProviderError::NotFound("acme/api".into()),
        ProviderError::Forbidden("no push access".into()),
        ProviderError::Unauthenticated("bad token".into()),
        ProviderError::Conflict("already merged".into()),
        ProviderError::Invalid("title is empty".into()),
        ProviderError::Unsupported {
            operation: "git.pulls.merge".into(),
            reason: "rebase".into(),
        },
    ];
    for error in refused {
        let code = error.code();
        let answered = failed(error, 1, None);
        assert!(
            matches!(answered, CallError::Provider { .. }),
            "{answered:?}"
        );
        assert_eq!(answered.code(), code);
    }
    let down = failed(
        ProviderError::Unavailable("connection refused".into()),
        1,
        None,
    );
    assert_eq!(down.code(), "write_target_unavailable");
    assert!(down.to_string().contains("was not performed"), "{down}");
}

#[test]
fn a_throttled_write_is_rate_limited_with_the_providers_wait() {
    let wait = Some(Duration::from_secs(30));
    let throttled = failed(ProviderError::RateLimited { retry_after: wait }, 1, None);
    assert_eq!(throttled.code(), "rate_limited");
    assert!(matches!(
        throttled,
        CallError::Provider {
            error: ProviderError::RateLimited { retry_after },
            ..
        } if retry_after == wait
    ));
}

#[test]
fn an_unconfirmed_write_carries_the_id_and_the_reason() {
    let unconfirmed = ProviderError::WriteUnconfirmed {
        id: Some("4711".into()),
        reason: "the provider's answer did not parse".into(),
    };
    let answered = failed(unconfirmed.clone(), 1, Some(unconfirmed));
    let CallError::WriteOutcomeUnknown {
        ref id, ref reason, ..
    } = answered
    else {
        panic!("{answered:?}");
    };
    assert_eq!(id.as_deref(), Some("4711"));
    assert_eq!(reason, "the provider's answer did not parse");
    let message = answered.to_string();
    assert!(message.contains("may have been applied"), "{message}");
    assert!(message.contains("`4711`"), "{message}");
    assert!(!message.contains("timed out"), "{message}");
}

#[test]
fn timeouts_and_unreadable_answers_leave_the_outcome_unknown() {
    let timeout = ProviderError::Timeout(Duration::from_secs(5));
    let answered = failed(timeout.clone(), 3, Some(timeout));
    assert_eq!(answered.code(), "write_outcome_unknown");
    assert!(
        answered
            .to_string()
            .contains("did not answer within 5s (3 attempts)"),
        "{answered}"
    );
    let garbled = ProviderError::Protocol("expected an issue".into());
    let answered = failed(garbled.clone(), 1, Some(garbled));
    assert!(
        answered.to_string().contains("could not be understood"),
        "{answered}"
    );
}

#[test]
fn a_refused_retry_does_not_undo_an_earlier_doubt() {
    // The first attempt timed out (and may have merged); the retry finds it already merged.
    let answered = failed(
        ProviderError::Conflict("already merged".into()),
        2,
        Some(ProviderError::Timeout(Duration::from_secs(5))),
    );
    assert_eq!(answered.code(), "write_outcome_unknown");
    assert!(
        answered
            .to_string()
            .contains("a retry then failed (conflict: already merged)"),
        "{answered}"
    );
}
