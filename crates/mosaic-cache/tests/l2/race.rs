//! A read that started before a write on another replica, and whose provider answers after
//! it, never leaves its pre-write answer in any tier: Redis refuses the fill (the tag was
//! invalidated after the fetch's epoch), and so the replica's L1 does not keep it either —
//! even when the replica has not heard the write's announcement.

use crate::support::*;
use mosaic_cache::testing::{redis_url, unique_prefix};
use mosaic_cache::{Lookup, Origin};
use mosaic_core::{CacheClass, RequestContext};
use tokio::sync::oneshot;

#[tokio::test]
async fn a_read_racing_a_write_on_another_replica_leaves_nothing_cached() {
    let Some(url) = redis_url().await else { return };
    let prefix = unique_prefix("race");
    // Deaf: the guard under test is Redis's own check, not the announcement.
    let a = Replica::deaf(&url, &prefix);
    let b = Replica::new(&url, &prefix).await;
    let op = issues_of("acme/api");
    let key = key(&RequestContext::local("alice"), &op);

    let (started, fetch_started) = oneshot::channel::<()>();
    let (release, held) = oneshot::channel::<()>();
    let old = fill(&op, "before the write");
    let read = {
        let cache = a.cache.clone();
        let key = key.clone();
        tokio::spawn(async move {
            cache
                .get_or_fetch(&key, CacheClass::Standard, || async move {
                    let _ = started.send(());
                    // The provider's answer, read before the write, held until it is done.
                    let _ = held.await;
                    Ok::<_, Upstream>(old)
                })
                .await
        })
    };
    bounded(fetch_started)
        .await
        .unwrap_or_else(|_| panic!("fetch never started"));
    b.cache
        .invalidate_tags(&write_tags(&create_issue("acme/api")))
        .await;
    let _ = release.send(());

    let served = bounded(read)
        .await
        .unwrap_or_else(|error| panic!("{error}"))
        .unwrap_or_else(|error| panic!("{error:?}"));
    // The racing read itself gets what the provider said; nothing keeps it.
    assert!(matches!(served.origin, Origin::Fetched));
    assert_eq!(
        a.cache.lookup(&key).await,
        Lookup::Miss,
        "not in A's L1 nor L2"
    );
    assert_eq!(b.cache.lookup(&key).await, Lookup::Miss);
    assert_eq!(entries_in_redis(&url, &prefix).await, 0);
    let next = a.read(&key, &op, "after the write").await;
    assert_eq!(marker(&next.answer.output), "after the write");
}
