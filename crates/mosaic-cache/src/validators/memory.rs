//! The in-process part of the validators store: one moka store weighed by the bytes it keeps,
//! under one bound for every instance of the gateway together (`CacheSettings::validator_bytes`),
//! which TinyLFU keeps filled with the most valuable answers.

use moka::future::Cache;
use mosaic_plugin::{Validated, ValidatorKey};
use std::sync::Arc;

/// Validators kept in process, evicted by size.
pub(crate) struct MemoryValidators {
    answers: Cache<ValidatorKey, Arc<Validated>>,
    /// Off when the bound is 0: nothing is kept.
    keeps: bool,
}

impl MemoryValidators {
    /// A store keeping up to `max_bytes` of answers (0 keeps none).
    pub(crate) fn new(max_bytes: u64) -> Self {
        let answers = Cache::builder()
            .name("mosaic-validators")
            .max_capacity(max_bytes)
            .weigher(|key: &ValidatorKey, answer: &Arc<Validated>| {
                let scope = key.scope();
                let bytes = scope.instance().len()
                    + scope.fingerprint().len()
                    + scope.jurisdiction().map_or(0, str::len)
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
        }
    }

    pub(crate) async fn get(&self, key: &ValidatorKey) -> Option<Arc<Validated>> {
        self.answers.get(key).await
    }

    pub(crate) async fn keep(&self, key: ValidatorKey, validated: Arc<Validated>) {
        if self.keeps {
            self.answers.insert(key, validated).await;
        }
    }

    pub(crate) async fn forget(&self, key: &ValidatorKey) {
        self.answers.invalidate(key).await;
    }

    /// Runs moka's pending housekeeping now (evictions, sizes), for stats that should not lag.
    pub(crate) async fn run_pending_tasks(&self) {
        self.answers.run_pending_tasks().await;
    }

    /// Answers kept (moka's estimate) and the bytes they weigh.
    pub(crate) fn size(&self) -> (u64, u64) {
        (self.answers.entry_count(), self.answers.weighted_size())
    }
}
