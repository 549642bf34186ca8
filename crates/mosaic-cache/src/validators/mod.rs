//! [`ValidatorStore`]: the validators of conditional requests for every instance of a gateway
//! (`mosaic_plugin::validators`), kept by the cache layer so that it can see and bound them,
//! and so that they outlive reloads: one moka store weighed by the bytes it keeps, under one
//! bound for the whole gateway (`CacheSettings::validator_bytes`).
//!
//! Keys carry the instance's scope, so an answer is only ever revalidated with the credentials
//! and settings that fetched it (see `mosaic_plugin::validators`, "Scoping").

use crate::stats::Counters;
use moka::future::Cache;
use mosaic_plugin::{Validated, ValidatorKey, Validators};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// Reads a provider answered `304 Not Modified`, served from this store: `instance`.
pub const REVALIDATIONS: &str = "mosaic_provider_revalidated_total";

/// What the store reports of itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ValidatorStats {
    /// Answers kept (moka's estimate).
    pub entries: u64,
    /// Bytes they weigh (bodies, `ETag`s, URLs and scopes).
    pub bytes: u64,
    /// Lookups that found an answer, so the request was sent conditionally.
    pub hits: u64,
    /// Conditional requests the provider answered `304`, served from the store.
    pub revalidations: u64,
}

/// Validators of every instance, evicted by size.
pub struct ValidatorStore {
    answers: Cache<ValidatorKey, Arc<Validated>>,
    /// Off when the bound is 0: nothing is kept.
    keeps: bool,
    hits: AtomicU64,
    revalidations: AtomicU64,
}

impl ValidatorStore {
    /// A store keeping up to `max_bytes` of answers (0 keeps none: every GET unconditional).
    pub fn new(max_bytes: u64) -> Self {
        let answers = Cache::builder()
            .name("mosaic-validators")
            .max_capacity(max_bytes)
            .weigher(|key: &ValidatorKey, answer: &Arc<Validated>| {
                let scope = key.scope();
                let bytes = scope.instance().len()
                    + scope.fingerprint().len()
                    + key.url().len()
                    + answer.etag.len()
                    + answer.body.len()
                    + answer.next_cursor.as_ref().map_or(0, String::len);
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .build();
        Self {
            answers,
            keeps: max_bytes > 0,
            hits: AtomicU64::new(0),
            revalidations: AtomicU64::new(0),
        }
    }

    /// Runs moka's pending housekeeping now (evictions, sizes), for stats that should not lag.
    pub async fn run_pending_tasks(&self) {
        self.answers.run_pending_tasks().await;
    }

    /// A snapshot of what the store holds and how it was used.
    pub fn stats(&self) -> ValidatorStats {
        ValidatorStats {
            entries: self.answers.entry_count(),
            bytes: self.answers.weighted_size(),
            hits: Counters::read(&self.hits),
            revalidations: Counters::read(&self.revalidations),
        }
    }
}

#[async_trait::async_trait]
impl Validators for ValidatorStore {
    async fn get(&self, key: &ValidatorKey) -> Option<Arc<Validated>> {
        let found = self.answers.get(key).await;
        if found.is_some() {
            Counters::bump(&self.hits);
        }
        found
    }

    async fn keep(&self, key: ValidatorKey, validated: Validated) {
        if self.keeps {
            self.answers.insert(key, Arc::new(validated)).await;
        }
    }

    async fn forget(&self, key: &ValidatorKey) {
        self.answers.invalidate(key).await;
    }

    fn revalidated(&self, key: &ValidatorKey) {
        Counters::bump(&self.revalidations);
        metrics::counter!(REVALIDATIONS, "instance" => key.scope().instance().to_owned())
            .increment(1);
    }
}

#[cfg(test)]
#[path = "validators_tests.rs"]
mod tests;
