use super::*;

fn tags() -> Vec<String> {
    vec!["git:repo:acme/api".to_owned()]
}

#[tokio::test(start_paused = true)]
async fn a_write_acknowledged_by_every_subscriber_stops_waiting_without_a_timeout() {
    let acks = Arc::new(Acks::default());
    let awaited = acks.expect();
    let seq = awaited.seq();
    // Acknowledgements may come before the writer starts waiting.
    acks.received(seq);
    let wait = tokio::spawn(awaited.all(2, Duration::from_secs(3600), &[]));
    tokio::task::yield_now().await;
    acks.received(seq);
    wait.await.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(acks.timeouts(), 0);
    assert!(acks.waiting().is_empty(), "no longer awaited");
}

#[tokio::test(start_paused = true)]
async fn a_subscriber_that_never_acknowledges_ends_the_wait_at_the_bound_and_is_counted() {
    let acks = Arc::new(Acks::default());
    let awaited = acks.expect();
    acks.received(awaited.seq());
    let started = tokio::time::Instant::now();
    awaited.all(2, Duration::from_millis(50), &tags()).await;
    assert_eq!(started.elapsed(), Duration::from_millis(50));
    assert_eq!(acks.timeouts(), 1);
    assert!(acks.waiting().is_empty());
}

#[tokio::test(start_paused = true)]
async fn no_subscriber_or_a_zero_bound_means_no_wait_and_stray_acknowledgements_are_ignored() {
    let acks = Arc::new(Acks::default());
    let first = acks.expect();
    let second = acks.expect();
    assert_ne!(first.seq(), second.seq());
    let stray = second.seq() + 100;
    acks.received(stray);
    first.all(0, Duration::from_millis(50), &tags()).await;
    // A bound of zero does not wait, and is no timeout.
    second.all(1, Duration::ZERO, &tags()).await;
    assert_eq!(acks.timeouts(), 0);
    assert!(acks.waiting().is_empty());
}

#[test]
fn an_acknowledgement_names_the_write_and_the_replica_that_applied_it() {
    let text = ack(7, 42);
    let read: Ack = serde_json::from_str(&text).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!((read.seq, read.from), (7, 42));
    assert_eq!(channel("mosaic", 42), "mosaic:acks:42");
}
