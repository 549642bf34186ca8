use super::*;

const TIMEOUTS: Timeouts = Timeouts {
    header_read: Duration::from_secs(10),
    idle: Duration::from_secs(60),
};

#[tokio::test(start_paused = true)]
async fn a_new_connection_must_send_its_head_within_the_header_timeout() {
    let activity = Activity::new();
    let opened = Instant::now();
    assert_eq!(
        activity.deadline(TIMEOUTS),
        Some((opened + TIMEOUTS.header_read, "header_read_timeout"))
    );
    // Bytes trickling in do not move the deadline.
    tokio::time::advance(Duration::from_secs(3)).await;
    activity.bytes_read();
    assert_eq!(
        activity.deadline(TIMEOUTS),
        Some((opened + TIMEOUTS.header_read, "header_read_timeout"))
    );
}

#[tokio::test(start_paused = true)]
async fn between_requests_the_idle_timeout_applies_until_the_next_heads_first_byte() {
    let activity = Arc::new(Activity::new());
    let guard = activity.begin();
    assert_eq!(
        activity.deadline(TIMEOUTS),
        None,
        "no edge timeout while served"
    );
    assert!(activity.busy());
    drop(guard);
    let answered = Instant::now();
    assert_eq!(
        activity.deadline(TIMEOUTS),
        Some((answered + TIMEOUTS.idle, "idle_timeout"))
    );
    tokio::time::advance(Duration::from_secs(30)).await;
    activity.bytes_read();
    assert_eq!(
        activity.deadline(TIMEOUTS),
        Some((Instant::now() + TIMEOUTS.header_read, "header_read_timeout"))
    );
}

#[tokio::test]
async fn a_connection_is_quiet_only_when_nothing_is_served_or_left_unflushed() {
    let activity = Arc::new(Activity::new());
    assert!(activity.quiet());
    let guard = activity.begin();
    let second = activity.begin();
    drop(guard);
    assert!(!activity.quiet(), "one request is still served");
    activity.set_unflushed(true);
    drop(second);
    assert!(!activity.quiet(), "the last response is still leaving");
    activity.set_unflushed(false);
    assert!(activity.quiet());
}

#[tokio::test]
async fn an_answered_request_wakes_the_watchdog_even_before_it_waits() {
    let activity = Arc::new(Activity::new());
    drop(activity.begin());
    // The change happened before anyone waited: it is not lost.
    tokio::time::timeout(Duration::from_secs(5), activity.changed())
        .await
        .expect("a change was signalled");
}
