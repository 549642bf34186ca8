//! The cache layer: answers of read operations keyed by tenant and credential scope, fresh for
//! their cache class's TTL and then usable stale when every provider fails, invalidated by the
//! tags writes name, with concurrent misses for one key coalesced into one upstream call; and
//! the validators providers' conditional requests revalidate with (DESIGN.md, "Caching").
//!
//! The gateway builds a [`CacheKey`] for a read, calls [`AnswerCache::get_or_fetch`] with the
//! operation's cache class and a fetch that runs the plan's candidates, and reports the
//! [`Origin`] of the answer, naming the tier a cached one came from; after a write it calls
//! [`AnswerCache::invalidate_tags`] with the write's tags. After a fill on a route that warms,
//! it calls [`AnswerCache::keep_warm`] with how to fetch that entry again. It hands
//! [`AnswerCache::validators`] to every instance it builds.
//!
//! - `cache.rs`: [`AnswerCache`], lookups through its ordered [`Tier`]s, fills, invalidation.
//! - `fetch.rs`: `get_or_fetch`; `flight.rs`: one fetch per key in flight.
//! - `tier.rs`: the [`Tier`] contract; `memory.rs`: [`MemoryTier`], in process (L1);
//!   `redis_tier/`: [`RedisTier`], in Redis, shared by replicas (L2), with the records,
//!   announcements and acknowledgements that carry invalidations across replicas.
//! - `residency.rs`: which tiers may keep an answer of a jurisdiction.
//! - `ledger.rs`: which tags were invalidated when, so no tier serves an outdated answer.
//! - `http_purge.rs`: [`HttpPurge`], L3: the surrogate keys of answers shared with HTTP
//!   caches in front of the REST API, and the purges a write sends them.
//! - `validators/`: [`ValidatorStore`], the `ETag`s and bodies of conditional requests, in
//!   process and then in the shared tiers ([`SharedValidators`]: L2), so that what one replica
//!   fetched another (or the next process) revalidates for free.
//! - `warming/`: refreshes of the hottest entries before they expire, within each instance's
//!   budget and quota, through the [`Refetch`] the gateway hands over with a fill;
//!   `sketch.rs`: the bounded count of lookups that tells which entries are hot.
//! - `key.rs`, `answer.rs`, `settings.rs`, `stats.rs`: keys, answers, settings, counters.

mod answer;
mod cache;
mod fetch;
mod flight;
mod http_purge;
mod key;
mod ledger;
mod memory;
mod redis_tier;
mod residency;
mod settings;
mod sketch;
mod stats;
pub mod testing;
mod tier;
mod validators;
mod warming;

pub use answer::{CachedAnswer, Fill, Lookup, Origin, Served};
pub use cache::AnswerCache;
pub use http_purge::{
    HTTP_PURGES, HttpPurge, HttpPurgeError, SURROGATE_KEY_HEADER, surrogate_key, surrogate_keys,
};
pub use key::CacheKey;
pub use ledger::Epoch;
pub use memory::MemoryTier;
pub use redis_tier::{
    BreakerSettings, DEFAULT_VALIDATOR_TTL, INVALIDATION_ACK_TIMEOUTS, MAX_SHARED_VALIDATOR_BYTES,
    RedisSettings, RedisTier, RedisTierError,
};
pub use residency::{may_hold, region_serves};
pub use settings::{CacheSettings, ClassPolicies, ClassPolicy, DEFAULT_VALIDATOR_BYTES};
pub use stats::{CacheStats, TIER_DURATION, TierReport};
pub use tier::{Mark, Put, SharedValidators, Stored, Tier, TierName, TierStats};
pub use validators::{REVALIDATIONS, ValidatorStats, ValidatorStore};
pub use warming::{
    AGING_PERIOD, BUDGET_WINDOW, Refetch, RefetchError, TICK, WARM_REFRESHES, WARM_SKIPPED,
    WarmingSettings, WarmingStats,
};

#[cfg(test)]
mod tests;
