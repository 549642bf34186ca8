//! Gauges and counters read from state rather than counted at a call site: the cache's size
//! and evictions, the hits warming earned and the entries it keeps refreshable, and each
//! cache tier's lookups, fills, invalidations, errors, validator hits and availability,
//! refreshed every [`PUBLISH_INTERVAL`]. The task holds only a weak reference,
//! so it ends when the last gateway handle is dropped.
//!
//! Why a ticker rather than after every call: moka counts entries and evicts in its own
//! housekeeping, so a count taken right after a call lags; running that housekeeping once a
//! second keeps the gauge true within a second without putting it on the request path.

use crate::gateway::Shared;
use crate::metrics::{
    CACHE_ENTRIES, CACHE_EVICTIONS, CACHE_REMOTE_INVALIDATIONS, CACHE_TIER_AVAILABLE,
    CACHE_TIER_ERRORS, CACHE_TIER_FILLS, CACHE_TIER_INVALIDATIONS, CACHE_TIER_REQUESTS,
    CACHE_TIER_RESIDENCY_REFUSALS, CACHE_TIER_VALIDATOR_HITS, CACHE_WARM_ENTRIES, CACHE_WARM_HITS,
};
use mosaic_cache::TierReport;
use std::sync::Weak;
use std::time::Duration;

/// How often the gauges are refreshed; well under any scrape interval.
pub const PUBLISH_INTERVAL: Duration = Duration::from_secs(1);

/// Starts the publishing task on the current runtime.
pub(crate) fn spawn(shared: Weak<Shared>) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(PUBLISH_INTERVAL);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let Some(shared) = shared.upgrade() else {
                return;
            };
            shared.cache.run_pending_tasks().await;
            let stats = shared.cache.stats();
            metrics::gauge!(CACHE_ENTRIES).set(stats.entries as f64);
            metrics::counter!(CACHE_EVICTIONS).absolute(stats.evictions);
            metrics::counter!(CACHE_REMOTE_INVALIDATIONS).absolute(stats.remote_invalidations);
            metrics::counter!(CACHE_WARM_HITS).absolute(stats.warming.hits_earned);
            metrics::gauge!(CACHE_WARM_ENTRIES).set(stats.warming.tracked as f64);
            for report in shared.cache.tier_reports() {
                publish_tier(&report);
            }
        }
    });
}

/// One tier's counters, labelled by its name.
fn publish_tier(report: &TierReport) {
    let tier = report.tier.label();
    for (result, count) in [("hit", report.hits), ("miss", report.misses)] {
        metrics::counter!(CACHE_TIER_REQUESTS, "tier" => tier.clone(), "result" => result)
            .absolute(count);
    }
    metrics::counter!(CACHE_TIER_FILLS, "tier" => tier.clone()).absolute(report.fills);
    metrics::counter!(CACHE_TIER_INVALIDATIONS, "tier" => tier.clone())
        .absolute(report.invalidations);
    metrics::counter!(CACHE_TIER_ERRORS, "tier" => tier.clone()).absolute(report.stats.errors);
    metrics::counter!(CACHE_TIER_RESIDENCY_REFUSALS, "tier" => tier.clone())
        .absolute(report.residency_refusals);
    metrics::counter!(CACHE_TIER_VALIDATOR_HITS, "tier" => tier.clone())
        .absolute(report.validator_hits);
    let available = if report.stats.available { 1.0 } else { 0.0 };
    metrics::gauge!(CACHE_TIER_AVAILABLE, "tier" => tier).set(available);
}
