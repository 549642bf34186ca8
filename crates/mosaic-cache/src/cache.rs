//! The answer cache itself: lookups through an ordered list of tiers that decide fresh, stale
//! or miss on tokio's clock, fills of every tier, and invalidation by tags in all of them.
//!
//! A lookup asks each tier in order. The first fresh answer wins and is copied into the tiers
//! above the one it came from, so the next lookup finds it in the first; with none fresh, the
//! first stale one is kept for stale-if-error, where it is (a stale answer is only served when
//! every provider fails, and then it is reported from the tier that holds it). An entry that is
//! expired or that a write invalidated (the [`Ledger`]) is dropped from its tier and the search
//! goes on.

use crate::answer::{CachedAnswer, Fill, Freshness, Lookup};
use crate::flight::Flights;
use crate::http_purge::HttpPurge;
use crate::key::CacheKey;
use crate::ledger::{Epoch, Ledger};
use crate::memory::MemoryTier;
use crate::settings::{CacheSettings, ClassPolicy};
use crate::stats::{CacheStats, Counters, TierCounters, TierReport};
use crate::tier::{Mark, Put, Stored, Tier, TierName, TierStats};
use crate::validators::ValidatorStore;
use crate::warming::Warming;
use mosaic_plugin::Validators;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// The answer cache. Cloning is cheap and shares the same cache.
#[derive(Clone)]
pub struct AnswerCache {
    pub(crate) shared: Arc<Shared>,
}

/// State shared by every clone.
pub(crate) struct Shared {
    pub(crate) settings: CacheSettings,
    /// Looked up in this order: in process first.
    pub(crate) tiers: Vec<Arc<dyn Tier>>,
    /// Lookups, fills and invalidations per tier, in the order of `tiers` (shared with the
    /// validators store, which counts its hits and residency refusals per tier too).
    pub(crate) tier_counters: Vec<Arc<TierCounters>>,
    pub(crate) ledger: Ledger,
    pub(crate) counters: Counters,
    pub(crate) flights: Flights,
    pub(crate) validators: Arc<ValidatorStore>,
    /// The HTTP caches in front to purge on writes (L3), when configured.
    pub(crate) http_purge: Option<HttpPurge>,
    /// Lookup counts and refreshable entries, when warming is on.
    pub(crate) warming: Option<Warming>,
}

/// A usable answer a lookup found.
pub(crate) struct Found {
    pub(crate) answer: Arc<CachedAnswer>,
    pub(crate) age: Duration,
    pub(crate) fresh: bool,
    pub(crate) tier: TierName,
}

impl AnswerCache {
    /// An empty cache with these settings and one tier, L1, in process, holding up to
    /// `settings.max_entries` answers.
    pub fn new(settings: CacheSettings) -> Self {
        let l1 = MemoryTier::new(TierName::L1, settings.max_entries);
        Self::with_tiers(settings, vec![Arc::new(l1)])
    }

    /// An empty cache over `tiers`, looked up in the order given (the in-process tier first).
    /// `settings.max_entries` is not used: each tier has its own bound. With no tiers at all,
    /// nothing is stored, and concurrent misses are still coalesced.
    pub fn with_tiers(settings: CacheSettings, tiers: Vec<Arc<dyn Tier>>) -> Self {
        Self::with_tiers_and_purge(settings, tiers, None)
    }

    /// An empty cache over `tiers` (as [`AnswerCache::with_tiers`]) whose invalidations are
    /// also sent to the HTTP caches in front, through `http_purge`.
    ///
    /// With `settings.warming` on, the warmer starts on the current tokio runtime and runs
    /// until the last clone of the cache is dropped.
    pub fn with_tiers_and_purge(
        settings: CacheSettings,
        tiers: Vec<Arc<dyn Tier>>,
        http_purge: Option<HttpPurge>,
    ) -> Self {
        let tier_counters: Vec<Arc<TierCounters>> = tiers.iter().map(|_| Arc::default()).collect();
        let validators = validator_store(&settings, &tiers, &tier_counters);
        let cache = Self {
            shared: Arc::new(Shared {
                settings,
                tier_counters,
                tiers,
                ledger: Ledger::new(settings.longest_lifetime()),
                counters: Counters::default(),
                flights: Flights::default(),
                validators: Arc::new(validators),
                http_purge,
                warming: Warming::new(settings.warming, settings.max_entries),
            }),
        };
        if cache.shared.warming.is_some() {
            crate::warming::spawn(Arc::downgrade(&cache.shared));
        }
        cache
    }

