//! [`ValidatorStore`]: the validators of conditional requests for every instance of a gateway
//! (`mosaic_plugin::validators`), kept by the cache layer so that it can see and bound them,
//! so that they outlive reloads, and, through a tier shared by replicas, restarts and the
//! replica that fetched them.
//!
//! They live in tiers as answers do: first in process (`memory.rs`, one moka store weighed by
//! bytes under one bound for the whole gateway, `CacheSettings::validator_bytes`), then in
//! each of the cache's tiers that keeps validators for other processes
//! ([`crate::Tier::validators`]: L2 in Redis). A lookup asks the in-process store, then the
//! shared tiers in order, and copies a shared hit into process; a kept answer is written to
//! all of them, a forgotten one removed from all of them. A shared tier is only given what it
//! may hold:
//!
//! - a scope another process can have: a build with no fingerprint has a unique scope, so its
//!   validators stay in process ([`mosaic_plugin::ValidatorScope::is_shareable`]);
//! - a jurisdiction its region may hold (the scope's, from the instance's `jurisdiction`
//!   label): an EU instance's bodies never reach a US Redis. Each answer kept out is counted
//!   as a residency refusal of that tier, with the answers it keeps out.
//!
//! Keys carry the instance's scope, so an answer is only ever revalidated with the credentials
//! and settings that fetched it (see `mosaic_plugin::validators`, "Scoping"). A shared tier
//! that fails or is slow costs at most its timeout and an unconditional request.

mod memory;

use crate::stats::{Counters, TierCounters};
use crate::tier::{SharedValidators, Tier};
use memory::MemoryValidators;
use mosaic_plugin::{Validated, ValidatorKey, ValidatorScope, Validators};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// Reads a provider answered `304 Not Modified`, served from this store: `instance`.
pub const REVALIDATIONS: &str = "mosaic_provider_revalidated_total";

/// What the store reports of itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ValidatorStats {
    /// Answers kept in process (moka's estimate).
    pub entries: u64,
    /// Bytes they weigh (bodies, `ETag`s, URLs and scopes).
    pub bytes: u64,
    /// Lookups that found an answer, in any tier, so the request was sent conditionally
    /// (each tier's part is its `validator_hits`, [`crate::TierReport`]).
    pub hits: u64,
    /// Conditional requests the provider answered `304`, served from the store.
    pub revalidations: u64,
}

/// One of the cache's tiers that keeps validators for other processes, with its counters.
struct SharedTier {
    tier: Arc<dyn Tier>,
    counters: Arc<TierCounters>,
}

/// Validators of every instance: in process, then in the shared tiers.
pub struct ValidatorStore {
    memory: MemoryValidators,
    /// The counters of the in-process tier, which in-process hits are counted for.
    in_process: Option<Arc<TierCounters>>,
    shared: Vec<SharedTier>,
    hits: AtomicU64,
    revalidations: AtomicU64,
}

impl ValidatorStore {
    /// A store in process only, keeping up to `max_bytes` of answers (0 keeps none: every GET
    /// unconditional).
    pub fn new(max_bytes: u64) -> Self {
        Self::over(max_bytes, None, Vec::new())
    }

    /// A store keeping up to `max_bytes` in process, counting in-process hits for the tier
    /// whose counters are `in_process`, then in those of `tiers` that keep validators.
    pub(crate) fn over(
        max_bytes: u64,
        in_process: Option<Arc<TierCounters>>,
        tiers: Vec<(Arc<dyn Tier>, Arc<TierCounters>)>,
    ) -> Self {
        let shared = tiers
            .into_iter()
            .filter(|(tier, _)| tier.validators().is_some())
            .map(|(tier, counters)| SharedTier { tier, counters })
            .collect();
        Self {
            memory: MemoryValidators::new(max_bytes),
            in_process,
            shared,
            hits: AtomicU64::new(0),
            revalidations: AtomicU64::new(0),
        }
    }

    /// Runs moka's pending housekeeping now (evictions, sizes), for stats that should not lag.
    pub async fn run_pending_tasks(&self) {
        self.memory.run_pending_tasks().await;
    }

    /// A snapshot of what the store holds and how it was used.
    pub fn stats(&self) -> ValidatorStats {
        let (entries, bytes) = self.memory.size();
        ValidatorStats {
            entries,
            bytes,
            hits: Counters::read(&self.hits),
            revalidations: Counters::read(&self.revalidations),
        }
    }

    /// The shared tiers that may hold validators of `scope`, whether asked to keep one or to
    /// find one: none for a scope no other process can have, and of the others those whose
    /// region may hold its jurisdiction. `refused` is called with each tier left out for its
    /// region.
    fn holding<'a>(
        &'a self,
        scope: &'a ValidatorScope,
        refused: impl Fn(&SharedTier) + 'a,
    ) -> impl Iterator<Item = (&'a SharedTier, &'a dyn SharedValidators)> + 'a {
        let shared = if scope.is_shareable() {
            self.shared.as_slice()
        } else {
            &[]
        };
        shared.iter().filter_map(move |shared| {
            if !shared.tier.holds_jurisdiction(scope.jurisdiction()) {
                refused(shared);
                return None;
            }
            Some((shared, shared.tier.validators()?))
        })
    }
}

#[async_trait::async_trait]
impl Validators for ValidatorStore {
    async fn get(&self, key: &ValidatorKey) -> Option<Arc<Validated>> {
        if let Some(found) = self.memory.get(key).await {
            Counters::bump(&self.hits);
            if let Some(counters) = &self.in_process {
                Counters::bump(&counters.validator_hits);
            }
            return Some(found);
        }
        for (shared, validators) in self.holding(key.scope(), |_| {}) {
            let asked = std::time::Instant::now();
            let found = validators.get_validated(key).await;
            shared
                .counters
                .record("validator_get", shared.tier.name(), asked);
            if let Some(found) = found {
                Counters::bump(&self.hits);
                Counters::bump(&shared.counters.validator_hits);
                let found = Arc::new(found);
                self.memory.keep(key.clone(), Arc::clone(&found)).await;
                return Some(found);
            }
        }
        None
    }

    async fn keep(&self, key: ValidatorKey, validated: Validated) {
        let refused = |shared: &SharedTier| Counters::bump(&shared.counters.residency_refusals);
        for (shared, validators) in self.holding(key.scope(), refused) {
            let asked = std::time::Instant::now();
            validators.keep_validated(&key, &validated).await;
            shared
                .counters
                .record("validator_keep", shared.tier.name(), asked);
        }
        self.memory.keep(key, Arc::new(validated)).await;
    }

    async fn forget(&self, key: &ValidatorKey) {
        self.memory.forget(key).await;
        for (_, validators) in self.holding(key.scope(), |_| {}) {
            validators.forget_validated(key).await;
        }
    }

    fn revalidated(&self, key: &ValidatorKey) {
        Counters::bump(&self.revalidations);
        metrics::counter!(REVALIDATIONS, "instance" => key.scope().instance().to_owned())
            .increment(1);
    }
}

#[cfg(test)]
mod tests;
