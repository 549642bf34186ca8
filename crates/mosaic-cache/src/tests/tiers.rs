//! A cache over two tiers, the second an in-memory stand-in for a shared one: a hit below is
//! served, named and copied up; fills and invalidations reach every tier; a fresh answer below
//! beats a stale one above; stale-if-error names the tier it served from, and leaves it there.

use super::*;
use crate::{MemoryTier, Tier, TierName, TierStats};
use std::time::Duration;
use tokio::time::advance;

fn l2_name() -> TierName {
    TierName::new("l2")
}

/// A cache over L1 and L2, and both tiers to look into.
fn two_tiers() -> (AnswerCache, Arc<MemoryTier>, Arc<MemoryTier>) {
    let l1 = Arc::new(MemoryTier::new(TierName::L1, 100));
    let l2 = Arc::new(MemoryTier::new(l2_name(), 100));
    let tiers: Vec<Arc<dyn Tier>> = vec![l1.clone(), l2.clone()];
    let cache = AnswerCache::with_tiers(CacheSettings::default(), tiers);
    (cache, l1, l2)
}

/// Another gateway's cache sharing only `l2`: what it fills, this one's L1 does not hold.
fn replica_over(l2: &Arc<MemoryTier>) -> AnswerCache {
    AnswerCache::with_tiers(CacheSettings::default(), vec![l2.clone() as Arc<dyn Tier>])
}

fn in_process_empty() -> TierStats {
    TierStats {
        available: true,
        ..TierStats::default()
    }
}

async fn serve(cache: &AnswerCache, key: &CacheKey) -> Result<Served<Upstream>, Arc<Upstream>> {
    cache
        .get_or_fetch(key, CacheClass::Standard, || async {
            Err::<Fill, _>(Upstream("every candidate failed"))
        })
        .await
}

fn hit_in(served: &Served<Upstream>) -> Option<(&TierName, Duration)> {
    match &served.origin {
        Origin::Hit { age, tier } => Some((tier, *age)),
        _ => None,
    }
}

#[tokio::test(start_paused = true)]
async fn a_hit_in_the_lower_tier_is_served_and_copied_up() {
    let (cache, l1, l2) = two_tiers();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(
        &replica_over(&l2),
        &key,
        CacheClass::Standard,
        fill(&op, "gh", "v1"),
    )
    .await;
    assert!(l1.get(&key, 0).await.is_none());
    advance(Duration::from_secs(4)).await;

    let served = serve(&cache, &key)
        .await
        .unwrap_or_else(|error| panic!("{error:?}"));
    assert_eq!(hit_in(&served), Some((&l2_name(), Duration::from_secs(4))));
    assert_eq!(served.origin.tier(), Some(&l2_name()));
    assert_eq!(marker(&served), "v1");
    assert!(l1.get(&key, 0).await.is_some(), "copied into L1");

    advance(Duration::from_secs(1)).await;
    let again = serve(&cache, &key)
        .await
        .unwrap_or_else(|error| panic!("{error:?}"));
    assert_eq!(
        hit_in(&again),
        Some((&TierName::L1, Duration::from_secs(5))),
        "the copy keeps the answer's age"
    );
    assert_eq!(cache.stats().hits, 2);
}

#[tokio::test(start_paused = true)]
async fn a_fetched_answer_fills_every_tier_and_an_invalidation_clears_them_all() {
    let (cache, l1, l2) = two_tiers();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    assert!(l1.get(&key, 0).await.is_some());
    assert!(l2.get(&key, 0).await.is_some());

    cache
        .invalidate_tags(&[op.spec().read_tag(&op.resource())])
        .await;
    cache.run_pending_tasks().await;
    assert!(l1.get(&key, 0).await.is_none());
    assert!(l2.get(&key, 0).await.is_none());
    let tiers = cache.tier_stats();
    assert_eq!(
        tiers,
        vec![
            (TierName::L1, in_process_empty()),
            (l2_name(), in_process_empty())
        ]
    );
    assert!(is_miss(&cache.lookup(&key).await));
}