    /// The settings the cache was built with.
    pub fn settings(&self) -> &CacheSettings {
        &self.shared.settings
    }

    /// The store of conditional requests' validators, one for every instance the cache's
    /// gateway builds (hand it to each build's context): in process, then in the tiers that
    /// keep validators for other replicas (L2).
    pub fn validators(&self) -> Arc<dyn Validators> {
        Arc::clone(&self.shared.validators) as Arc<dyn Validators>
    }

    /// Looks `key` up, counting a hit when fresh and a miss otherwise.
    pub async fn lookup(&self, key: &CacheKey) -> Lookup {
        lookup_of(self.find_counted(key).await)
    }

    /// Removes every answer carrying one of `tags` (a write's `OperationSpec::write_tags`)
    /// from every tier. From the start of this call on, no lookup here returns them and a
    /// fetch that started before it does not store its older answer; once it returns, a tier
    /// shared by replicas has recorded it for all of them (unless that tier is unavailable),
    /// and the HTTP caches in front were asked to drop the answers carrying them.
    pub async fn invalidate_tags(&self, tags: &[String]) {
        if tags.is_empty() {
            return;
        }
        self.shared.ledger.invalidate(tags);
        Counters::bump(&self.shared.counters.invalidations);
        // In process this only reclaims memory early, the ledger above already hides the
        // entries; a shared tier records the invalidation for the other replicas.
        for (tier, counters) in self.shared.tiers.iter().zip(&self.shared.tier_counters) {
            let started = std::time::Instant::now();
            tier.invalidate_tags(tags).await;
            counters.record("invalidate", tier.name(), started);
            Counters::bump(&counters.invalidations);
        }
        // After the tiers: a purged HTTP cache that asks again at once must not be answered
        // from an entry not yet invalidated.
        if let Some(http_purge) = &self.shared.http_purge {
            http_purge.purge(tags).await;
        }
    }

    /// Applies an invalidation another replica made, which `from` (the shared tier that
    /// recorded it) has announced: hidden here from now on, dropped from every other tier.
    pub(crate) async fn invalidate_from(&self, from: &TierName, tags: &[String]) {
        self.shared.ledger.invalidate(tags);
        Counters::bump(&self.shared.counters.remote_invalidations);
        for (tier, counters) in self.shared.tiers.iter().zip(&self.shared.tier_counters) {
            if tier.name() != from {
                tier.invalidate_tags(tags).await;
                Counters::bump(&counters.invalidations);
            }
        }
    }

    /// Hides and drops every entry of the tiers other than `from`, when announcements of
    /// other replicas' invalidations may have been missed (`from` lost its channel).
    pub(crate) async fn forget_all_but(&self, from: &TierName) {
        self.shared.ledger.invalidate_all();
        for tier in &self.shared.tiers {
            if tier.name() != from {
                tier.clear().await;
            }
        }
    }

