//! Turning a validated configuration into a running [`Runtime`], at start and on every reload.
//!
//! A reload builds the complete new runtime first — instances, router — and only then swaps it
//! in, so an invalid or failing configuration never replaces a working one, and calls in flight
//! finish on the runtime they started with. The cache, and with it the validators store every
//! instance revalidates with, is made once at start and outlives reloads. What an unchanged
//! instance has learned and holds — its live signals, its rate limiter with the permits
//! already spent — is carried into the new runtime (see [`Carried`]).

use crate::breaker::BreakerSettings;
use crate::canary::{self, CanaryWatch, DecisionLog};
use crate::costs::CostTracker;
use crate::gateway::{Gateway, Shared};
use crate::instance::{Instance, InstanceSignals, JURISDICTION_LABEL};
use crate::rate_limiter::RateLimiter;
use crate::retry::RetrySettings;
use crate::run_ids::RunIds;
use crate::runtime::Runtime;
use arc_swap::ArcSwap;
use mosaic_cache::{
    AnswerCache, CacheSettings, ClassPolicies, ClassPolicy, DEFAULT_VALIDATOR_BYTES, HttpPurge,
    HttpPurgeError, MemoryTier, RedisSettings, RedisTier, RedisTierError, Tier, TierName,
    WarmingSettings,
};
use mosaic_config::GatewayConfig;
use mosaic_core::{BuildError, OpId};
use mosaic_plugin::Validators;
use mosaic_routing::{InstanceInfo, RouteConfigError, Router};
use mosaic_store::{AuditOptions, AuditSink, SinkEvent, Store, StoreError};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::watch;

/// Audit records queued before callers wait for the writer.
const AUDIT_QUEUE: usize = 4096;

