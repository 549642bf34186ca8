//! [`MemoryTier`]: answers held in process, in moka, bounded by a number of entries (TinyLFU
//! decides which to evict). The gateway's L1; a second one stands in for a shared tier in tests.
//!
//! moka's own expiry runs on the real clock and only reclaims memory: an entry is dropped once
//! it can no longer be served even stale. What is served is decided by the cache on tokio's
//! clock (`cache.rs`).

use crate::key::CacheKey;
use crate::ledger::Epoch;
use crate::stats::Counters;
use crate::tier::{Mark, Put, Stored, Tier, TierName, TierStats};
use moka::Expiry;
use moka::future::Cache;
use moka::notification::RemovalCause;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;
use tokio::time::Instant;

/// An in-process tier.
pub struct MemoryTier {
    name: TierName,
    entries: Cache<CacheKey, Stored>,
    /// Shared with moka's eviction listener.
    evictions: Arc<AtomicU64>,
}

impl MemoryTier {
    /// An empty tier called `name` holding at most `max_entries` answers.
    pub fn new(name: TierName, max_entries: u64) -> Self {
        let evictions = Arc::new(AtomicU64::new(0));
        let counted = Arc::clone(&evictions);
        let entries = Cache::builder()
            .name(&format!("mosaic-{name}"))
            .max_capacity(max_entries)
            .expire_after(UntilUnservable)
            .support_invalidation_closures()
            .eviction_listener(move |_, _, cause| {
                if cause == RemovalCause::Size {
                    Counters::bump(&counted);
                }
            })
            .build();
        Self {
            name,
            entries,
            evictions,
        }
    }
}

#[async_trait::async_trait]
impl Tier for MemoryTier {
    fn name(&self) -> &TierName {
        &self.name
    }

    /// Entries keep the epoch their fetch started at: the cache's ledger is this tier's record.
    async fn get(&self, key: &CacheKey, _epoch: Epoch) -> Option<Stored> {
        self.entries.get(key).await
    }

    async fn put(&self, key: &CacheKey, stored: Stored, _mark: Mark) -> Put {
        self.entries.insert(key.clone(), stored).await;
        Put::Kept
    }

    async fn remove(&self, key: &CacheKey) {
        self.entries.invalidate(key).await;
    }

    async fn invalidate_tags(&self, tags: &[String]) {
        let tags: HashSet<String> = tags.iter().cloned().collect();
        let reclaim = self.entries.invalidate_entries_if(move |_, stored| {
            stored.tags().iter().any(|tag| tags.contains(tag))
        });
        if let Err(error) = reclaim {
            tracing::warn!(tier = %self.name, %error, "cache entries of invalidated tags are reclaimed only when they expire");
        }
    }

    async fn clear(&self) {
        self.entries.invalidate_all();
    }

    async fn run_pending_tasks(&self) {
        self.entries.run_pending_tasks().await;
    }

    fn stats(&self) -> TierStats {
        TierStats {
            entries: self.entries.entry_count(),
            evictions: Counters::read(&self.evictions),
            errors: 0,
            available: true,
        }
    }
}

/// Lets moka drop an entry once it can no longer be served even stale.
struct UntilUnservable;

impl Expiry<CacheKey, Stored> for UntilUnservable {
    fn expire_after_create(
        &self,
        _key: &CacheKey,
        stored: &Stored,
        _created_at: std::time::Instant,
    ) -> Option<Duration> {
        Some(stored.lifetime_left(Instant::now()))
    }

    /// A replaced entry lives the new one's lifetime (moka's default keeps the old deadline).
    fn expire_after_update(
        &self,
        _key: &CacheKey,
        stored: &Stored,
        _updated_at: std::time::Instant,
        _duration_until_expiry: Option<Duration>,
    ) -> Option<Duration> {
        Some(stored.lifetime_left(Instant::now()))
    }
}