    /// Runs every tier's pending housekeeping now (evictions, entry counts), which they
    /// otherwise do in passing; for metrics that should not lag.
    pub async fn run_pending_tasks(&self) {
        for tier in &self.shared.tiers {
            tier.run_pending_tasks().await;
        }
        self.shared.validators.run_pending_tasks().await;
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> CacheStats {
        let first = self
            .shared
            .tiers
            .first()
            .map(|tier| tier.stats())
            .unwrap_or_default();
        self.shared.counters.snapshot(
            first.entries,
            first.evictions,
            self.shared.validators.stats(),
            self.shared
                .warming
                .as_ref()
                .map(Warming::stats)
                .unwrap_or_default(),
        )
    }

    /// What each tier reports of itself, in lookup order.
    pub fn tier_stats(&self) -> Vec<(TierName, TierStats)> {
        self.shared
            .tiers
            .iter()
            .map(|tier| (tier.name().clone(), tier.stats()))
            .collect()
    }

    /// Each tier's lookups, fills and invalidations with what it reports of itself, in
    /// lookup order.
    pub fn tier_reports(&self) -> Vec<TierReport> {
        self.shared
            .tiers
            .iter()
            .zip(&self.shared.tier_counters)
            .map(|(tier, counters)| counters.report(tier.as_ref()))
            .collect()
    }

    /// Looks `key` up, counting a hit when found fresh and a miss otherwise, and the lookup
    /// in warming's sketch.
    pub(crate) async fn find_counted(&self, key: &CacheKey) -> Option<Found> {
        if let Some(warming) = &self.shared.warming {
            warming.sketch.record(key.digest());
        }
        let found = self.search(key, true).await;
        let counters = &self.shared.counters;
        match &found {
            Some(found) if found.fresh => {
                Counters::bump(&counters.hits);
                if found.answer.refreshed
                    && let Some(warming) = &self.shared.warming
                {
                    Counters::bump(&warming.counters.hits_earned);
                }
            }
            _ => Counters::bump(&counters.misses),
        }
        found
    }

    /// Looks `key` up through the tiers without counting.
    pub(crate) async fn find(&self, key: &CacheKey) -> Option<Found> {
        self.search(key, false).await
    }

    /// Looks `key` up through the tiers, counting each tier's hit or miss when `count`.
    async fn search(&self, key: &CacheKey, count: bool) -> Option<Found> {
        let mut stale: Option<(usize, Stored, Duration)> = None;
        // Noted before any tier is asked: an invalidation from here on outdates what a tier
        // that checks its own record vouches for.
        let epoch = self.shared.ledger.current();
        for (index, tier) in self.shared.tiers.iter().enumerate() {
            let counters = &self.shared.tier_counters[index];
            let asked = std::time::Instant::now();
            let got = tier.get(key, epoch).await;
            counters.record("get", tier.name(), asked);
            let Some(stored) = got else {
                if count {
                    Counters::bump(&counters.misses);
                }
                continue;
            };
            let valid = self
                .shared
                .ledger
                .is_valid(&stored.answer.tags, stored.started);
            let freshness = stored.answer.freshness(Instant::now());
            if count {
                let hit = valid && matches!(freshness, Freshness::Fresh(_));
                Counters::bump(if hit {
                    &counters.hits
                } else {
                    &counters.misses
                });
            }
            match (valid, freshness) {
                (true, Freshness::Fresh(age)) => {
                    self.copy_up(key, &stored, index).await;
                    return Some(found(stored, age, true, tier.name()));
                }
                (true, Freshness::Stale(age)) => {
                    // A tier below may hold a fresher answer (one another replica fetched).
                    stale.get_or_insert((index, stored, age));
                }
                (false, _) | (_, Freshness::Expired) => {
                    // Unusable for good. Should a concurrent fetch have replaced it in
                    // between, this removes a good answer: that costs one miss, never a
                    // wrong answer.
                    tier.remove(key).await;
                }
            }
        }
        let (index, stored, age) = stale?;
        Some(found(stored, age, false, self.shared.tiers[index].name()))
    }

    /// Notes where every tier's own record of invalidations stands, before a fetch starts.
    pub(crate) async fn marks(&self) -> Vec<Mark> {
        let mut marks = Vec::with_capacity(self.shared.tiers.len());
        for tier in &self.shared.tiers {
            marks.push(tier.mark().await);
        }
        marks
    }

    /// Stores a fetched answer in every tier unless one of its tags was invalidated since the
    /// fetch started (then the answer is returned to the caller but not kept): here, as the
    /// ledger says, or through another replica, as a shared tier says.
    ///
    /// The tiers are filled from the last (the shared ones) to the first, so that a shared
    /// tier that refuses the answer as outdated keeps it out of the in-process tier too,
    /// even before this replica has heard of the other replica's write. `refreshed`: warming
    /// fetched it, not a caller's miss.
    pub(crate) async fn store(
        &self,
        key: &CacheKey,
        policy: ClassPolicy,
        fill: Fill,
        started: Epoch,
        marks: &[Mark],
        refreshed: bool,
    ) -> Arc<CachedAnswer> {
        let answer = Arc::new(CachedAnswer {
            refreshed,
            ..answer_of(fill, policy.ttl, policy.stale_for)
        });
        let stored = Stored {
            answer: Arc::clone(&answer),
            started,
        };
        let tiers = self.shared.tiers.iter().zip(&self.shared.tier_counters);
        for (index, (tier, counters)) in tiers.enumerate().rev() {
            if !self.shared.ledger.is_valid(&answer.tags, started) {
                break;
            }
            if !tier.holds_jurisdiction(answer.jurisdiction.as_deref()) {
                Counters::bump(&counters.residency_refusals);
                continue;
            }
            let mark = marks.get(index).copied().flatten();
            let asked = std::time::Instant::now();
            let put = tier.put(key, stored.clone(), mark).await;
            counters.record("put", tier.name(), asked);
            match put {
                Put::Kept => Counters::bump(&counters.fills),
                Put::Skipped => {}
                Put::Outdated => {
                    // Another replica's write outdated it; hidden here at once rather than
                    // when that replica's announcement arrives.
                    self.shared.ledger.invalidate(&answer.tags);
                    break;
                }
            }
        }
        answer
    }

    /// Copies an entry found in tier `index` into the tiers above it. It keeps its epoch, so
    /// an invalidation that comes in meanwhile hides the copies as it hides the original.
    async fn copy_up(&self, key: &CacheKey, stored: &Stored, index: usize) {
        let above = self.shared.tiers[..index]
            .iter()
            .zip(&self.shared.tier_counters);
        for (tier, counters) in above {
            if !tier.holds_jurisdiction(stored.answer.jurisdiction.as_deref()) {
                Counters::bump(&counters.residency_refusals);
                continue;
            }
            // No mark: a shared tier above another is not given what it cannot check.
            if tier.put(key, stored.clone(), None).await == Put::Kept {
                Counters::bump(&counters.fills);
            }
        }
    }
}

/// The validators store over `tiers`: in process first, its hits counted for the first tier
/// when that one is in process (it keeps no validators for other processes), then the tiers
/// that do keep them, in order.
fn validator_store(
    settings: &CacheSettings,
    tiers: &[Arc<dyn Tier>],
    counters: &[Arc<TierCounters>],
) -> ValidatorStore {
    let in_process = tiers
        .first()
        .filter(|tier| tier.validators().is_none())
        .and(counters.first())
        .map(Arc::clone);
    let shared = tiers.iter().zip(counters);
    let shared = shared.map(|(tier, counters)| (Arc::clone(tier), Arc::clone(counters)));
    ValidatorStore::over(settings.validator_bytes, in_process, shared.collect())
}

fn found(stored: Stored, age: Duration, fresh: bool, tier: &TierName) -> Found {
    Found {
        answer: stored.answer,
        age,
        fresh,
        tier: tier.clone(),
    }
}

/// A lookup's result as [`AnswerCache::lookup`] reports it.
fn lookup_of(found: Option<Found>) -> Lookup {
    match found {
        Some(Found {
            answer,
            age,
            fresh: true,
            ..
        }) => Lookup::Fresh { answer, age },
        Some(Found {
            answer,
            age,
            fresh: false,
            ..
        }) => Lookup::Stale { answer, age },
        None => Lookup::Miss,
    }
}

/// A stored answer made of a fill, stamped now.
pub(crate) fn answer_of(fill: Fill, fresh_for: Duration, stale_for: Duration) -> CachedAnswer {
    CachedAnswer {
        output: fill.output,
        instance: fill.instance,
        stored_at: Instant::now(),
        fresh_for,
        stale_for,
        tags: fill.tags,
        jurisdiction: fill.jurisdiction,
        refreshed: false,
    }
}
