//! Every metric the gateway exports, named once: the names call sites use, their `# HELP`
//! texts, and the histogram buckets.
//!
//! Latencies are histograms, not summaries: bucket counts add up across replicas (a quantile
//! of each replica's summary does not), so `histogram_quantile` over `sum by (le)` gives the
//! fleet's percentiles. Label values are bounded: operation ids, instance names, outcome codes.

use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};

/// Calls through the gateway: `operation`, `outcome` (`ok` or the error code), `source`
/// (`provider`, `l1`, `l2`, `stale`, `none`).
pub const REQUESTS: &str = "mosaic_requests_total";
/// Latency of calls through the gateway until the answer is ready: `operation`, `source`. A
/// write's wait for its audit commit comes on top ([`AUDIT_COMMIT_DURATION`]).
pub const REQUEST_DURATION: &str = "mosaic_request_duration_seconds";
/// Cache lookups of reads: `operation`, `result` (`hit`, `miss`, `joined`, `stale`).
pub const CACHE_REQUESTS: &str = "mosaic_cache_requests_total";
/// Answers held in the L1 cache.
pub const CACHE_ENTRIES: &str = "mosaic_cache_entries";
/// Answers evicted from the L1 cache to keep it within `cache.max_entries`.
pub const CACHE_EVICTIONS: &str = "mosaic_cache_evictions_total";
/// Lookups per cache tier: `tier` (`l1`, `l2`), `result` (`hit`: answered fresh; `miss`:
/// asked and could not answer, the tier being unavailable included).
pub const CACHE_TIER_REQUESTS: &str = "mosaic_cache_tier_requests_total";
/// Answers a cache tier kept (fetched ones, and copies of hits found below it): `tier`.
pub const CACHE_TIER_FILLS: &str = "mosaic_cache_tier_fills_total";
/// Invalidations applied to a cache tier, this replica's writes and other replicas'
/// announced ones: `tier`.
pub const CACHE_TIER_INVALIDATIONS: &str = "mosaic_cache_tier_invalidations_total";
/// Requests to a cache tier that failed or timed out: `tier` (only a shared tier fails).
pub const CACHE_TIER_ERRORS: &str = "mosaic_cache_tier_errors_total";
/// Answers kept out of a cache tier because its region may not hold their jurisdiction (the
/// `jurisdiction` label of the instance that served them), cached answers and validators'
/// bodies alike: `tier`.
pub const CACHE_TIER_RESIDENCY_REFUSALS: &str = "mosaic_cache_tier_residency_refusals_total";
/// Validators of providers' conditional requests a cache tier answered, so the read went out
/// with `If-None-Match`: `tier` (`l1`: in process; `l2`: in Redis, kept by any replica).
pub const CACHE_TIER_VALIDATOR_HITS: &str = "mosaic_cache_tier_validator_hits_total";
/// Purge requests sent to the HTTP caches in front after writes: `result` (`ok`, `failed`).
/// Recorded by the cache layer, which names it.
pub const CACHE_HTTP_PURGES: &str = mosaic_cache::HTTP_PURGES;
/// Whether a cache tier is in use: 1, or 0 while its breaker keeps requests away: `tier`.
pub const CACHE_TIER_AVAILABLE: &str = "mosaic_cache_tier_available";
/// Latency of each request to a cache tier: `tier`, `op` (`get`, `put`, `invalidate`).
/// Recorded by the cache layer, which names it.
pub const CACHE_TIER_DURATION: &str = mosaic_cache::TIER_DURATION;
/// Invalidations made through other replicas that this one applied, as the shared tier
/// announced them.
pub const CACHE_REMOTE_INVALIDATIONS: &str = "mosaic_cache_remote_invalidations_total";
/// Writes whose invalidation was answered before every other replica acknowledged it, at
/// `cache.l2.ack_timeout`. Recorded by the cache layer, which names it.
pub const CACHE_INVALIDATION_ACK_TIMEOUTS: &str = mosaic_cache::INVALIDATION_ACK_TIMEOUTS;
/// Refreshes cache warming sent ahead of an entry's expiry: `instance`, `result` (`ok`:
/// stored; `outdated`: a write during it kept its answer out; `failed`). Recorded by the
/// cache layer, which names it.
pub const CACHE_WARM_REFRESHES: &str = mosaic_cache::WARM_REFRESHES;
/// Refreshes of hot entries cache warming held back: `instance`, `reason` (`budget`: its
/// refreshes this minute are spent; `quota`: its quota is at the reserve kept for callers).
/// Recorded by the cache layer, which names it.
pub const CACHE_WARM_SKIPPED: &str = mosaic_cache::WARM_SKIPPED;
/// Fresh lookups answered with an answer cache warming refreshed: the misses it saved.
pub const CACHE_WARM_HITS: &str = "mosaic_cache_warm_hits_total";
/// Entries cache warming keeps refreshable (at most `cache.warming.max_keys`).
pub const CACHE_WARM_ENTRIES: &str = "mosaic_cache_warm_entries";
/// Attempts sent to providers: `instance`, `plugin`, `version`, `operation`, `outcome`. The
/// plugin and its version tell two versions side by side apart.
pub const PROVIDER_CALLS: &str = "mosaic_provider_calls_total";
/// Latency of one attempt at a provider: `instance`, `plugin`, `version`, `operation`.
pub const PROVIDER_CALL_DURATION: &str = "mosaic_provider_call_duration_seconds";
/// Reads answered `304 Not Modified` and served from the validators store: `instance`.
/// Recorded by that store, which the cache layer owns and names the metric for.
pub const PROVIDER_REVALIDATED: &str = mosaic_cache::REVALIDATIONS;
/// Retries of an attempt on the same instance, counted as the retry is made: `instance`,
/// `operation`.
pub const RETRIES: &str = "mosaic_retries_total";
/// Attempts not sent because the instance's rate-limit quota is spent: `instance`.
pub const QUOTA_BACKOFFS: &str = "mosaic_quota_backoffs_total";
/// Attempts held up by an instance's client-side rate limit: `instance`, `outcome`
/// (`delayed`: sent after waiting for a permit; `refused`: not sent, the permit would have
/// come after the call's deadline).
pub const CLIENT_RATE_LIMITED: &str = "mosaic_client_rate_limited_total";
/// Time attempts waited for a permit of their instance's client-side rate limit, zero
/// included, so its count is every attempt at a limited instance: `instance`. The wait is
/// part of the call's latency ([`REQUEST_DURATION`]), not of the attempt's
/// ([`PROVIDER_CALL_DURATION`]).
pub const CLIENT_RATE_LIMIT_WAIT: &str = "mosaic_client_rate_limit_wait_seconds";
/// What federated upstreams sent during calls, relayed to (or kept from) the calls' callers:
/// `instance` (the upstream), `kind` and `outcome`: `progress`, `log` or `request` `relayed`;
/// `request` `refused` (answered to the upstream with an error: the caller does not support
/// it or went away); `notification` `dropped` (the caller's side was too far behind or gone).
pub const FEDERATED_RELAYED: &str = "mosaic_federated_relayed_total";
/// Reads answered by a later candidate after earlier ones failed: `operation`, `instance`
/// (the first candidate that failed).
pub const FAILOVERS: &str = "mosaic_failovers_total";
/// Circuit breaker state per instance: 0 closed, 1 half-open, 2 open.
pub const CIRCUIT_STATE: &str = "mosaic_circuit_state";
/// Circuit breakers opening and closing: `instance`, `to` (`open`, `closed`).
pub const CIRCUIT_TRANSITIONS: &str = "mosaic_circuit_transitions_total";
/// The last health check per instance: 1 healthy, 0 not.
pub const INSTANCE_HEALTHY: &str = "mosaic_instance_healthy";
/// Configuration changes seen by the reload watch: `outcome` (`ok`, `rejected`: invalid,
/// `failed`: valid but could not be applied).
pub const CONFIG_RELOADS: &str = "mosaic_config_reloads_total";
/// Audit records waiting for the writer, as of its last batch.
pub const AUDIT_QUEUED: &str = "mosaic_audit_records_queued";
/// Audit records committed to the store.
pub const AUDIT_COMMITTED: &str = "mosaic_audit_records_committed_total";
/// Audit batches whose transaction failed (each is retried until stored).
pub const AUDIT_FAILED: &str = "mosaic_audit_batch_failures_total";
/// Latency of one audit batch: its transaction, commit included, and its anchor.
pub const AUDIT_COMMIT_DURATION: &str = "mosaic_audit_commit_duration_seconds";
/// Calls whose audit record could not be handed to the writer (it had stopped).
pub const AUDIT_UNRECORDED: &str = "mosaic_audit_unrecorded_total";

