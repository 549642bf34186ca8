//! The entries warming may refresh: for each, how to fetch it again ([`Refetch`]), the
//! instance that served it, its class's durations and when its freshness ends.
//!
//! Bounded by `max_keys`. A newcomer past the bound takes the place of the coldest entry only
//! when the sketch says it is hotter and hot enough to be refreshed at all; the long tail of
//! keys read once is turned away without a scan. An entry leaves when its freshness ended
//! without a refresh (it was not hot enough, or its budget was spent: the next caller's miss
//! registers it again), when the cache no longer holds it, or when its refetch says it is
//! gone.

use super::Refetch;
use crate::key::CacheKey;
use crate::settings::ClassPolicy;
use crate::sketch::FrequencySketch;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::time::Instant;

/// One refreshable entry.
#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) refetch: Arc<dyn Refetch>,
    /// The instance whose answer is held: the one the refresh asks.
    pub(crate) instance: String,
    /// The durations the answer is stored with again.
    pub(crate) policy: ClassPolicy,
    /// When the held answer stops being fresh.
    pub(crate) fresh_until: Instant,
    /// A refresh of this expiry was held back and counted: not counted again.
    pub(crate) held_back: bool,
}

/// An entry whose lead window has begun, with its lookup estimate.
pub(crate) struct Due {
    pub(crate) key: CacheKey,
    pub(crate) entry: Entry,
    pub(crate) estimate: u32,
}

pub(crate) struct Registry {
    max_keys: usize,
    entries: Mutex<HashMap<CacheKey, Entry>>,
}

impl Registry {
    pub(crate) fn new(max_keys: u64) -> Self {
        Self {
            max_keys: usize::try_from(max_keys).unwrap_or(usize::MAX),
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<CacheKey, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }

    /// Keeps `entry` refreshable under `key`, replacing what was there; past the bound only
    /// in place of a colder entry, when `min_hits` lookups make it worth refreshing.
    pub(crate) fn insert(
        &self,
        key: CacheKey,
        entry: Entry,
        sketch: &FrequencySketch,
        min_hits: u32,
    ) {
        let mut entries = self.lock();
        if entries.len() < self.max_keys || entries.contains_key(&key) {
            entries.insert(key, entry);
            return;
        }
        let estimate = sketch.estimate(key.digest());
        if estimate < min_hits {
            return;
        }
        let coldest = entries
            .keys()
            .map(|held| (sketch.estimate(held.digest()), held))
            .min_by_key(|(estimate, _)| *estimate);
        if let Some((coldest_estimate, coldest)) = coldest
            && coldest_estimate < estimate
        {
            let coldest = coldest.clone();
            entries.remove(&coldest);
            entries.insert(key, entry);
        }
    }

    /// The entries whose lead window (as `lead` gives it for a TTL) has begun, hottest first;
    /// those whose freshness has ended are dropped.
    pub(crate) fn due(
        &self,
        now: Instant,
        lead: impl Fn(ClassPolicy) -> std::time::Duration,
        sketch: &FrequencySketch,
    ) -> Vec<Due> {
        let mut entries = self.lock();
        entries.retain(|_, entry| entry.fresh_until > now);
        let mut due: Vec<Due> = entries
            .iter()
            .filter(|(_, entry)| now + lead(entry.policy) >= entry.fresh_until)
            .map(|(key, entry)| Due {
                key: key.clone(),
                entry: entry.clone(),
                estimate: sketch.estimate(key.digest()),
            })
            .collect();
        due.sort_unstable_by_key(|due| std::cmp::Reverse(due.estimate));
        due
    }

    /// Notes that the refresh of `key`'s current expiry was held back.
    pub(crate) fn held_back(&self, key: &CacheKey) {
        if let Some(entry) = self.lock().get_mut(key) {
            entry.held_back = true;
        }
    }

    /// Notes that `key` now holds an answer of `instance` fresh until `fresh_until` (a refresh
    /// here, or one another replica stored in a shared tier).
    pub(crate) fn renewed(&self, key: &CacheKey, instance: &str, fresh_until: Instant) {
        if let Some(entry) = self.lock().get_mut(key) {
            instance.clone_into(&mut entry.instance);
            entry.fresh_until = fresh_until;
            entry.held_back = false;
        }
    }

    pub(crate) fn remove(&self, key: &CacheKey) {
        self.lock().remove(key);
    }
}
