use super::*;
use mosaic_core::OpId;

const SETTINGS: RetrySettings = RetrySettings {
    max_attempts: 3,
    base_delay: Duration::from_millis(100),
    max_delay: Duration::from_secs(5),
};

fn unavailable() -> ProviderError {
    ProviderError::Unavailable("503".into())
}

#[test]
fn idempotent_reads_retry_transient_errors_with_growing_jittered_delays() {
    let spec = OpId::GitIssuesList.spec();
    assert_eq!(
        next_step(spec, &unavailable(), 1, &SETTINGS, 1.0),
        NextStep::RetryAfter(Duration::from_millis(100))
    );
    assert_eq!(
        next_step(spec, &unavailable(), 2, &SETTINGS, 1.0),
        NextStep::RetryAfter(Duration::from_millis(200))
    );
    assert_eq!(
        next_step(spec, &unavailable(), 2, &SETTINGS, 0.5),
        NextStep::RetryAfter(Duration::from_millis(100))
    );
    assert_eq!(
        next_step(spec, &unavailable(), 3, &SETTINGS, 1.0),
        NextStep::NextCandidate
    );
}

#[test]
fn retry_after_is_honoured_within_the_cap() {
    let spec = OpId::GitIssuesGet.spec();
    let limited = ProviderError::RateLimited {
        retry_after: Some(Duration::from_secs(2)),
    };
    assert_eq!(
        next_step(spec, &limited, 1, &SETTINGS, 0.0),
        NextStep::RetryAfter(Duration::from_secs(2))
    );
    let too_long = ProviderError::RateLimited {
        retry_after: Some(Duration::from_secs(60)),
    };
    assert_eq!(
        next_step(spec, &too_long, 1, &SETTINGS, 0.0),
        NextStep::NextCandidate
    );
}

#[test]
fn non_idempotent_writes_are_never_retried() {
    let spec = OpId::GitIssuesCreate.spec();
    assert_eq!(
        next_step(spec, &unavailable(), 1, &SETTINGS, 1.0),
        NextStep::NextCandidate
    );
    // An idempotent write (an update to stated values) may be retried.
    let update = OpId::GitIssuesUpdate.spec();
    assert!(matches!(
        next_step(update, &unavailable(), 1, &SETTINGS, 1.0),
        NextStep::RetryAfter(_)
    ));
}

#[test]
fn caller_faults_stop_at_once() {
    let spec = OpId::GitIssuesGet.spec();
    for error in [
        ProviderError::NotFound("issue 9".into()),
        ProviderError::Forbidden("no".into()),
        ProviderError::Invalid("bad".into()),
        ProviderError::Conflict("stale".into()),
    ] {
        assert_eq!(
            next_step(spec, &error, 1, &SETTINGS, 1.0),
            NextStep::Stop,
            "{error}"
        );
    }
}

#[test]
fn delays_are_capped() {
    let spec = OpId::GitIssuesList.spec();
    let settings = RetrySettings {
        max_attempts: 30,
        ..SETTINGS
    };
    assert_eq!(
        next_step(spec, &unavailable(), 25, &settings, 1.0),
        NextStep::RetryAfter(Duration::from_secs(5))
    );
}
