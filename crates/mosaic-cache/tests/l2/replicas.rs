//! Replicas sharing Redis: what one fetched another serves from L2 (then from its L1), and a
//! write through one makes the very next read on every other miss in every tier.

use crate::support::*;
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_cache::{Lookup, Tier};
use mosaic_core::RequestContext;

#[tokio::test]
async fn what_one_replica_fetched_the_other_serves_from_l2_then_from_its_l1() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("fill");
    let (a, b) = (
        Replica::new(&url, &prefix).await,
        Replica::new(&url, &prefix).await,
    );
    let op = issues_of("acme/api");
    let key = key(&RequestContext::local("alice"), &op);

    let fetched = a.read(&key, &op, "v1").await;
    assert_eq!(tier(&fetched), None, "fetched upstream");
    let shared = b.read(&key, &op, "never fetched").await;
    assert_eq!(tier(&shared), Some("l2"));
    assert_eq!(marker(&shared.answer.output), "v1");
    let local = b.read(&key, &op, "never fetched").await;
    assert_eq!(
        tier(&local),
        Some("l1"),
        "copied into the other replica's L1"
    );

    let reports = b.cache.tier_reports();
    assert_eq!((reports[0].hits, reports[1].hits), (1, 1));
    assert_eq!(reports[0].misses, 1, "the first read missed L1");
    assert_eq!(reports[0].fills, 1, "and copied the L2 hit into it");
    assert_eq!(a.cache.tier_reports()[1].fills, 1, "the fetch filled L2");
    assert!(reports[1].stats.available);
    assert_eq!(reports[1].stats.errors, 0);
}

#[tokio::test]
async fn a_write_through_one_replica_makes_the_next_read_on_the_other_miss() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("write");
    let (a, b) = (
        Replica::new(&url, &prefix).await,
        Replica::new(&url, &prefix).await,
    );
    let op = issues_of("acme/api");
    let key = key(&RequestContext::local("alice"), &op);
    a.read(&key, &op, "before").await;
    assert_eq!(tier(&b.read(&key, &op, "-").await), Some("l2"));
    assert_eq!(tier(&b.read(&key, &op, "-").await), Some("l1"));

    let c = Replica::new(&url, &prefix).await;
    assert_eq!(tier(&c.read(&key, &op, "-").await), Some("l2"));
    assert_eq!(tier(&c.read(&key, &op, "-").await), Some("l1"));

    a.cache
        .invalidate_tags(&write_tags(&create_issue("acme/api")))
        .await;
    // Once the write's invalidation returned, Redis itself refuses the old entry, and every
    // other replica has applied it: their very next lookups miss, with no wait in between.
    assert_eq!(b.cache.stats().remote_invalidations, 1, "B applied it");
    assert_eq!(c.cache.stats().remote_invalidations, 1, "C applied it");
    assert_eq!(b.cache.lookup(&key).await, Lookup::Miss);
    assert_eq!(c.cache.lookup(&key).await, Lookup::Miss);
    assert!(b.l2.get(&key, 0).await.is_none(), "L2 holds nothing valid");
    assert_eq!(a.l2.ack_timeouts(), 0, "both acknowledged within the bound");
    let after = b.read(&key, &op, "after").await;
    assert_eq!(tier(&after), None, "fetched again");
    assert_eq!(marker(&after.answer.output), "after");
    assert_eq!(
        marker_of_lookup(&a.cache.lookup(&key).await).as_deref(),
        Some("after")
    );
    assert_eq!(
        a.cache.stats().remote_invalidations,
        0,
        "its own announcement is ignored"
    );
}

#[tokio::test]
async fn a_replica_that_subscribes_again_forgets_its_in_process_entries() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("resubscribe");
    // Filled before it listens: it may have missed invalidations meanwhile.
    let b = Replica::deaf(&url, &prefix);
    let op = issues_of("acme/api");
    let key = key(&RequestContext::local("alice"), &op);
    b.read(&key, &op, "v1").await;
    b.l2.listen_for(&b.cache);
    bounded(b.l2.listening().wait_for(|on| *on))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    // Its L1 entry is gone; the L2 entry, which Redis checks itself, still serves.
    assert_eq!(tier(&b.read(&key, &op, "-").await), Some("l2"));
}
