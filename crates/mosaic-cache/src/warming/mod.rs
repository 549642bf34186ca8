//! Warming: the hottest entries are fetched again shortly before their freshness ends, so
//! callers keep hitting instead of all missing at once when a popular answer expires
//! (DESIGN.md, "Caching": "Warming refreshes the hottest keys before they expire, learned from
//! access frequency").
//!
//! - Every counted lookup adds to a [`FrequencySketch`](crate::sketch) of recent lookups.
//! - When the gateway fills an entry for a caller, it hands the cache a [`Refetch`]: how to
//!   fetch that entry again as that same caller (`registry.rs`, bounded by `max_keys`).
//!   Credentials stay with the gateway in memory; nothing of them reaches a shared tier.
//! - A warmer task (`warmer.rs`) ticks every [`TICK`] on tokio's clock. An entry within its
//!   lead window (the last `lead` share of its TTL, at least one tick) and looked up at least
//!   `min_hits` times recently is fetched again from the instance that served it, hottest
//!   first, when that instance's budget and quota allow (`budget.rs`), and stored through the
//!   same path as every fill: a write during the refresh keeps its answer out, residency
//!   holds, and the entry's freshness starts over.
//! - Each refresh and each refresh held back is counted by instance ([`WARM_REFRESHES`],
//!   [`WARM_SKIPPED`]), and so are the hits the refreshed answers earned ([`WarmingStats`]).

mod budget;
mod registry;
mod warmer;

pub(crate) use registry::Registry;
pub(crate) use warmer::spawn;

use crate::answer::Fill;
use crate::sketch::FrequencySketch;
use crate::stats::Counters;
use mosaic_core::Quota;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

/// Refreshes sent by the warmer: `instance`, `result` (`ok`: stored; `outdated`: a write
/// during the refresh kept its answer out; `failed`: the provider call failed, the entry
/// stays as it was).
pub const WARM_REFRESHES: &str = "mosaic_cache_warm_refreshes_total";

/// Refreshes of hot entries held back: `instance`, `reason` (`budget`: the instance's
/// refreshes this minute are used up; `quota`: its remaining quota is at or below the
/// reserve kept for callers). Counted once per entry and expiry.
pub const WARM_SKIPPED: &str = "mosaic_cache_warm_skipped_total";

/// How often the warmer looks for entries to refresh.
pub const TICK: Duration = Duration::from_secs(1);

/// How often the lookup counts are halved, so an entry nobody asks for any more cools down.
pub const AGING_PERIOD: Duration = Duration::from_secs(60);

/// The window `budget` counts refreshes in.
pub const BUDGET_WINDOW: Duration = Duration::from_secs(60);

/// Refreshes running at once, over every instance.
pub(crate) const MAX_IN_FLIGHT: usize = 4;

/// Whether and how hot entries are refreshed before they expire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarmingSettings {
    /// Whether the cache refreshes anything at all.
    pub enabled: bool,
    /// The most refreshes sent to one instance per minute ([`BUDGET_WINDOW`]).
    pub budget: u32,
    /// How long before the end of its freshness an entry may be refreshed, as a share of its
    /// TTL in basis points (1,000: the last 10 %); at least one [`TICK`].
    pub lead_bp: u16,
    /// Lookups an entry needs, as the sketch estimates them (recent ones counting fully,
    /// older ones half per [`AGING_PERIOD`]), to be refreshed.
    pub min_hits: u32,
    /// The most entries kept refreshable at once (their refetches held in memory); past it a
    /// new one is kept only when hotter than the coldest.
    pub max_keys: u64,
    /// The share of an instance's quota left to callers, in basis points of its window's
    /// limit: no refresh is sent while the remaining quota is at or below it.
    pub quota_reserve_bp: u16,
}

impl Default for WarmingSettings {
    /// Off: warming spends provider calls, which an operator turns on knowingly.
    fn default() -> Self {
        Self {
            enabled: false,
            budget: 60,
            lead_bp: 1000,
            min_hits: 5,
            max_keys: 1000,
            quota_reserve_bp: 2500,
        }
    }
}

