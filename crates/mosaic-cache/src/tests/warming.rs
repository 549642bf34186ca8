//! Warming on tokio's paused clock: hot entries are refreshed before they expire and cold ones
//! are not; the budget and the quota reserve hold; a write during a refresh wins; a failed
//! refresh leaves the entry; entries nobody reads any more cool down; the warmer ends with
//! the cache.

use super::*;
use crate::{Refetch, RefetchError, WarmingSettings};
use mosaic_core::Quota;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{Notify, Semaphore};
use tokio::time::advance;

/// Lookups that make an entry hot in these tests.
const MIN_HITS: u32 = 3;

fn settings(budget: u32) -> CacheSettings {
    CacheSettings {
        warming: WarmingSettings {
            enabled: true,
            budget,
            min_hits: MIN_HITS,
            ..WarmingSettings::default()
        },
        ..CacheSettings::default()
    }
}

/// A refetch of one operation that answers `v2`, `v3`, … in turn, counting its calls.
struct Scripted {
    op: Operation,
    calls: AtomicUsize,
    quota: Mutex<Option<Quota>>,
    failing: bool,
    /// When set, a refetch tells `started` and waits for a permit before answering.
    gate: Option<(Arc<Notify>, Arc<Semaphore>)>,
}

impl Scripted {
    fn of(op: &Operation) -> Self {
        Self {
            op: op.clone(),
            calls: AtomicUsize::new(0),
            quota: Mutex::new(None),
            failing: false,
            gate: None,
        }
    }

