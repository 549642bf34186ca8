//! The warmer task and what it does each [`TICK`]: age the lookup counts when their period
//! is up, then refresh the registered entries whose lead window has begun, hottest first,
//! while each one's instance has budget and quota to spare, at most [`MAX_IN_FLIGHT`] at once.
//!
//! The task holds the cache only weakly, between ticks too, so it ends with the last clone
//! of the cache; a tick's refreshes run on a [`JoinSet`] it owns, so none outlives it.

use super::budget::Budgets;
use super::registry::{Due, Entry};
use super::{
    AGING_PERIOD, MAX_IN_FLIGHT, Refetch, RefetchError, TICK, WARM_REFRESHES, WARM_SKIPPED, Warming,
};
use crate::answer::CachedAnswer;
use crate::cache::{AnswerCache, Shared};
use crate::key::CacheKey;
use crate::settings::ClassPolicy;
use crate::stats::Counters;
use std::collections::HashMap;
use std::sync::{Arc, Weak};
use tokio::task::JoinSet;
use tokio::time::{Instant, MissedTickBehavior};

impl AnswerCache {
    /// Keeps `key` refreshable through `refetch`: the gateway calls it once a caller's fetch
    /// stored `answer` on a route where warming is on. Does nothing with warming off, nor for
    /// an answer that is never fresh (`no_store`).
    pub fn keep_warm(&self, key: &CacheKey, answer: &CachedAnswer, refetch: Arc<dyn Refetch>) {
        let Some(warming) = &self.shared.warming else {
            return;
        };
        if answer.fresh_for.is_zero() {
            return;
        }
        let entry = Entry {
            refetch,
            instance: answer.instance.clone(),
            policy: ClassPolicy::new(answer.fresh_for, answer.stale_for),
            fresh_until: answer.stored_at + answer.fresh_for,
            held_back: false,
        };
        warming.registry.insert(
            key.clone(),
            entry,
            &warming.sketch,
            warming.settings.min_hits,
        );
    }

    /// Whether this cache warms entries (`keep_warm` is worth calling).
    pub fn warms(&self) -> bool {
        self.shared.warming.is_some()
    }

    /// Refreshes `key` from `entry`'s instance and stores the answer as a fill would be.
    async fn refresh(&self, key: CacheKey, entry: Entry) {
        let Some(warming) = &self.shared.warming else {
            return;
        };
        let counters = &warming.counters;
        // Noted before the call, as for a caller's fetch: a write from here on keeps the
        // refreshed answer out.
        let started = self.shared.ledger.current();
        let marks = self.marks().await;
        let result = match entry.refetch.refetch(&entry.instance).await {
            Ok(fill) => {
                let answer = self
                    .store(&key, entry.policy, fill, started, &marks, true)
                    .await;
                if self.shared.ledger.is_valid(&answer.tags, started) {
                    let fresh_until = answer.stored_at + answer.fresh_for;
                    warming
                        .registry
                        .renewed(&key, &answer.instance, fresh_until);
                    Counters::bump(&counters.refreshes);
                    "ok"
                } else {
                    Counters::bump(&counters.outdated);
                    "outdated"
                }
            }
            Err(RefetchError::Gone(reason)) => {
                tracing::debug!(key = key.as_str(), %reason, "warming: entry no longer refreshable");
                warming.registry.remove(&key);
                return;
            }
            Err(RefetchError::Failed(reason)) => {
                tracing::debug!(key = key.as_str(), %reason, "warming: refresh failed");
                Counters::bump(&counters.failures);
                "failed"
            }
        };
        metrics::counter!(WARM_REFRESHES, "instance" => entry.instance, "result" => result)
            .increment(1);
    }
}

/// Starts the warmer of the cache behind `shared` on the current tokio runtime.
pub(crate) fn spawn(shared: Weak<Shared>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::warn!(
            "cache warming is on but no tokio runtime runs the warmer: nothing is refreshed"
        );
        return;
    };
    runtime.spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut warmer = Warmer {
            budgets: Budgets::default(),
            next_aging: Instant::now() + AGING_PERIOD,
        };
        loop {
            interval.tick().await;
            let Some(shared) = shared.upgrade() else {
                return;
            };
            warmer.tick(&AnswerCache { shared }).await;
        }
    });
}

/// What the warmer keeps between ticks.
struct Warmer {
    budgets: Budgets,
    next_aging: Instant,
}

impl Warmer {
    async fn tick(&mut self, cache: &AnswerCache) {
        let Some(warming) = &cache.shared.warming else {
            return;
        };
        let now = Instant::now();
        if now >= self.next_aging {
            warming.sketch.halve();
            self.next_aging = now + AGING_PERIOD;
        }
        self.budgets.prune(now);
        let settings = warming.settings;
        let due = warming
            .registry
            .due(now, |policy| settings.lead(policy.ttl), &warming.sketch);
        // Refreshes sent this tick per instance: their answers may not have updated the
        // instance's quota yet.
        let mut sent: HashMap<String, u64> = HashMap::new();
        let mut running = JoinSet::new();
        for Due {
            key,
            entry,
            estimate,
        } in due
        {
            if estimate < settings.min_hits {
                // Hottest first: the rest are colder still.
                break;
            }
            if !self.admit(warming, &key, &entry, &sent, now) || !still_due(cache, &key).await {
                continue;
            }
            self.budgets.spend(&entry.instance, now);
            *sent.entry(entry.instance.clone()).or_default() += 1;
            while running.len() >= MAX_IN_FLIGHT {
                running.join_next().await;
            }
            let cache = cache.clone();
            running.spawn(async move { cache.refresh(key, entry).await });
        }
        running.join_all().await;
    }

    /// Whether `entry`'s instance has budget and quota for one more refresh; a refusal is
    /// counted once per entry and expiry.
    fn admit(
        &mut self,
        warming: &Warming,
        key: &CacheKey,
        entry: &Entry,
        sent: &HashMap<String, u64>,
        now: Instant,
    ) -> bool {
        let quota = entry.refetch.quota(&entry.instance);
        let in_flight = sent.get(&entry.instance).copied().unwrap_or(0);
        let refusal =
            match self
                .budgets
                .check(&warming.settings, &entry.instance, quota, in_flight, now)
            {
                Ok(()) => return true,
                Err(refusal) => refusal,
            };
        if !entry.held_back {
            warming.registry.held_back(key);
            let counters = &warming.counters;
            Counters::bump(match refusal {
                super::budget::Refusal::Budget => &counters.skipped_budget,
                super::budget::Refusal::Quota => &counters.skipped_quota,
            });
            metrics::counter!(
                WARM_SKIPPED,
                "instance" => entry.instance.clone(),
                "reason" => refusal.as_str()
            )
            .increment(1);
        }
        false
    }
}

/// Whether the cache still holds `key` fresh and within its lead window. An entry it no
/// longer holds (invalidated, evicted) leaves the registry: a caller's next miss registers
/// it again. One that is fresh for longer (another replica refreshed it into a shared tier,
/// a caller's fetch replaced it) is noted as such.
async fn still_due(cache: &AnswerCache, key: &CacheKey) -> bool {
    let Some(warming) = &cache.shared.warming else {
        return false;
    };
    let found = cache.find(key).await;
    let Some(found) = found.filter(|found| found.fresh) else {
        warming.registry.remove(key);
        return false;
    };
    let answer = &found.answer;
    let fresh_until = answer.stored_at + answer.fresh_for;
    if Instant::now() + warming.settings.lead(answer.fresh_for) < fresh_until {
        warming.registry.renewed(key, &answer.instance, fresh_until);
        return false;
    }
    true
}
