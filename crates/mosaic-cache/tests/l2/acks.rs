//! Acknowledged invalidations: a write's invalidation returns once every replica that heard
//! its announcement acknowledged it — the writer's own subscription counted once — and a
//! subscriber that never acknowledges holds a write up only until `ack_timeout`, which is
//! counted. (That every other replica has applied a write once it returns is shown in
//! `replicas.rs`.)

use crate::support::*;
use futures::StreamExt as _;
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_cache::{CacheSettings, RedisTier};
use std::sync::Arc;
use std::time::Duration;

/// A replica whose writes wait at most 100 ms for acknowledgements, listening or not.
async fn impatient(url: &str, prefix: &str, listening: bool) -> Replica {
    let cache_settings = CacheSettings::default();
    let mut redis = settings(url, prefix);
    redis.ack_timeout = Duration::from_millis(100);
    let l2 = RedisTier::new(redis, cache_settings.longest_lifetime())
        .unwrap_or_else(|error| panic!("{error}"));
    let replica = Replica::over(Arc::new(l2), cache_settings);
    if listening {
        replica.l2.listen_for(&replica.cache);
        bounded(replica.l2.listening().wait_for(|on| *on))
            .await
            .unwrap_or_else(|error| panic!("{error}"));
    }
    replica
}

#[tokio::test]
async fn a_writer_counts_its_own_subscription_once_and_hears_acks_only_when_listening() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("ack-self");
    let tags = write_tags(&create_issue("acme/api"));

    // Alone and listening: its own subscription, which PUBLISH counts, is acknowledged in
    // process, so the write does not wait for an acknowledgement that never comes.
    let a = Replica::new(&url, &prefix).await;
    a.cache.invalidate_tags(&tags).await;
    assert_eq!(a.l2.ack_timeouts(), 0);

    // Not listening, it cannot hear A's acknowledgement: it waits the bound, counted, which
    // leaves A the time the bound grants to apply it.
    let deaf = impatient(&url, &prefix, false).await;
    bounded(deaf.cache.invalidate_tags(&tags)).await;
    assert_eq!(deaf.l2.ack_timeouts(), 1);
    bounded(a.l2.announcements().wait_for(|count| *count >= 1))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
}

#[tokio::test]
async fn a_subscriber_that_never_acknowledges_holds_a_write_only_until_the_bound() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("ack-timeout");
    let a = impatient(&url, &prefix, true).await;
    let b = Replica::new(&url, &prefix).await;

    // Hears every announcement, like a replica whose acknowledgements never arrive.
    let client = redis::Client::open(url.as_str()).unwrap_or_else(|error| panic!("{error}"));
    let mut silent = client
        .get_async_pubsub()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    silent
        .subscribe(format!("{prefix}:invalidations"))
        .await
        .unwrap_or_else(|error| panic!("{error}"));

    let tags = write_tags(&create_issue("acme/api"));
    bounded(a.cache.invalidate_tags(&tags)).await;
    assert_eq!(
        a.l2.ack_timeouts(),
        1,
        "the wait ended at the bound, counted"
    );
    assert_eq!(
        b.cache.stats().remote_invalidations,
        1,
        "the replica that acknowledged had applied it"
    );
    let heard = bounded(silent.on_message().next()).await;
    assert!(
        heard.is_some(),
        "the silent subscriber was announced the write"
    );

    // Gone, it no longer holds writes up.
    drop(silent);
    let mut gone = false;
    for _ in 0..100 {
        let before = a.l2.ack_timeouts();
        bounded(a.cache.invalidate_tags(&tags)).await;
        if a.l2.ack_timeouts() == before {
            gone = true;
            break;
        }
    }
    assert!(
        gone,
        "once the subscriber left Redis, writes stopped timing out"
    );
}
