//! How big the cache is and how long answers of each cache class stay fresh and then usable
//! stale. The class of an operation is its own (`OperationSpec::cache`); the durations per class
//! come from configuration.

use crate::warming::WarmingSettings;
use mosaic_core::CacheClass;
use std::time::Duration;

/// How long answers of one cache class are served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClassPolicy {
    /// How long an answer is fresh: served from cache without asking a provider.
    pub ttl: Duration,
    /// How long past `ttl` an answer is kept to be served when every provider candidate fails
    /// (stale-if-error). Zero: never served stale.
    pub stale_for: Duration,
}

impl ClassPolicy {
    /// A policy with these durations.
    pub const fn new(ttl: Duration, stale_for: Duration) -> Self {
        Self { ttl, stale_for }
    }

    /// How long an entry is kept at all.
    pub fn lifetime(&self) -> Duration {
        self.ttl.saturating_add(self.stale_for)
    }
}

/// The durations of every storable class. `no_store` has none: it is never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClassPolicies {
    /// Changes by the second (CI runs and logs). Default: fresh 5 s, stale 60 s.
    pub volatile: ClassPolicy,
    /// Ordinary lists and items. Default: fresh 30 s, stale 300 s.
    pub standard: ClassPolicy,
    /// Rarely changes. Default: fresh 300 s, stale 3600 s.
    pub stable: ClassPolicy,
}

impl Default for ClassPolicies {
    fn default() -> Self {
        Self {
            volatile: ClassPolicy::new(Duration::from_secs(5), Duration::from_secs(60)),
            standard: ClassPolicy::new(Duration::from_secs(30), Duration::from_secs(300)),
            stable: ClassPolicy::new(Duration::from_secs(300), Duration::from_secs(3600)),
        }
    }
}

/// Bytes of validators (bodies, `ETag`s, URLs) kept for conditional requests by default, for
/// every instance together: enough for a few thousand typical list pages.
pub const DEFAULT_VALIDATOR_BYTES: u64 = 64 * 1024 * 1024;

/// The cache's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CacheSettings {
    /// The most answers kept in L1; past it the least valuable are evicted (TinyLFU).
    pub max_entries: u64,
    /// Durations per cache class.
    pub classes: ClassPolicies,
    /// The most bytes of validators kept for conditional requests, for every instance
    /// together; past it the least valuable are evicted. 0 keeps none.
    pub validator_bytes: u64,
    /// Whether and how hot entries are refreshed before they expire (default: off).
    pub warming: WarmingSettings,
}

impl Default for CacheSettings {
    fn default() -> Self {
        Self {
            max_entries: 10_000,
            classes: ClassPolicies::default(),
            validator_bytes: DEFAULT_VALIDATOR_BYTES,
            warming: WarmingSettings::default(),
        }
    }
}

impl CacheSettings {
    /// The policy of `class`, or `None` when its answers are never stored: `no_store`, or a
    /// class configured with a zero lifetime.
    pub fn policy(&self, class: CacheClass) -> Option<ClassPolicy> {
        let policy = match class {
            CacheClass::NoStore => return None,
            CacheClass::Volatile => self.classes.volatile,
            CacheClass::Standard => self.classes.standard,
            CacheClass::Stable => self.classes.stable,
        };
        (!policy.lifetime().is_zero()).then_some(policy)
    }

    /// The longest any entry is kept, over all classes.
    pub fn longest_lifetime(&self) -> Duration {
        let ClassPolicies {
            volatile,
            standard,
            stable,
        } = self.classes;
        volatile
            .lifetime()
            .max(standard.lifetime())
            .max(stable.lifetime())
    }
}