impl WarmingSettings {
    /// The lead window of an entry fresh for `ttl`.
    pub fn lead(&self, ttl: Duration) -> Duration {
        let share = ttl.mul_f64(f64::from(self.lead_bp) / 10_000.0);
        share.max(TICK).min(ttl)
    }
}

/// How to fetch one entry again as the caller whose fetch filled it. The gateway implements
/// it over the caller's context, the operation and the plan; the cache calls it from its
/// warmer, one instance at a time.
#[async_trait::async_trait]
pub trait Refetch: Send + Sync {
    /// The last quota `instance` reported, `None` when it reports none.
    fn quota(&self, instance: &str) -> Option<Quota>;

    /// Fetches the entry again from `instance` alone, as the caller did.
    async fn refetch(&self, instance: &str) -> Result<Fill, RefetchError>;
}

/// Why a refresh brought no answer.
#[derive(Debug, thiserror::Error)]
pub enum RefetchError {
    /// The caller's call would no longer read this entry from this instance (the
    /// configuration changed, the caller is no longer allowed, the gateway is stopping):
    /// nothing was sent, and the entry is no longer refreshed.
    #[error("no longer refreshable: {0}")]
    Gone(String),
    /// The provider call failed; the entry stays as it was.
    #[error("refresh failed: {0}")]
    Failed(String),
}

/// What warming did since the cache was created; serialized as `GET /v1/providers` and
/// `mosaic_providers_status` show it (`warming`), without the sketch's fixed size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct WarmingStats {
    /// Entries kept refreshable now.
    pub tracked: u64,
    /// Refreshes whose answer was stored.
    pub refreshes: u64,
    /// Refreshes whose provider call failed.
    pub failures: u64,
    /// Refreshes whose answer a write during the refresh kept out.
    pub outdated: u64,
    /// Refreshes held back by an instance's budget.
    pub skipped_budget: u64,
    /// Refreshes held back to keep an instance's quota reserve.
    pub skipped_quota: u64,
    /// Fresh lookups answered with an answer a refresh stored: misses warming saved.
    pub hits_earned: u64,
    /// Bytes the lookup counts take (fixed at start).
    #[serde(skip)]
    pub sketch_bytes: u64,
}

/// Warming's state, shared by the cache's clones.
pub(crate) struct Warming {
    pub(crate) settings: WarmingSettings,
    pub(crate) sketch: FrequencySketch,
    pub(crate) registry: Registry,
    pub(crate) counters: WarmingCounters,
}

#[derive(Default)]
pub(crate) struct WarmingCounters {
    pub(crate) refreshes: AtomicU64,
    pub(crate) failures: AtomicU64,
    pub(crate) outdated: AtomicU64,
    pub(crate) skipped_budget: AtomicU64,
    pub(crate) skipped_quota: AtomicU64,
    pub(crate) hits_earned: AtomicU64,
}

impl Warming {
    /// Warming's state, or `None` when `settings` leave it off. The sketch is sized for the
    /// cache's `max_entries`: the keys that can be hot at once.
    pub(crate) fn new(settings: WarmingSettings, max_entries: u64) -> Option<Self> {
        settings.enabled.then(|| Self {
            settings,
            sketch: FrequencySketch::for_keys(max_entries),
            registry: Registry::new(settings.max_keys),
            counters: WarmingCounters::default(),
        })
    }

    pub(crate) fn stats(&self) -> WarmingStats {
        let c = &self.counters;
        WarmingStats {
            tracked: self.registry.len() as u64,
            refreshes: Counters::read(&c.refreshes),
            failures: Counters::read(&c.failures),
            outdated: Counters::read(&c.outdated),
            skipped_budget: Counters::read(&c.skipped_budget),
            skipped_quota: Counters::read(&c.skipped_quota),
            hits_earned: Counters::read(&c.hits_earned),
            sketch_bytes: self.sketch.bytes() as u64,
        }
    }
}
