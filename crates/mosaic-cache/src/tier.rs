//! [`Tier`]: one level of storage under the answer cache. The cache runs over an ordered list
//! of tiers (in process first, then shared ones), looks each up in turn, copies a hit into the
//! tiers above the one it came from, stores fetched answers in all of them and invalidates in
//! all of them; a new level plugs in as one more tier, the gateway's pipeline untouched.
//!
//! Tiers only hold entries. Whether an entry is fresh, stale or expired, and whether a write
//! invalidated it, is decided by the cache on every lookup (tokio's clock and its invalidation
//! ledger), so every tier behaves the same under a paused test clock and none can serve an
//! answer a write made obsolete.

use crate::answer::CachedAnswer;
use crate::key::CacheKey;
use crate::ledger::Epoch;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// The name a tier is reported by, in answers (`from cache, tier l1`) and metrics.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TierName(Cow<'static, str>);

impl TierName {
    /// The in-process tier every gateway runs first.
    pub const L1: TierName = TierName(Cow::Borrowed("l1"));

    /// A tier called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self(Cow::Owned(name.into()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TierName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One entry as tiers hold it: an answer and the invalidation epoch its fetch started at.
/// Tiers keep it as given and hand it back unchanged; only the cache reads the epoch.
#[derive(Clone, Debug)]
pub struct Stored {
    pub(crate) answer: Arc<CachedAnswer>,
    pub(crate) started: Epoch,
}

impl Stored {
    /// The answer.
    pub fn answer(&self) -> &Arc<CachedAnswer> {
        &self.answer
    }

    /// How much longer it can be served at all (fresh, then stale) after `now`: how long a
    /// tier needs to keep it. A tier may drop it sooner; the cache never serves it later.
    pub fn lifetime_left(&self, now: Instant) -> Duration {
        let lifetime = self.answer.fresh_for.saturating_add(self.answer.stale_for);
        lifetime.saturating_sub(self.answer.age(now))
    }

    /// Its cache tags, which [`Tier::invalidate_tags`] matches.
    pub fn tags(&self) -> &[String] {
        &self.answer.tags
    }
}

/// What a tier reports of itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TierStats {
    /// Entries held (an estimate where the tier cannot count exactly).
    pub entries: u64,
    /// Entries dropped to stay within the tier's bound (not those that expired or were
    /// invalidated).
    pub evictions: u64,
}

/// One level of answer storage.
#[async_trait::async_trait]
pub trait Tier: Send + Sync {
    /// The tier's name, unique among the cache's tiers.
    fn name(&self) -> &TierName;

    /// The entry under `key`, whatever its age.
    async fn get(&self, key: &CacheKey) -> Option<Stored>;

    /// Keeps `stored` under `key`, replacing any entry there, for its
    /// [`Stored::lifetime_left`] at most.
    async fn put(&self, key: &CacheKey, stored: Stored);

    /// Drops the entry under `key` (the cache found it expired or invalidated).
    async fn remove(&self, key: &CacheKey);

    /// Drops every entry carrying one of `tags`. Called on the write's path, so it must not
    /// wait: a tier that needs I/O starts it and returns. Until it is done the cache's ledger
    /// already keeps the entries from being served.
    fn invalidate_tags(&self, tags: &[String]);

    /// Runs pending housekeeping (evictions, counts) now rather than in passing.
    async fn run_pending_tasks(&self);

    /// Entries held and evicted.
    fn stats(&self) -> TierStats;
}
