use super::*;

fn breaker() -> CircuitBreaker {
    CircuitBreaker::new(BreakerSettings {
        failure_threshold: 3,
        open_for: Duration::from_secs(30),
        half_open_probes: 1,
    })
}

#[tokio::test(start_paused = true)]
async fn opens_after_consecutive_failures_and_probes_after_the_open_period() {
    let breaker = breaker();
    for _ in 0..2 {
        assert_eq!(breaker.admit(), Admission::Allowed);
        breaker.record(true);
    }
    assert_eq!(breaker.state(), CircuitState::Closed);
    breaker.record(true);
    assert_eq!(breaker.state(), CircuitState::Open);
    assert_eq!(breaker.admit(), Admission::Rejected);

    tokio::time::advance(Duration::from_secs(29)).await;
    assert_eq!(breaker.admit(), Admission::Rejected);
    tokio::time::advance(Duration::from_secs(1)).await;
    assert_eq!(breaker.state(), CircuitState::HalfOpen);
    assert_eq!(breaker.admit(), Admission::Probe);
    // Only one probe at a time.
    assert_eq!(breaker.admit(), Admission::Rejected);
    breaker.record(false);
    assert_eq!(breaker.state(), CircuitState::Closed);
    assert_eq!(breaker.admit(), Admission::Allowed);
}

#[tokio::test(start_paused = true)]
async fn a_failed_probe_opens_the_circuit_again() {
    let breaker = breaker();
    for _ in 0..3 {
        breaker.record(true);
    }
    tokio::time::advance(Duration::from_secs(30)).await;
    assert_eq!(breaker.admit(), Admission::Probe);
    breaker.record(true);
    assert_eq!(breaker.state(), CircuitState::Open);
    tokio::time::advance(Duration::from_secs(10)).await;
    assert_eq!(breaker.admit(), Admission::Rejected);
}

#[tokio::test(start_paused = true)]
async fn a_success_resets_the_failure_count() {
    let breaker = breaker();
    breaker.record(true);
    breaker.record(true);
    breaker.record(false);
    breaker.record(true);
    breaker.record(true);
    assert_eq!(breaker.state(), CircuitState::Closed);
}

#[tokio::test(start_paused = true)]
async fn record_reports_only_the_outcomes_that_open_or_close_the_circuit() {
    let breaker = breaker();
    assert_eq!(breaker.record(true), None);
    assert_eq!(breaker.record(true), None);
    assert_eq!(breaker.record(true), Some(CircuitState::Open));
    // A call admitted before it opened fails late: still open, no new event.
    assert_eq!(breaker.record(true), None);
    tokio::time::advance(Duration::from_secs(30)).await;
    assert_eq!(breaker.admit(), Admission::Probe);
    assert_eq!(
        breaker.record(true),
        Some(CircuitState::Open),
        "a failed probe reopens"
    );
    tokio::time::advance(Duration::from_secs(30)).await;
    assert_eq!(breaker.admit(), Admission::Probe);
    assert_eq!(breaker.record(false), Some(CircuitState::Closed));
    assert_eq!(breaker.record(false), None);
}
