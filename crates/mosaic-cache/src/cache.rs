//! The answer cache itself: storage in moka, lookups that decide fresh, stale or miss on
//! tokio's clock, and invalidation by tags.
//!
//! moka's own expiry runs on the real clock and only reclaims memory; whether an entry is
//! fresh, stale or expired, and whether a write invalidated it, is decided here on every lookup
//! (tokio's clock, the [`Ledger`]), so behaviour is the same under a paused test clock.

use crate::answer::{CachedAnswer, Fill, Freshness, Lookup};
use crate::flight::Flights;
use crate::key::CacheKey;
use crate::ledger::{Epoch, Ledger};
use crate::settings::{CacheSettings, ClassPolicy};
use crate::stats::{CacheStats, Counters};
use moka::Expiry;
use moka::future::Cache;
use moka::notification::RemovalCause;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// The in-process (L1) answer cache. Cloning is cheap and shares the same cache.
#[derive(Clone)]
pub struct AnswerCache {
    pub(crate) entries: Cache<CacheKey, Slot>,
    pub(crate) shared: Arc<Shared>,
}

/// State beside the entries, shared by every clone.
pub(crate) struct Shared {
    pub(crate) settings: CacheSettings,
    pub(crate) ledger: Ledger,
    pub(crate) counters: Counters,
    pub(crate) flights: Flights,
}

/// One stored entry: the answer and the epoch its fetch started at.
#[derive(Clone)]
pub(crate) struct Slot {
    answer: Arc<CachedAnswer>,
    started: Epoch,
}

impl AnswerCache {
    /// An empty cache with these settings.
    pub fn new(settings: CacheSettings) -> Self {
        let counters = Counters::default();
        let evictions = Arc::clone(&counters.evictions);
        let entries = Cache::builder()
            .name("mosaic-l1")
            .max_capacity(settings.max_entries)
            .expire_after(SlotExpiry)
            .support_invalidation_closures()
            .eviction_listener(move |_, _, cause| {
                if cause == RemovalCause::Size {
                    Counters::bump(&evictions);
                }
            })
            .build();
        Self {
            entries,
            shared: Arc::new(Shared {
                settings,
                ledger: Ledger::new(settings.longest_lifetime()),
                counters,
                flights: Flights::default(),
            }),
        }
    }

    /// The settings the cache was built with.
    pub fn settings(&self) -> &CacheSettings {
        &self.shared.settings
    }

    /// Looks `key` up, counting a hit when fresh and a miss otherwise.
    pub async fn lookup(&self, key: &CacheKey) -> Lookup {
        let lookup = self.peek(key).await;
        let counters = &self.shared.counters;
        match lookup {
            Lookup::Fresh { .. } => Counters::bump(&counters.hits),
            Lookup::Stale { .. } | Lookup::Miss => Counters::bump(&counters.misses),
        }
        lookup
    }

    /// Removes every answer carrying one of `tags` (a write's `OperationSpec::write_tags`).
    /// From this call on, no lookup returns them, and a fetch that started before it does not
    /// store its older answer.
    pub fn invalidate_tags(&self, tags: &[String]) {
        if tags.is_empty() {
            return;
        }
        self.shared.ledger.invalidate(tags);
        Counters::bump(&self.shared.counters.invalidations);
        // Only reclaims memory early; the ledger above already hides the entries.
        let tags: HashSet<String> = tags.iter().cloned().collect();
        let reclaim = self.entries.invalidate_entries_if(move |_, slot| {
            slot.answer.tags.iter().any(|tag| tags.contains(tag))
        });
        if let Err(error) = reclaim {
            tracing::warn!(%error, "cache entries of invalidated tags are reclaimed only when they expire");
        }
    }

    /// Runs moka's pending housekeeping now (evictions, the entry count), which it otherwise
    /// does in passing; for metrics that should not lag.
    pub async fn run_pending_tasks(&self) {
        self.entries.run_pending_tasks().await;
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> CacheStats {
        self.shared.counters.snapshot(self.entries.entry_count())
    }

    /// Looks `key` up without counting.
    pub(crate) async fn peek(&self, key: &CacheKey) -> Lookup {
        let Some(slot) = self.entries.get(key).await else {
            return Lookup::Miss;
        };
        let valid = self.shared.ledger.is_valid(&slot.answer.tags, slot.started);
        let freshness = slot.answer.freshness(Instant::now());
        match (valid, freshness) {
            (true, Freshness::Fresh(age)) => Lookup::Fresh {
                answer: slot.answer,
                age,
            },
            (true, Freshness::Stale(age)) => Lookup::Stale {
                answer: slot.answer,
                age,
            },
            (false, _) | (_, Freshness::Expired) => {
                // Unusable for good. Should a concurrent fetch have replaced it in between, this
                // removes a good answer: that costs one miss, never a wrong answer.
                self.entries.invalidate(key).await;
                Lookup::Miss
            }
        }
    }

    /// Stores a fetched answer unless one of its tags was invalidated since the fetch started
    /// (then the answer is returned to the caller but not kept).
    pub(crate) async fn store(
        &self,
        key: &CacheKey,
        policy: ClassPolicy,
        fill: Fill,
        started: Epoch,
    ) -> Arc<CachedAnswer> {
        let answer = Arc::new(answer_of(fill, policy.ttl, policy.stale_for));
        if self.shared.ledger.is_valid(&answer.tags, started) {
            let slot = Slot {
                answer: Arc::clone(&answer),
                started,
            };
            self.entries.insert(key.clone(), slot).await;
        }
        answer
    }
}

/// A stored answer made of a fill, stamped now.
pub(crate) fn answer_of(fill: Fill, fresh_for: Duration, stale_for: Duration) -> CachedAnswer {
    CachedAnswer {
        output: fill.output,
        instance: fill.instance,
        stored_at: Instant::now(),
        fresh_for,
        stale_for,
        tags: fill.tags,
    }
}

/// Lets moka drop an entry once it can no longer be served even stale.
struct SlotExpiry;

impl Expiry<CacheKey, Slot> for SlotExpiry {
    fn expire_after_create(
        &self,
        _key: &CacheKey,
        slot: &Slot,
        _created_at: std::time::Instant,
    ) -> Option<Duration> {
        Some(slot.answer.fresh_for.saturating_add(slot.answer.stale_for))
    }

    /// A refreshed entry lives its full lifetime again (moka's default keeps the old deadline).
    fn expire_after_update(
        &self,
        _key: &CacheKey,
        slot: &Slot,
        _updated_at: std::time::Instant,
        _duration_until_expiry: Option<Duration>,
    ) -> Option<Duration> {
        Some(slot.answer.fresh_for.saturating_add(slot.answer.stale_for))
    }
}