/// Canaries rolled back: `instance`, `plugin` (`name@version`), `by` (`automatic`,
/// `operator`).
pub const CANARY_ROLLBACKS: &str = "mosaic_canary_rollbacks_total";
/// Where each split's canary stands: `instance`, `plugin`; 0 on trial, 1 rolled back, 2
/// promoted. Set when a decision is made.
pub const CANARY_STATE: &str = "mosaic_canary_state";

/// Events the live event stream dropped for a subscriber (a dashboard) that fell more than
/// its buffer behind.
pub const EVENTS_MISSED: &str = "mosaic_events_missed_total";

/// Upper bounds (seconds) of every latency histogram: from half a millisecond (an L1 hit, a
/// group commit) to a minute (a slow provider under retries).
pub const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    60.0,
];

/// Upper bounds (seconds) of [`CACHE_TIER_DURATION`]: from 10 µs (an L1 lookup) through the
/// fraction of a millisecond an L2 round trip takes on a LAN, to the L2 timeout's range.
pub const CACHE_TIER_BUCKETS: &[f64] = &[
    0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1,
    0.5,
];

/// Describes every metric to the installed recorder (the `# HELP` lines), and starts the
/// counters and gauges that have no labels, or a fixed set, at zero so they are exported before
/// the first event (a rate over a series that appears late misses its first increase). Call it
/// once the recorder is installed.
pub fn describe() {
    describe_counter!(
        REQUESTS,
        Unit::Count,
        "Calls through the gateway, by operation, outcome (ok or the error code) and source (provider, l1, l2, stale, none)."
    );
    describe_histogram!(
        REQUEST_DURATION,
        Unit::Seconds,
        "Latency of calls through the gateway until the answer is ready, by operation and source; a write then waits for its audit commit (mosaic_audit_commit_duration_seconds)."
    );
    describe_counter!(
        CACHE_REQUESTS,
        Unit::Count,
        "Cache lookups of reads, by operation and result (hit, miss, joined, stale)."
    );
    describe_gauge!(CACHE_ENTRIES, Unit::Count, "Answers held in the L1 cache.");
    describe_counter!(
        CACHE_EVICTIONS,
        Unit::Count,
        "Answers evicted from the L1 cache to stay within cache.max_entries."
    );
    describe_counter!(
        CACHE_TIER_REQUESTS,
        Unit::Count,
        "Lookups per cache tier (l1, l2), by result: hit (answered fresh) or miss (asked and could not answer, the tier being unavailable included)."
    );
    describe_counter!(
        CACHE_TIER_FILLS,
        Unit::Count,
        "Answers a cache tier kept: fetched ones, and copies of hits found in a tier below, by tier."
    );
    describe_counter!(
        CACHE_TIER_INVALIDATIONS,
        Unit::Count,
        "Invalidations applied to a cache tier (this replica's writes and other replicas' announced ones), by tier."
    );
    describe_counter!(
        CACHE_TIER_ERRORS,
        Unit::Count,
        "Requests to a cache tier that failed or timed out, by tier."
    );
    describe_counter!(
        CACHE_TIER_RESIDENCY_REFUSALS,
        Unit::Count,
        "Answers kept out of a cache tier because its region may not hold their jurisdiction (cached answers and validators' bodies), by tier."
    );
    describe_counter!(
        CACHE_TIER_VALIDATOR_HITS,
        Unit::Count,
        "Validators of providers' conditional requests a cache tier answered, so the read was sent with If-None-Match, by tier (l1 in process, l2 kept by any replica)."
    );
    describe_counter!(
        CACHE_HTTP_PURGES,
        Unit::Count,
        "Purge requests sent to the HTTP caches in front after writes, by result (ok, failed)."
    );
    describe_gauge!(
        CACHE_TIER_AVAILABLE,
        Unit::Count,
        "Whether a cache tier is in use: 1, or 0 while its breaker keeps requests away, by tier."
    );
    describe_histogram!(
        CACHE_TIER_DURATION,
        Unit::Seconds,
        "Latency of each request to a cache tier, by tier and op (get, put, invalidate)."
    );
    describe_counter!(
        CACHE_REMOTE_INVALIDATIONS,
        Unit::Count,
        "Invalidations made through other replicas that this one applied, as the shared cache tier announced them."
    );
    describe_counter!(
        CACHE_INVALIDATION_ACK_TIMEOUTS,
        Unit::Count,
        "Writes whose invalidation was answered before every other replica acknowledged applying it, at cache.l2.ack_timeout."
    );
    describe_counter!(
        CACHE_WARM_REFRESHES,
        Unit::Count,
        "Refreshes cache warming sent ahead of an entry's expiry, by instance and result (ok, outdated: a write during it kept its answer out, failed)."
    );
    describe_counter!(
        CACHE_WARM_SKIPPED,
        Unit::Count,
        "Refreshes of hot entries cache warming held back, by instance and reason (budget, quota: at the reserve kept for callers)."
    );
    describe_counter!(
        CACHE_WARM_HITS,
        Unit::Count,
        "Fresh cache lookups answered with an answer warming refreshed: the misses it saved."
    );
    describe_gauge!(
        CACHE_WARM_ENTRIES,
        Unit::Count,
        "Entries cache warming keeps refreshable (at most cache.warming.max_keys)."
    );
    describe_counter!(
        PROVIDER_CALLS,
        Unit::Count,
        "Attempts sent to provider instances, by instance, plugin, version, operation and outcome."
    );
    describe_histogram!(
        PROVIDER_CALL_DURATION,
        Unit::Seconds,
        "Latency of one attempt at a provider instance, by instance, plugin, version and operation."
    );
    describe_counter!(
        PROVIDER_REVALIDATED,
        Unit::Count,
        "Reads a provider answered 304 Not Modified, served from the instance's own store, by instance."
    );
    describe_counter!(
        RETRIES,
        Unit::Count,
        "Retries of a failed attempt on the same instance, by instance and operation."
    );
    describe_counter!(
        FEDERATED_RELAYED,
        Unit::Count,
        "What federated upstreams sent during calls, by upstream instance, kind and outcome: progress, log or request relayed to the caller; request refused (the caller does not support it or went away); notification dropped (the caller was too far behind or gone)."
    );
    describe_counter!(
        QUOTA_BACKOFFS,
        Unit::Count,
        "Attempts not sent because the instance's rate-limit quota is spent, by instance."
    );
    describe_counter!(
        CLIENT_RATE_LIMITED,
        Unit::Count,
        "Attempts held up by an instance's client-side rate limit, by instance and outcome: delayed (sent after waiting for a permit) or refused (not sent: the permit would have come after the call's deadline)."
    );
    describe_histogram!(
        CLIENT_RATE_LIMIT_WAIT,
        Unit::Seconds,
        "Time attempts waited for a permit of their instance's client-side rate limit (zero included), by instance; part of the call's latency, not of the attempt's."
    );
    describe_counter!(
        FAILOVERS,
        Unit::Count,
        "Reads answered by a later candidate after earlier ones failed, by operation and the first instance that failed."
    );
    describe_gauge!(
        CIRCUIT_STATE,
        Unit::Count,
        "Circuit breaker state per instance: 0 closed, 1 half-open, 2 open."
    );
    describe_counter!(
        CIRCUIT_TRANSITIONS,
        Unit::Count,
        "Circuit breakers opening and closing, by instance and the state moved to."
    );
    describe_gauge!(
        INSTANCE_HEALTHY,
        Unit::Count,
        "The last health check per instance: 1 healthy, 0 not."
    );
    describe_counter!(
        CONFIG_RELOADS,
        Unit::Count,
        "Configuration changes seen by the reload watch, by outcome: ok, rejected (invalid) or failed (valid but not applied)."
    );
    describe_gauge!(
        AUDIT_QUEUED,
        Unit::Count,
        "Audit records waiting for the writer, as of its last batch."
    );
    describe_counter!(
        AUDIT_COMMITTED,
        Unit::Count,
        "Audit records committed to the store."
    );
    describe_counter!(
        AUDIT_FAILED,
        Unit::Count,
        "Audit batches whose transaction failed; each is retried until stored."
    );
    describe_histogram!(
        AUDIT_COMMIT_DURATION,
        Unit::Seconds,
        "Latency of one audit batch: its transaction, commit included, and its anchor."
    );
    describe_counter!(
        AUDIT_UNRECORDED,
        Unit::Count,
        "Calls whose audit record could not be handed to the writer because it had stopped."
    );
    describe_counter!(
        CANARY_ROLLBACKS,
        Unit::Count,
        "Canaries rolled back, by instance, plugin (name@version) and who: automatic or operator."
    );
    describe_gauge!(
        CANARY_STATE,
        Unit::Count,
        "Where each split's canary stands, by instance and plugin: 0 on trial, 1 rolled back, 2 promoted."
    );
    describe_counter!(
        EVENTS_MISSED,
        Unit::Count,
        "Events the live event stream dropped for a subscriber (a dashboard) that fell more than its buffer behind."
    );

    // Adding zero registers a series without changing one that already counts.
    for outcome in ["ok", "rejected", "failed"] {
        metrics::counter!(CONFIG_RELOADS, "outcome" => outcome).increment(0);
    }
    for counter in [
        CACHE_EVICTIONS,
        CACHE_REMOTE_INVALIDATIONS,
        CACHE_INVALIDATION_ACK_TIMEOUTS,
        CACHE_WARM_HITS,
        AUDIT_COMMITTED,
        AUDIT_FAILED,
        AUDIT_UNRECORDED,
        EVENTS_MISSED,
    ] {
        metrics::counter!(counter).increment(0);
    }
    for gauge in [CACHE_ENTRIES, CACHE_WARM_ENTRIES, AUDIT_QUEUED] {
        metrics::gauge!(gauge).increment(0.0);
    }
}
