//! [`Tier`]: one level of storage under the answer cache. The cache runs over an ordered list
//! of tiers (in process first, then shared ones), looks each up in turn, copies a hit into the
//! tiers above the one it came from, stores fetched answers in all of them and invalidates in
//! all of them; a new level plugs in as one more tier, the gateway's pipeline untouched.
//!
//! A tier shared by replicas may also hold the validators of providers' conditional requests
//! ([`SharedValidators`]), behind the cache's in-process validators store, so that what one
//! replica fetched another revalidates.
//!
//! Tiers only hold entries. Whether an entry is fresh, stale or expired, and whether a write
//! invalidated it, is decided by the cache on every lookup (tokio's clock and its invalidation
//! ledger), so every tier behaves the same under a paused test clock and none can serve an
//! answer a write made obsolete.

use crate::answer::CachedAnswer;
use crate::key::CacheKey;
use crate::ledger::Epoch;
use mosaic_plugin::{Validated, ValidatorKey};
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

    /// The Redis tier shared by replicas.
    pub const L2: TierName = TierName(Cow::Borrowed("l2"));

    /// A tier called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self(Cow::Owned(name.into()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as a metric label (no copy for the built-in names).
    pub fn label(&self) -> metrics::SharedString {
        match &self.0 {
            Cow::Borrowed(name) => metrics::SharedString::const_str(name),
            Cow::Owned(name) => metrics::SharedString::from(name.clone()),
        }
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

/// Where a tier's own record of invalidations stood when a fetch started, noted by
/// [`Tier::mark`] and handed back to [`Tier::put`] with the fetch's answer. A tier shared by
/// replicas keeps invalidations made through any of them (the cache's ledger only knows this
/// replica's), so it checks the answer against them before keeping it. `None`: the tier keeps
/// no record of its own, or could not be asked.
pub type Mark = Option<u64>;

/// What became of an answer handed to [`Tier::put`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Put {
    /// Kept.
    Kept,
    /// Refused: a write invalidated one of its tags after its fetch started (through another
    /// replica, as the tier's own record says). No tier should keep it.
    Outdated,
    /// Not kept, for a reason of the tier's own (it is unavailable, or cannot check the answer
    /// without a mark); other tiers may keep it.
    Skipped,
}

/// What a tier reports of itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TierStats {
    /// Entries held (an estimate where the tier cannot count exactly; 0 when it cannot count).
    pub entries: u64,
    /// Entries dropped to stay within the tier's bound (not those that expired or were
    /// invalidated).
    pub evictions: u64,
    /// Requests to the tier that failed or timed out, and entries it could not read back
    /// (an in-process tier never fails). Requests its breaker kept back are not counted.
    pub errors: u64,
    /// Whether the tier is in use now (its breaker is not open).
    pub available: bool,
}

/// One level of answer storage.
#[async_trait::async_trait]
pub trait Tier: Send + Sync {
    /// The tier's name, unique among the cache's tiers.
    fn name(&self) -> &TierName;

    /// The entry under `key`, whatever its age. `epoch` is the cache's invalidation epoch as
    /// the lookup began: a tier that checks entries against a record of its own (one shared
    /// by replicas) stamps what it returns with it, because from this replica's view the
    /// entry is as current as a fetch that started then.
    async fn get(&self, key: &CacheKey, epoch: Epoch) -> Option<Stored>;

    /// Notes where the tier's own record of invalidations stands, before a fetch starts. By
    /// default: the tier keeps none.
    async fn mark(&self) -> Mark {
        None
    }

    /// Keeps `stored` under `key`, replacing any entry there, for its
    /// [`Stored::lifetime_left`] at most, unless the tier's own record says a tag of it was
    /// invalidated after `mark` was noted.
    async fn put(&self, key: &CacheKey, stored: Stored, mark: Mark) -> Put;

    /// Drops the entry under `key` (the cache found it expired or invalidated).
    async fn remove(&self, key: &CacheKey);

    /// Drops every entry carrying one of `tags`; a tier shared by replicas also records the
    /// invalidation for them and tells them. Called on the write's path before the write is
    /// answered, so a tier that needs I/O bounds it by a short timeout. Until it is done the
    /// cache's ledger already keeps the entries from being served here.
    async fn invalidate_tags(&self, tags: &[String]);

    /// Drops every entry held, when the tier can no longer tell which are outdated (an
    /// in-process tier that may have missed other replicas' invalidations). By default:
    /// nothing to do (a shared tier keeps its own record).
    async fn clear(&self) {}

    /// Runs pending housekeeping (evictions, counts) now rather than in passing.
    async fn run_pending_tasks(&self);

    /// Entries held and evicted, errors and availability.
    fn stats(&self) -> TierStats;

    /// The region the tier's storage runs in, when declared. By default: none (in process,
    /// the gateway's own).
    fn region(&self) -> Option<&str> {
        None
    }

    /// Whether the tier may keep an answer of `jurisdiction` (`None`: the answer has none);
    /// the cache counts each answer it keeps out as a refusal of the tier
    /// (`residency.rs`). By default: every answer, as a tier in process keeps what the
    /// process fetched and holds anyway; a shared tier keeps what its region may hold.
    fn holds_jurisdiction(&self, jurisdiction: Option<&str>) -> bool {
        let _ = jurisdiction;
        true
    }

    /// Where the tier keeps validators of conditional requests for other replicas and later
    /// processes, which the cache's validators store asks after its own in-process store
    /// (`validators/`). By default: none (the validators of the process are the store's own).
    fn validators(&self) -> Option<&dyn SharedValidators> {
        None
    }
}

/// Validators of conditional requests kept by a tier shared by replicas. The cache's
/// validators store decides what is given to it: only scopes other processes can have
/// ([`mosaic_plugin::ValidatorScope::is_shareable`]) and jurisdictions the tier may hold
/// ([`Tier::holds_jurisdiction`]). Like every shared tier it may fail or be slow: each call is
/// bounded by the tier's own timeout, and a failure only means the request goes out
/// unconditionally.
#[async_trait::async_trait]
pub trait SharedValidators: Send + Sync {
    /// The answer kept under `key`, if any (and the tier answered).
    async fn get_validated(&self, key: &ValidatorKey) -> Option<Validated>;

    /// Keeps `validated` under `key`, replacing any kept before; a tier may decline what it
    /// finds too large to share.
    async fn keep_validated(&self, key: &ValidatorKey, validated: &Validated);

    /// Forgets the answer under `key`.
    async fn forget_validated(&self, key: &ValidatorKey);
}
