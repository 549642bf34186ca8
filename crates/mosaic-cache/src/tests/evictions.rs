//! Size evictions: answers past `max_entries` are evicted and counted, and an invalidation is
//! not counted as one.

use super::{fill, issues_of, key_for, local, put};
use crate::{AnswerCache, CacheSettings};
use mosaic_core::CacheClass;

#[tokio::test]
async fn answers_past_max_entries_are_evicted_and_counted() {
    let cache = AnswerCache::new(CacheSettings {
        max_entries: 2,
        ..CacheSettings::default()
    });
    const FILLS: u64 = 10;
    for n in 0..FILLS {
        let op = issues_of(&format!("acme/repo-{n}"));
        put(
            &cache,
            &key_for(&local(), &op),
            CacheClass::Standard,
            fill(&op, "forge", "m"),
        )
        .await;
    }
    // moka evicts in its housekeeping; run it now instead of waiting for it.
    cache.run_pending_tasks().await;
    let stats = cache.stats();
    assert!(stats.entries <= 2, "{stats:?}");
    assert_eq!(stats.evictions + stats.entries, FILLS, "{stats:?}");

    let op = issues_of("acme/repo-9");
    cache
        .invalidate_tags(&[op.spec().read_tag(&op.resource())])
        .await;
    cache.run_pending_tasks().await;
    assert_eq!(
        cache.stats().evictions,
        stats.evictions,
        "an invalidation is no eviction"
    );
}