#[tokio::test(start_paused = true)]
async fn an_answer_a_write_outdated_in_a_lower_tier_is_not_copied_up() {
    let (cache, l1, l2) = two_tiers();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    // The lower tier's own invalidation has not run (a shared tier's may lag); the ledger
    // still hides what it holds.
    cache
        .shared
        .ledger
        .invalidate(&[op.spec().read_tag(&op.resource())]);
    l1.remove(&key).await;

    assert!(is_miss(&cache.lookup(&key).await));
    assert!(l1.get(&key, 0).await.is_none(), "nothing copied up");
    assert!(l2.get(&key, 0).await.is_none(), "and dropped below");
}

#[tokio::test(start_paused = true)]
async fn a_fresh_answer_below_beats_a_stale_one_above() {
    let (cache, l1, l2) = two_tiers();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "old")).await;
    advance(Duration::from_secs(31)).await;
    // Another replica refreshed the shared tier meanwhile.
    l2.remove(&key).await;
    put(
        &replica_over(&l2),
        &key,
        CacheClass::Standard,
        fill(&op, "gh", "new"),
    )
    .await;

    let served = serve(&cache, &key)
        .await
        .unwrap_or_else(|error| panic!("{error:?}"));
    assert_eq!(hit_in(&served), Some((&l2_name(), Duration::ZERO)));
    assert_eq!(marker(&served), "new");
    let copied = l1
        .get(&key, 0)
        .await
        .map(|stored| marker_of(&stored.answer().output));
    assert_eq!(copied.as_deref(), Some("new"), "replacing the stale copy");
}

#[tokio::test(start_paused = true)]
async fn a_stale_answer_served_on_error_names_its_tier() {
    let (cache, l1, l2) = two_tiers();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(
        &replica_over(&l2),
        &key,
        CacheClass::Standard,
        fill(&op, "gh", "v1"),
    )
    .await;
    advance(Duration::from_secs(40)).await;

    let served = serve(&cache, &key)
        .await
        .unwrap_or_else(|error| panic!("{error:?}"));
    match &served.origin {
        Origin::Stale { age, error, tier } => {
            assert_eq!(*age, Duration::from_secs(40));
            assert_eq!(**error, Upstream("every candidate failed"));
            assert_eq!(*tier, l2_name());
        }
        other => panic!("expected stale, got {other:?}"),
    }
    assert!(
        l1.get(&key, 0).await.is_none(),
        "only fresh answers are copied up"
    );
}

#[tokio::test(start_paused = true)]
async fn with_no_tiers_every_call_fetches() {
    let cache = AnswerCache::with_tiers(CacheSettings::default(), Vec::new());
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v2")).await;
    assert_eq!(cache.stats().fetches, 2);
    assert_eq!(cache.stats().entries, 0);
}

#[tokio::test(start_paused = true)]
async fn an_in_process_tier_of_no_entries_holds_nothing_and_the_tier_below_answers() {
    let l1 = Arc::new(MemoryTier::new(TierName::L1, 0));
    let l2 = Arc::new(MemoryTier::new(l2_name(), 100));
    let tiers: Vec<Arc<dyn Tier>> = vec![l1.clone(), l2.clone()];
    let cache = AnswerCache::with_tiers(CacheSettings::default(), tiers);
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    for _ in 0..3 {
        let served = serve(&cache, &key)
            .await
            .unwrap_or_else(|error| panic!("{error:?}"));
        assert_eq!(hit_in(&served).map(|(tier, _)| tier), Some(&l2_name()));
    }
    let reports = cache.tier_reports();
    assert_eq!((reports[0].hits, reports[0].misses), (0, 4));
    assert_eq!((reports[1].hits, reports[1].misses), (3, 1));
    assert_eq!(reports[1].fills, 1);
}
