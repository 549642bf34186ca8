use super::*;
use std::sync::Arc;

fn far() -> Instant {
    Instant::now() + Duration::from_secs(3600)
}

/// 2 requests a second, a burst of 4.
fn two_a_second_burst_four() -> RateLimiter {
    RateLimiter::new(RateLimit::new(2, Duration::from_secs(1)).with_burst(4))
}

#[tokio::test(start_paused = true)]
async fn a_burst_goes_through_at_once_then_the_steady_rate_holds() {
    let limiter = two_a_second_burst_four();
    let started = Instant::now();
    let mut waits = Vec::new();
    for _ in 0..10 {
        waits.push(limiter.acquire(far()).await.unwrap());
    }
    // Four at once, then one every 500 ms: the tenth is sent 3 s in.
    assert_eq!(&waits[..4], [Duration::ZERO; 4]);
    assert!(
        waits[4..]
            .iter()
            .all(|wait| *wait == Duration::from_millis(500))
    );
    assert_eq!(started.elapsed(), Duration::from_secs(3));
}

#[tokio::test(start_paused = true)]
async fn a_quiet_spell_refills_the_bucket_up_to_its_burst_only() {
    let limiter = two_a_second_burst_four();
    for _ in 0..4 {
        limiter.acquire(far()).await.unwrap();
    }
    tokio::time::advance(Duration::from_secs(60)).await;
    let started = Instant::now();
    for _ in 0..5 {
        limiter.acquire(far()).await.unwrap();
    }
    assert_eq!(started.elapsed(), Duration::from_millis(500));
}

#[tokio::test(start_paused = true)]
async fn concurrent_callers_are_served_in_the_order_they_asked() {
    let limiter = Arc::new(RateLimiter::new(RateLimit::new(1, Duration::from_secs(1))));
    limiter.acquire(far()).await.unwrap();
    let order = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for caller in 0..5 {
        let (limiter, order) = (Arc::clone(&limiter), Arc::clone(&order));
        tasks.push(tokio::spawn(async move {
            let waited = limiter.acquire(far()).await.unwrap();
            order.lock().unwrap().push((caller, waited));
        }));
        // Each caller asks before the next one does.
        tokio::task::yield_now().await;
    }
    for task in tasks {
        task.await.unwrap();
    }
    let seen = order.lock().unwrap().clone();
    let expected: Vec<(i32, Duration)> = (0..5)
        .map(|caller| (caller, Duration::from_secs(caller as u64 + 1)))
        .collect();
    assert_eq!(seen, expected);
}

#[tokio::test(start_paused = true)]
async fn a_permit_past_the_deadline_is_refused_at_once_and_reserves_nothing() {
    let limiter = RateLimiter::new(RateLimit::new(1, Duration::from_secs(10)));
    limiter.acquire(far()).await.unwrap();
    let started = Instant::now();
    let refusal = limiter
        .acquire(Instant::now() + Duration::from_secs(3))
        .await
        .unwrap_err();
    assert_eq!(started.elapsed(), Duration::ZERO, "refused without waiting");
    assert_eq!(refusal.wait, Duration::from_secs(10));
    assert_eq!(refusal.limit, limiter.limit());
    // The refusal took no slot: the next caller still waits 10 s, not 20 s.
    assert_eq!(limiter.acquire(far()).await, Ok(Duration::from_secs(10)));
}

#[tokio::test(start_paused = true)]
async fn a_free_permit_is_granted_even_at_the_deadline() {
    let limiter = RateLimiter::new(RateLimit::new(1, Duration::from_secs(10)));
    assert_eq!(limiter.acquire(Instant::now()).await, Ok(Duration::ZERO));
}

#[tokio::test(start_paused = true)]
async fn a_caller_that_gives_up_while_waiting_hands_its_permit_back() {
    let limiter = RateLimiter::new(RateLimit::new(1, Duration::from_secs(10)));
    limiter.acquire(far()).await.unwrap();
    let gave_up = tokio::time::timeout(Duration::from_secs(1), limiter.acquire(far())).await;
    assert!(gave_up.is_err());
    // Due 10 s after the first permit, as if the caller that gave up had never asked.
    assert_eq!(limiter.acquire(far()).await, Ok(Duration::from_secs(9)));
}
