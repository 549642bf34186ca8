//! What the cache holds and what it answers: a stored answer, the result of a lookup, and how a
//! `get_or_fetch` was served, so the gateway can say where an answer came from — which tier,
//! and how old it is ("from cache, tier l1, age 3 s").

use crate::tier::TierName;
use mosaic_core::Output;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// One answer as stored in the cache.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedAnswer {
    /// The typed result.
    pub output: Arc<Output>,
    /// The instance that served it.
    pub instance: String,
    /// When it was stored, on tokio's clock (so a paused test clock decides freshness).
    pub stored_at: Instant,
    /// How long it is fresh after `stored_at`.
    pub fresh_for: Duration,
    /// How long past `fresh_for` it may still be served when every provider fails.
    pub stale_for: Duration,
    /// Its cache tags (`OperationSpec::read_tag`); writes invalidate by them.
    pub tags: Vec<String>,
    /// The jurisdiction of the instance that served it (its `jurisdiction` label), which
    /// decides the tiers that may keep it (`residency.rs`).
    pub jurisdiction: Option<String>,
    /// Whether warming fetched it ahead of its predecessor's expiry, rather than a caller's
    /// miss: hits on it are the hits warming earned.
    pub refreshed: bool,
}

impl CachedAnswer {
    /// How old the answer is at `now`.
    pub fn age(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.stored_at)
    }

    /// Where the answer stands at `now`.
    pub(crate) fn freshness(&self, now: Instant) -> Freshness {
        let age = self.age(now);
        if age < self.fresh_for {
            Freshness::Fresh(age)
        } else if age < self.fresh_for.saturating_add(self.stale_for) {
            Freshness::Stale(age)
        } else {
            Freshness::Expired
        }
    }
}

pub(crate) enum Freshness {
    Fresh(Duration),
    Stale(Duration),
    Expired,
}

/// What a successful upstream fetch hands the cache to store.
#[derive(Clone, Debug, PartialEq)]
pub struct Fill {
    /// The typed result.
    pub output: Arc<Output>,
    /// The instance that served it.
    pub instance: String,
    /// Its cache tags (`OperationSpec::read_tag(resource)`).
    pub tags: Vec<String>,
    /// The jurisdiction of the instance that served it (its `jurisdiction` label): only tiers
    /// whose region may hold it keep it (`residency.rs`).
    pub jurisdiction: Option<String>,
}

/// The result of looking a key up.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    /// Within its TTL: serve it.
    Fresh {
        /// The answer.
        answer: Arc<CachedAnswer>,
        /// Its age.
        age: Duration,
    },
    /// Past its TTL but within `stale_for`: serve it only when every provider candidate fails.
    Stale {
        /// The answer.
        answer: Arc<CachedAnswer>,
        /// Its age.
        age: Duration,
    },
    /// Not cached, expired, or invalidated by a write.
    Miss,
}

/// An answer from [`crate::AnswerCache::get_or_fetch`] and how it was obtained.
#[derive(Debug)]
pub struct Served<E> {
    /// The answer.
    pub answer: Arc<CachedAnswer>,
    /// Where it came from.
    pub origin: Origin<E>,
}

/// Where a served answer came from.
#[derive(Debug)]
pub enum Origin<E> {
    /// From the cache, within its TTL.
    Hit {
        /// The answer's age.
        age: Duration,
        /// The tier it was found in.
        tier: TierName,
    },
    /// Fetched upstream by this call.
    Fetched,
    /// Fetched upstream by a concurrent call for the same key, which this call waited for.
    Joined,
    /// Every provider candidate failed with `error`; a stored answer past its TTL is served
    /// instead (stale-if-error). The gateway reports it as stale, saying why.
    Stale {
        /// The answer's age.
        age: Duration,
        /// Why no fresh answer could be fetched.
        error: Arc<E>,
        /// The tier it was found in.
        tier: TierName,
    },
}

impl<E> Origin<E> {
    /// Whether the answer came out of the cache rather than from a provider just now.
    pub fn from_cache(&self) -> bool {
        matches!(self, Self::Hit { .. } | Self::Stale { .. })
    }

    /// The tier the answer came from, when it came from the cache.
    pub fn tier(&self) -> Option<&TierName> {
        match self {
            Self::Hit { tier, .. } | Self::Stale { tier, .. } => Some(tier),
            Self::Fetched | Self::Joined => None,
        }
    }
}