    fn new(op: &Operation) -> Arc<Self> {
        Arc::new(Self::of(op))
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait::async_trait]
impl Refetch for Scripted {
    fn quota(&self, _instance: &str) -> Option<Quota> {
        self.quota
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    async fn refetch(&self, instance: &str) -> Result<Fill, RefetchError> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some((started, release)) = &self.gate {
            started.notify_one();
            let _permit = release.acquire().await;
        }
        if self.failing {
            return Err(RefetchError::Failed("upstream down".into()));
        }
        Ok(fill(&self.op, instance, &format!("v{}", call + 1)))
    }
}

/// Fills `key` with `v1` from `gh`, registers `refetch` for it and looks it up `reads` times
/// more.
async fn filled(
    cache: &AnswerCache,
    key: &CacheKey,
    op: &Operation,
    refetch: &Arc<Scripted>,
    reads: usize,
) {
    let served = cache
        .get_or_fetch(key, CacheClass::Standard, || async {
            Ok::<_, Upstream>(fill(op, "gh", "v1"))
        })
        .await
        .unwrap_or_else(|error| panic!("{error:?}"));
    cache.keep_warm(key, &served.answer, Arc::clone(refetch) as Arc<dyn Refetch>);
    for _ in 0..reads {
        cache.lookup(key).await;
    }
}

/// Lets the warmer and its refreshes run until they wait for time to pass.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

fn fresh_marker(lookup: &Lookup) -> Option<String> {
    match lookup {
        Lookup::Fresh { answer, .. } => Some(marker_of(&answer.output)),
        _ => None,
    }
}

#[tokio::test(start_paused = true)]
async fn a_hot_entry_is_refreshed_before_it_expires_and_a_cold_one_is_not() {
    let cache = AnswerCache::new(settings(60));
    let (hot_op, cold_op) = (issues_of("acme/api"), issues_of("acme/web"));
    let (hot, cold) = (key_for(&local(), &hot_op), key_for(&local(), &cold_op));
    let (hot_refetch, cold_refetch) = (Scripted::new(&hot_op), Scripted::new(&cold_op));
    filled(&cache, &hot, &hot_op, &hot_refetch, 4).await;
    filled(&cache, &cold, &cold_op, &cold_refetch, 0).await;

    // Standard: fresh for 30 s, the last 3 s its lead window.
    advance(Duration::from_secs(26)).await;
    settle().await;
    assert_eq!(hot_refetch.calls(), 0, "not yet within the lead window");
    advance(Duration::from_secs(1)).await;
    settle().await;
    assert_eq!(hot_refetch.calls(), 1);

    advance(Duration::from_secs(4)).await;
    match cache.lookup(&hot).await {
        Lookup::Fresh { answer, age } => {
            assert_eq!(marker_of(&answer.output), "v2");
            assert!(answer.refreshed);
            assert!(
                age < Duration::from_secs(5),
                "fresh again since the refresh at 27 s"
            );
        }
        other => panic!("the refreshed entry should be fresh, got {other:?}"),
    }
    assert!(
        !is_fresh(&cache.lookup(&cold).await),
        "the cold entry expired"
    );
    assert_eq!(cold_refetch.calls(), 0);
    let warming = cache.stats().warming;
    assert_eq!((warming.refreshes, warming.hits_earned), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn no_refresh_is_sent_while_the_quota_is_at_its_reserve() {
    let cache = AnswerCache::new(settings(60));
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    let refetch = Scripted::new(&op);
    // The default reserve keeps a quarter of the window's calls for callers.
    *refetch
        .quota
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Quota {
        remaining: 25,
        limit: 100,
        resets_in: Some(Duration::from_secs(3600)),
    });
    filled(&cache, &key, &op, &refetch, 4).await;

    advance(Duration::from_secs(29)).await;
    settle().await;
    assert_eq!(refetch.calls(), 0);
    advance(Duration::from_secs(1)).await;
    assert!(!is_fresh(&cache.lookup(&key).await));
    let warming = cache.stats().warming;
    assert_eq!(
        (warming.refreshes, warming.skipped_quota),
        (0, 1),
        "held back once, counted once"
    );
}

#[tokio::test(start_paused = true)]
async fn the_budget_caps_refreshes_per_instance_hottest_first() {
    let cache = AnswerCache::new(settings(2));
    let mut refetches = Vec::new();
    for (repo, reads) in [("a", 4), ("b", 7), ("c", 5), ("d", 6)] {
        let op = issues_of(&format!("acme/{repo}"));
        let refetch = Scripted::new(&op);
        filled(&cache, &key_for(&local(), &op), &op, &refetch, reads).await;
        refetches.push(refetch);
    }

    advance(Duration::from_secs(29)).await;
    settle().await;
    let calls: Vec<usize> = refetches.iter().map(|refetch| refetch.calls()).collect();
    assert_eq!(calls, [0, 1, 0, 1], "the two hottest, b and d");
    let warming = cache.stats().warming;
    assert_eq!((warming.refreshes, warming.skipped_budget), (2, 2));
}

#[tokio::test(start_paused = true)]
async fn a_write_during_a_refresh_keeps_the_refreshed_answer_out() {
    let cache = AnswerCache::new(settings(60));
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    let (started, release) = (Arc::new(Notify::new()), Arc::new(Semaphore::new(0)));
    let refetch = Arc::new(Scripted {
        gate: Some((Arc::clone(&started), Arc::clone(&release))),
        ..Scripted::of(&op)
    });
    filled(&cache, &key, &op, &refetch, 4).await;

    advance(Duration::from_secs(28)).await;
    started.notified().await;
    cache.invalidate_tags(&fill(&op, "gh", "").tags).await;
    release.add_permits(1);
    settle().await;

    assert_eq!(refetch.calls(), 1);
    assert!(
        is_miss(&cache.lookup(&key).await),
        "neither the answer from before the write nor the refresh begun before it"
    );
    assert_eq!(cache.stats().warming.outdated, 1);
}

#[tokio::test(start_paused = true)]
async fn a_failed_refresh_leaves_the_entry_as_it_was() {
    let cache = AnswerCache::new(settings(60));
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    let refetch = Arc::new(Scripted {
        failing: true,
        ..Scripted::of(&op)
    });
    filled(&cache, &key, &op, &refetch, 4).await;

    advance(Duration::from_secs(28)).await;
    settle().await;
    assert!(refetch.calls() >= 1);
    assert_eq!(
        fresh_marker(&cache.lookup(&key).await).as_deref(),
        Some("v1")
    );
    assert!(cache.stats().warming.failures >= 1);
}

#[tokio::test(start_paused = true)]
async fn an_entry_nobody_reads_any_more_cools_down_and_expires() {
    let cache = AnswerCache::new(settings(60));
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    let refetch = Scripted::new(&op);
    filled(&cache, &key, &op, &refetch, 4).await;

    // Refreshed at 27 s and 54 s; at 60 s its five lookups count half, below three.
    for _ in 0..90 {
        advance(Duration::from_secs(1)).await;
        settle().await;
    }
    assert_eq!(refetch.calls(), 2);
    assert!(!is_fresh(&cache.lookup(&key).await));
    assert_eq!(cache.stats().warming.tracked, 0, "its registration lapsed");
}

#[tokio::test(start_paused = true)]
async fn warming_off_keeps_nothing_and_the_warmer_ends_with_the_cache() {
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);

    let off = cache();
    let refetch = Scripted::new(&op);
    filled(&off, &key, &op, &refetch, 4).await;
    assert_eq!(Arc::strong_count(&refetch), 1, "nothing registered");

    let on = AnswerCache::new(settings(60));
    filled(&on, &key, &op, &refetch, 4).await;
    assert_eq!(Arc::strong_count(&refetch), 2);
    drop(on);
    advance(Duration::from_secs(1)).await;
    settle().await;
    assert_eq!(
        Arc::strong_count(&refetch),
        1,
        "the registry went with the cache; the warmer held it only weakly"
    );
}

#[tokio::test(start_paused = true)]
async fn past_its_bound_the_registry_keeps_the_hotter_entry() {
    let mut bounded = settings(60);
    bounded.warming.max_keys = 1;
    let cache = AnswerCache::new(bounded);
    let (first_op, cold_op, hot_op) = (
        issues_of("acme/a"),
        issues_of("acme/b"),
        issues_of("acme/c"),
    );
    let (first, cold, hot) = (
        Scripted::new(&first_op),
        Scripted::new(&cold_op),
        Scripted::new(&hot_op),
    );
    filled(&cache, &key_for(&local(), &first_op), &first_op, &first, 0).await;
    filled(&cache, &key_for(&local(), &cold_op), &cold_op, &cold, 0).await;
    assert_eq!(
        Arc::strong_count(&cold),
        1,
        "no hotter than the one held: turned away"
    );
    // Read (and missed) often before its fill: hot by the time it registers.
    let hot_key = key_for(&local(), &hot_op);
    for _ in 0..4 {
        cache.lookup(&hot_key).await;
    }
    filled(&cache, &hot_key, &hot_op, &hot, 0).await;
    assert_eq!(
        (Arc::strong_count(&first), Arc::strong_count(&hot)),
        (1, 2),
        "the hot one took the cold one's place"
    );
    assert_eq!(cache.stats().warming.tracked, 1);
}