/// Why the gateway could not start or a configuration could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The store could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A provider instance could not be built.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// The cache's Redis tier could not be set up (its URL).
    #[error(transparent)]
    Cache(#[from] RedisTierError),
    /// The purges of the HTTP caches in front could not be set up.
    #[error(transparent)]
    HttpPurge(#[from] HttpPurgeError),
    /// The routes do not fit the instances as built (an instance supports less than its plugin).
    #[error("routes do not fit the running instances:\n{}", render(.0))]
    Routes(Vec<RouteConfigError>),
}

fn render(errors: &[RouteConfigError]) -> String {
    errors
        .iter()
        .map(|error| format!("  {error}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Gateway {
    /// Opens the store, builds every instance and the router, and starts the audit writer.
    pub async fn start(config: GatewayConfig) -> Result<Gateway, StartError> {
        let store = Store::open_with(&config.store.url, &audit_options(&config)).await?;
        let run_ids = RunIds::new(store.derived_key(crate::run_ids::PURPOSE)?);
        let cache = build_cache(&config)?;
        let costs = Arc::new(CostTracker::load(store.clone(), config.costs.clone()).await?);
        let canary_log = DecisionLog::open(store.clone()).await?;
        let federated_cache = crate::federated::ResultCache::new(config.cache.max_entries);
        let upstreams = config.upstreams.clone();
        let runtime = build_runtime(
            config,
            &HashMap::new(),
            &[],
            &canary_log,
            &HashMap::new(),
            &cache.validators(),
            costs,
        )
        .await?;
        let federation = mosaic_federation::Federation::new();
        federation.apply(upstreams).await;
        // The writer task ends by itself once every sink clone is dropped and its queue drained.
        let (audit, _writer) =
            AuditSink::spawn_observed(store.clone(), AUDIT_QUEUE, Arc::new(count_audit_batch));
        let gateway = Gateway {
            shared: Arc::new(Shared {
                runtime: ArcSwap::from_pointee(runtime),
                cache,
                store,
                audit,
                observers: Default::default(),
                run_ids,
                federation,
                federated_cache,
                shutting_down: watch::Sender::new(false),
                plugin_folder: Default::default(),
                plugins: std::sync::Mutex::new(None),
                canary_log,
            }),
        };
        crate::health::spawn(Arc::downgrade(&gateway.shared));
        crate::publish::spawn(Arc::downgrade(&gateway.shared));
        Ok(gateway)
    }

    /// Applies a new configuration atomically. On error the running configuration stays.
    /// The store, the cache sizes and `cache.l2` are fixed at start; changing them needs a
    /// restart.
    pub async fn reload(&self, config: GatewayConfig) -> Result<(), StartError> {
        let current = self.shared.runtime.load_full();
        let carried: HashMap<String, Carried> = current
            .instances
            .iter()
            .map(|instance| {
                (
                    instance.name.clone(),
                    Carried {
                        plugin: instance.plugin.clone(),
                        signals: Arc::clone(&instance.signals),
                        rate_limiter: instance.rate_limiter.clone(),
                    },
                )
            })
            .collect();
        let validators = self.shared.cache.validators();
        let upstreams = config.upstreams.clone();
        let runtime = build_runtime(
            config,
            &carried,
            &current.canaries,
            &self.shared.canary_log,
            &current.upstreams,
            &validators,
            Arc::clone(&current.costs),
        )
        .await?;
        // Upstreams added are started and those removed stopped before the new runtime
        // serves: its tools are then the ones running.
        self.shared.federation.apply(upstreams).await;
        self.shared.runtime.store(Arc::new(runtime));
        Ok(())
    }
}

/// What a running instance hands on to its successor of the same name in a reload.
struct Carried {
    /// `plugin@version`: the signals are carried only to an instance of the same plugin.
    plugin: String,
    /// Breaker, latency, counters, estimates.
    signals: Arc<InstanceSignals>,
    /// Carried whatever the plugin while the limit stays the same: the permits spent are
    /// requests the provider has seen. A changed limit starts afresh.
    rate_limiter: Option<Arc<RateLimiter>>,
}

/// Builds instances (reusing the live signals and rate limiters of unchanged ones), the
/// watches over the splits' canaries (carrying those of `canaries_before`, the others
/// beginning from the decisions `canary_log` keeps, see `canary`) and
/// the router over them (pricing runs with the configuration's cost settings, which `costs`
/// takes too); every instance revalidates with `validators`.
async fn build_runtime(
    config: GatewayConfig,
    carried: &HashMap<String, Carried>,
    canaries_before: &[Arc<CanaryWatch>],
    canary_log: &DecisionLog,
    upstreams_before: &HashMap<String, crate::federated::upstream::Upstream>,
    validators: &Arc<dyn Validators>,
    costs: Arc<CostTracker>,
) -> Result<Runtime, StartError> {
    let executor = &config.executor;
    let breaker = BreakerSettings {
        failure_threshold: executor.breaker.failure_threshold,
        open_for: executor.breaker.open_for,
        half_open_probes: executor.breaker.half_open_probes,
    };
    let canaries = canary::watches(
        &config.routes,
        |name| {
            config
                .instances
                .iter()
                .find(|spec| spec.name == name)
                .map(|spec| spec.plugin_id())
        },
        canaries_before,
        canary_log,
    );
    let mut instances = Vec::with_capacity(config.instances.len());
    let mut infos = Vec::with_capacity(config.instances.len());
    let shared = crate::context::Shared {
        store_url: &config.store.url,
        validators,
    };
    for spec in config.instances {
        let plugin = format!(
            "{}@{}",
            spec.plugin.descriptor().name.as_str(),
            spec.plugin.descriptor().version.as_str()
        );
        let jurisdiction = spec.labels.get(JURISDICTION_LABEL).map(String::as_str);
        let context = crate::context::build_context(
            &shared,
            &spec.name,
            &plugin,
            &spec.settings,
            jurisdiction,
        );
        let provider = spec.builder.build(&context).await?;
        // A short digest is enough to tell one settings' answers from another's.
        let fingerprint = context.scope().fingerprint();
        let cache_scope = format!(
            "{}#{}",
            spec.name,
            fingerprint.get(..16).unwrap_or(fingerprint)
        );
        let supported = OpId::ALL
            .iter()
            .filter(|op| provider.supports(**op).is_supported())
            .fold(0u64, |bits, op| bits | 1 << (*op as usize));
        let kinds: Vec<_> = spec
            .plugin
            .descriptor()
            .kinds
            .iter()
            .copied()
            .filter(|kind| {
                OpId::ALL
                    .iter()
                    .any(|op| op.spec().kind == *kind && supported & (1 << (*op as usize)) != 0)
            })
            .collect();
        let before = carried.get(&spec.name);
        let signals = match before {
            Some(before) if before.plugin == plugin => Arc::clone(&before.signals),
            _ => Arc::new(InstanceSignals::new(breaker)),
        };
        let rate_limiter = spec.rate_limit.map(|applied| {
            match before.and_then(|before| before.rate_limiter.as_ref()) {
                Some(limiter) if limiter.limit() == applied.limit => Arc::clone(limiter),
                _ => Arc::new(RateLimiter::new(applied.limit)),
            }
        });
        infos.push(InstanceInfo {
            name: spec.name.clone(),
            kinds: kinds.clone(),
            supported,
            labels: spec.labels.clone(),
            region: spec.region.clone(),
        });
        let descriptor = spec.plugin.descriptor();
        let (plugin_name, plugin_version) = (
            Arc::from(descriptor.name.as_str()),
            Arc::from(descriptor.version.as_str()),
        );
        instances.push(Instance {
            shared_name: Arc::from(spec.name.as_str()),
            canary_feeds: canary::feeds(&spec.name, &canaries),
            name: spec.name,
            plugin,
            plugin_name,
            plugin_version,
            cache_scope,
            kinds,
            region: spec.region,
            labels: spec.labels,
            public: spec.public,
            cost_per_call: spec.cost_per_call,
            timeout: spec.timeout.unwrap_or(executor.timeout),
            provider,
            rate_limiter,
            signals,
        });
    }
    let upstreams = crate::federated::upstream::build(
        &config.upstreams,
        upstreams_before,
        breaker,
        executor.timeout,
    );
    let router = Router::new(config.routes, infos)
        .and_then(|router| router.with_costs(config.costs.clone()))
        .map_err(StartError::Routes)?;
    costs.configure(config.costs);
    // The router numbers instances in the order given; keep `instances` in that order.
    debug_assert!(
        instances
            .iter()
            .enumerate()
            .all(|(i, instance)| router.instance_index(&instance.name) == Some(i))
    );
    Ok(Runtime {
        router,
        instances,
        upstreams,
        retry: RetrySettings {
            max_attempts: executor.retry.max_attempts,
            base_delay: executor.retry.base_delay,
            max_delay: executor.retry.max_delay,
        },
        policies: config.policies,
        auth: config.auth,
        http: config.server,
        http_cache_region: config.cache.http.and_then(|http| http.region),
        warming_off: config.cache.warming.off_for_routes,
        costs,
        canaries,
    })
}

/// How the store seals its audit log, from `store.audit`.
fn audit_options(config: &GatewayConfig) -> AuditOptions {
    let audit = &config.store.audit;
    AuditOptions {
        key: audit.key.clone(),
        key_file: audit.key_file.clone(),
        anchor_file: audit.anchor_file.clone(),
        read_only: false,
    }
}

/// The audit writer's metrics, after every batch it tried.
fn count_audit_batch(event: SinkEvent) {
    use crate::metrics::{AUDIT_COMMIT_DURATION, AUDIT_COMMITTED, AUDIT_FAILED, AUDIT_QUEUED};
    match event {
        SinkEvent::Committed {
            records,
            took,
            queued,
        } => {
            metrics::counter!(AUDIT_COMMITTED).increment(records as u64);
            metrics::histogram!(AUDIT_COMMIT_DURATION).record(took.as_secs_f64());
            metrics::gauge!(AUDIT_QUEUED).set(queued as f64);
        }
        SinkEvent::Failed { queued, .. } => {
            metrics::counter!(AUDIT_FAILED).increment(1);
            metrics::gauge!(AUDIT_QUEUED).set(queued as f64);
        }
    }
}

/// The answer cache: L1 in memory, then, when `cache.l2` is configured, the Redis tier shared
/// by replicas, listening to their invalidations; writes purge the HTTP caches of
/// `cache.http.purge`. Nothing connects here: a gateway whose Redis
/// is down starts and serves without L2 until it answers.
fn build_cache(config: &GatewayConfig) -> Result<AnswerCache, StartError> {
    let settings = cache_settings(config);
    let http_purge = match &config.cache.http {
        Some(http) if !http.purge.is_empty() => {
            Some(HttpPurge::new(http.purge.clone(), http.purge_timeout)?)
        }
        _ => None,
    };
    let l1 = MemoryTier::new(TierName::L1, settings.max_entries);
    let Some(l2) = &config.cache.l2 else {
        let tiers: Vec<Arc<dyn Tier>> = vec![Arc::new(l1)];
        return Ok(AnswerCache::with_tiers_and_purge(
            settings, tiers, http_purge,
        ));
    };
    let redis = RedisSettings {
        url: l2.url.clone(),
        prefix: l2.prefix.clone(),
        timeout: l2.timeout,
        region: l2.region.clone(),
        breaker: mosaic_cache::BreakerSettings::default(),
        ack_timeout: l2.ack_timeout,
        validator_ttl: l2.validator_ttl,
    };
    let l2 = Arc::new(RedisTier::new(redis, settings.longest_lifetime())?);
    let tiers: Vec<Arc<dyn Tier>> = vec![Arc::new(l1), l2.clone()];
    let cache = AnswerCache::with_tiers_and_purge(settings, tiers, http_purge);
    l2.listen_for(&cache);
    Ok(cache)
}

/// The cache's settings from `cache`; the validators store has no setting of its own in
/// process, where it is bounded by [`DEFAULT_VALIDATOR_BYTES`] (in L2 it keeps validators for
/// `cache.l2.validator_ttl`).
fn cache_settings(config: &GatewayConfig) -> CacheSettings {
    let classes = &config.cache.classes;
    let policy = |class: &mosaic_config::ClassTiming| ClassPolicy::new(class.ttl, class.stale_for);
    CacheSettings {
        max_entries: config.cache.max_entries,
        classes: ClassPolicies {
            volatile: policy(&classes.volatile),
            standard: policy(&classes.standard),
            stable: policy(&classes.stable),
        },
        validator_bytes: DEFAULT_VALIDATOR_BYTES,
        warming: warming_settings(&config.cache.warming),
    }
}

/// The warmer's settings from `cache.warming`.
fn warming_settings(warming: &mosaic_config::WarmingConfig) -> WarmingSettings {
    WarmingSettings {
        enabled: warming.enabled,
        budget: warming.budget,
        lead_bp: warming.lead_bp,
        min_hits: warming.min_hits,
        max_keys: warming.max_keys,
        quota_reserve_bp: warming.quota_reserve_bp,
    }
}
