//! The executor under client-side rate limits, on paused time: waiting within the deadline,
//! refusing past it, the steady rate after a burst, and failover on a refusal.

use super::*;
use crate::observe::{Event, TryRecvError};
use crate::scripted::{RETRY, Scripted, create, instance, limited, list};
use mosaic_plugin::RateLimit;
use std::sync::Arc;

const ONE_PER_SECOND: RateLimit = RateLimit::new(1, Duration::from_secs(1));
const ONE_PER_HOUR: RateLimit = RateLimit::new(1, Duration::from_secs(3600));

async fn run_until(
    instances: &[Instance],
    plan: &[usize],
    operation: &Operation,
    deadline: Option<Duration>,
) -> Result<Executed, CallError> {
    let deadline = deadline.map(|deadline| Instant::now() + deadline);
    execute(
        instances,
        plan,
        operation,
        &RETRY,
        &Observers::default(),
        deadline,
    )
    .await
}

#[tokio::test(start_paused = true)]
async fn a_call_waits_for_its_permit_within_the_deadline_then_is_sent() {
    let provider = Scripted::new(vec![]);
    let instances = [limited("a", provider.clone(), ONE_PER_SECOND)];
    run_until(&instances, &[0], &list(), None).await.unwrap();
    let started = Instant::now();
    let executed = run_until(&instances, &[0], &list(), Some(Duration::from_secs(5)))
        .await
        .unwrap();
    assert_eq!(executed.instance, 0);
    assert_eq!(started.elapsed(), Duration::from_secs(1));
    assert_eq!(provider.calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_call_whose_permit_comes_after_its_deadline_is_refused_at_once_and_not_sent() {
    let provider = Scripted::new(vec![]);
    let instances = [limited("notion", provider.clone(), ONE_PER_HOUR)];
    run_until(&instances, &[0], &list(), None).await.unwrap();
    let started = Instant::now();
    let error = run_until(&instances, &[0], &list(), Some(Duration::from_secs(2)))
        .await
        .unwrap_err();
    assert_eq!(started.elapsed(), Duration::ZERO, "it never hangs");
    assert_eq!(provider.calls(), 1);
    assert!(
        matches!(
            &error,
            CallError::RateLimitRefused { instance, refusal }
                if instance == "notion" && refusal.wait == Duration::from_secs(3600)
                    && refusal.limit == ONE_PER_HOUR
        ),
        "{error:?}"
    );
    assert_eq!(error.code(), "rate_limited");
    let message = error.to_string();
    assert!(
        message.starts_with("notion: not sent: its client-side rate limit of ")
            && message.contains("had no permit for 3600000 ms"),
        "the top-level error names the limit and the wait: {message}"
    );
}

#[tokio::test(start_paused = true)]
async fn without_a_deadline_a_call_waits_no_longer_than_the_instance_timeout() {
    let provider = Scripted::new(vec![]);
    // The instance's timeout is 5 s; a permit 10 s away is refused.
    let slow = RateLimit::new(1, Duration::from_secs(10));
    let instances = [limited("a", provider.clone(), slow)];
    run_until(&instances, &[0], &list(), None).await.unwrap();
    let error = run_until(&instances, &[0], &list(), None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(provider.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_burst_goes_at_once_then_calls_keep_to_the_steady_rate() {
    let provider = Scripted::new(vec![]);
    let limit = RateLimit::new(2, Duration::from_secs(1)).with_burst(5);
    let instances = [limited("a", provider.clone(), limit)];
    let started = Instant::now();
    for _ in 0..5 {
        run_until(&instances, &[0], &list(), None).await.unwrap();
    }
    assert_eq!(started.elapsed(), Duration::ZERO);
    for _ in 0..6 {
        run_until(&instances, &[0], &list(), None).await.unwrap();
    }
    // Six more at 500 ms apart.
    assert_eq!(started.elapsed(), Duration::from_secs(3));
    assert_eq!(provider.calls(), 11);
}

#[tokio::test(start_paused = true)]
async fn concurrent_calls_share_one_limit_per_instance() {
    let provider = Scripted::new(vec![]);
    let instances = Arc::new([limited("a", provider.clone(), ONE_PER_SECOND)]);
    let started = Instant::now();
    let calls: Vec<_> = (0..3)
        .map(|_| {
            let instances = Arc::clone(&instances);
            tokio::spawn(async move {
                run_until(&*instances, &[0], &list(), Some(Duration::from_secs(10)))
                    .await
                    .map(|executed| executed.instance)
            })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), 0);
    }
    assert_eq!(started.elapsed(), Duration::from_secs(2));
    assert_eq!(provider.calls(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_read_refused_by_the_local_limit_fails_over_and_says_why() {
    let primary = Scripted::new(vec![]);
    let mirror = Scripted::new(vec![]);
    let instances = [
        limited("primary", primary.clone(), ONE_PER_HOUR),
        instance("mirror", mirror.clone()),
    ];
    run_until(&instances, &[0, 1], &list(), None).await.unwrap();
    let executed = run_until(&instances, &[0, 1], &list(), Some(Duration::from_secs(2)))
        .await
        .unwrap();
    assert_eq!(executed.instance, 1);
    assert_eq!((primary.calls(), mirror.calls()), (1, 1));
    let given_up = &executed.failed_over[0];
    assert_eq!(
        (given_up.instance.as_str(), given_up.code),
        ("primary", "rate_limited")
    );
    assert_eq!(
        given_up.message,
        "not sent: its client-side rate limit of 1 request per 1h (burst 1) had no permit for 3600000 ms, longer than the call could wait"
    );
}

#[tokio::test(start_paused = true)]
async fn a_write_refused_by_the_local_limit_is_not_performed_and_sent_nowhere_else() {
    let primary = Scripted::new(vec![]);
    let mirror = Scripted::new(vec![]);
    let instances = [
        limited("primary", primary.clone(), ONE_PER_HOUR),
        instance("mirror", mirror.clone()),
    ];
    run_until(&instances, &[0], &create(), None).await.unwrap();
    let error = run_until(&instances, &[0, 1], &create(), Some(Duration::from_secs(2)))
        .await
        .unwrap_err();
    assert_eq!((primary.calls(), mirror.calls()), (1, 0));
    // `rate_limited` with the wait, as for a provider's 429: provably not applied.
    assert!(
        matches!(
            &error,
            CallError::RateLimitRefused { instance, .. } if instance == "primary"
        ),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn the_observers_see_the_wait_and_the_refusal_and_the_breaker_ignores_the_refusal() {
    let observers = Observers::default();
    let mut events = observers.subscribe();
    let provider = Scripted::new(vec![]);
    let instances = [limited("a", provider, ONE_PER_SECOND)];
    let soon = |after: u64| Some(Instant::now() + Duration::from_secs(after));
    for deadline in [soon(5), soon(5), soon(0)] {
        let _ = execute(&instances, &[0], &list(), &RETRY, &observers, deadline).await;
    }
    let mut seen = Vec::new();
    loop {
        match events.try_recv() {
            Ok(Event::Attempt(attempt)) => seen.push((attempt.waited, attempt.outcome)),
            Ok(other) => panic!("{other:?}"),
            Err(TryRecvError::Empty) => break,
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(
        seen,
        [
            (Some(Duration::ZERO), Outcome::Ok),
            (Some(Duration::from_secs(1)), Outcome::Ok),
            (
                None,
                Outcome::RateLimitRefused {
                    wait: Duration::from_secs(1)
                }
            ),
        ]
    );
    assert_eq!(
        instances[0].signals.counts(),
        (2, 0),
        "a refusal is no call"
    );
}
