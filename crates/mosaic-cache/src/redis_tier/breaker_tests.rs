//! The breaker on tokio's paused clock.

use super::*;
use tokio::time::advance;

fn breaker() -> Breaker {
    Breaker::new(BreakerSettings {
        failures_to_open: 2,
        open_for: Duration::from_secs(1),
    })
}

#[tokio::test(start_paused = true)]
async fn it_opens_after_consecutive_failures_and_a_success_resets_the_count() {
    let breaker = breaker();
    assert_eq!(breaker.failure(), Transition::None);
    assert_eq!(breaker.success(), Transition::None);
    assert_eq!(breaker.failure(), Transition::None);
    assert!(breaker.permit());
    assert_eq!(breaker.failure(), Transition::Opened);
    assert!(!breaker.permit());
    assert!(!breaker.is_available());
}

#[tokio::test(start_paused = true)]
async fn after_open_for_one_probe_goes_and_its_success_closes_it() {
    let breaker = breaker();
    breaker.failure();
    breaker.failure();
    advance(Duration::from_millis(999)).await;
    assert!(!breaker.permit());
    advance(Duration::from_millis(1)).await;
    assert!(breaker.is_available());
    assert!(breaker.permit(), "the probe");
    assert!(!breaker.permit(), "only one probe at a time");
    assert_eq!(breaker.success(), Transition::Closed);
    assert!(breaker.permit());
}

#[tokio::test(start_paused = true)]
async fn a_failed_probe_opens_it_again_and_a_lost_probe_does_not_keep_it_shut() {
    let breaker = breaker();
    breaker.failure();
    breaker.failure();
    advance(Duration::from_secs(1)).await;
    assert!(breaker.permit());
    assert_eq!(breaker.failure(), Transition::Opened);
    assert!(!breaker.permit());

    advance(Duration::from_secs(1)).await;
    assert!(breaker.permit(), "a probe whose caller never reports back");
    advance(Duration::from_secs(1)).await;
    assert!(breaker.permit(), "another probe once the first is overdue");
}
