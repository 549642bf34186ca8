//! The `Gateway` handle the front ends call: the current runtime snapshot (swapped on reload),
//! the cache, the audit sink and the observers, shared by every clone.

use crate::answer::{CallAnswer, CallError, CallRequest};
use crate::auth::{Hints, authenticate};
use crate::observe::{EventSubscription, Observers};
use crate::pipeline::{self, Trail};
use crate::record::Finished;
use crate::run_ids::RunIds;
use crate::runtime::Runtime;
use crate::wait::{self, ProgressSink};
use arc_swap::ArcSwap;
use mosaic_cache::AnswerCache;
use mosaic_core::{OpId, RequestContext};
use mosaic_store::{AuditSink, Store};
use std::sync::Arc;
use tokio::sync::watch;
use tokio::time::Instant;

/// What the HTTP front ends need from the configuration: its validated `server` section
/// (allow-lists, limits, timeouts, session caps).
pub type HttpOptions = mosaic_config::ServerConfig;

/// The running gateway. Cheap to clone; all clones share one state.
#[derive(Clone)]
pub struct Gateway {
    pub(crate) shared: Arc<Shared>,
}

/// How long [`Gateway::shutdown`] waits for canary decisions still being written.
pub const CANARY_FLUSH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// What every clone of a gateway shares.
pub(crate) struct Shared {
    pub(crate) runtime: ArcSwap<Runtime>,
    pub(crate) cache: AnswerCache,
    pub(crate) store: Store,
    pub(crate) audit: AuditSink,
    /// Where every attempt and finished call is observed.
    pub(crate) observers: Observers,
    /// Seals the run ids answered and opens those asked for.
    pub(crate) run_ids: RunIds,
    /// The federated upstream MCP servers.
    pub(crate) federation: mosaic_federation::Federation,
    /// Results of federated tools that may be cached.
    pub(crate) federated_cache: crate::federated::ResultCache,
    /// `true` once shutdown has begun; front ends watch it to end their long-lived streams.
    pub(crate) shutting_down: watch::Sender<bool>,
    /// The plugins folder as last read, when there is one (see `plugin_folder.rs`).
    pub(crate) plugin_folder: arc_swap::ArcSwapOption<mosaic_plugin::FolderReport>,
    /// The plugin set the configuration is read against, for `mosaic.plugins.status`.
    pub(crate) plugins: std::sync::Mutex<Option<mosaic_plugin::PluginSet>>,
    /// The canary decisions kept in the store (see `canary/persist.rs`).
    pub(crate) canary_log: crate::canary::DecisionLog,
}

impl Gateway {
    /// Maps a bearer API key (or its absence) to the caller's context, without routing hints.
    pub fn authenticate(&self, bearer: Option<&str>) -> Result<RequestContext, CallError> {
        self.authenticate_with_hints(bearer, Hints::default())
    }

    /// Maps a bearer API key (or its absence) and the routing hints sent with it to the
    /// caller's context; a hint the key was not granted is refused (`hint_not_granted`).
    pub fn authenticate_with_hints(
        &self,
        bearer: Option<&str>,
        hints: Hints<'_>,
    ) -> Result<RequestContext, CallError> {
        authenticate(&self.shared.runtime.load().auth, bearer, hints)
    }

    /// Executes one call through the whole pipeline and records it in the audit log, the
    /// metrics and the log (one INFO line).
    ///
    /// A write (every operation that is not a read, whatever its outcome) is answered only
    /// once its audit record is committed; a read's record is queued and committed with the
    /// next batch (see [`AuditSink`] for the window).
    ///
    /// A write runs to its end on a task of its own: a caller that hangs up (the front end
    /// drops this future) or whose deadline passes must neither cut off a write the provider
    /// may be applying nor lose its audit record. Such a caller is told
    /// `write_outcome_unknown`; the write goes on, invalidates the cache and is audited with
    /// its real outcome when it ends.
    pub async fn call(
        &self,
        ctx: &RequestContext,
        request: CallRequest,
    ) -> Result<CallAnswer, CallError> {
        self.call_with_progress(ctx, request, None).await
    }

    /// [`Gateway::call`], telling `progress` how a long call goes: for `ci.runs.wait`, how the
    /// run stands after each read that changed something (see `wait.rs`). Other operations
    /// send nothing.
    pub async fn call_with_progress(
        &self,
        ctx: &RequestContext,
        request: CallRequest,
        progress: Option<ProgressSink>,
    ) -> Result<CallAnswer, CallError> {
        // Taken now, before a write's task is spawned, so that the write's wait for a
        // rate-limit permit keeps to the caller's deadline although its task runs on.
        let deadline_at = ctx.deadline.map(|deadline| Instant::now() + deadline);
        if request.op.spec().is_read() {
            return self
                .run_and_record(ctx, request, deadline_at, progress)
                .await;
        }
        let deadline = ctx.deadline;
        // Only needed to name the system of record should the deadline pass first.
        let planned = deadline.map(|_| request.clone());
        let gateway = self.clone();
        let mut task_ctx = ctx.clone();
        task_ctx.deadline = None;
        let task = tokio::spawn(async move {
            gateway
                .run_and_record(&task_ctx, request, deadline_at, None)
                .await
        });
        let joined = match deadline {
            None => task.await,
            Some(deadline) => match tokio::time::timeout(deadline, task).await {
                Ok(joined) => joined,
                Err(_) => return Err(self.unanswered_write(ctx, planned, deadline)),
            },
        };
        joined.unwrap_or_else(|error| {
            Err(CallError::Internal(format!(
                "the task running the write failed: {error}"
            )))
        })
    }

    /// What a caller whose deadline passed during a write is told: it may yet be applied.
    fn unanswered_write(
        &self,
        ctx: &RequestContext,
        request: Option<CallRequest>,
        deadline: std::time::Duration,
    ) -> CallError {
        let operation = request.as_ref().map_or("the write", |r| r.op.name());
        let instance = request
            .and_then(|request| self.explain_plan(ctx, &request).ok())
            .and_then(|plan| plan.candidates.into_iter().next())
            .map(|candidate| candidate.instance)
            .unwrap_or_default();
        CallError::WriteOutcomeUnknown {
            operation,
            instance,
            id: None,
            reason: format!(
                "the caller's deadline of {deadline:?} passed while it was under way; it runs to its end and is audited then"
            ),
        }
    }

    /// One call through the pipeline on this task, then its metrics, log line and audit record.
    /// `deadline_at` is when the caller stops waiting: for a write, whose `ctx` carries no
    /// deadline so that it runs to its end, only rate-limit permits keep to it.
    async fn run_and_record(
        &self,
        ctx: &RequestContext,
        request: CallRequest,
        deadline_at: Option<Instant>,
        progress: Option<ProgressSink>,
    ) -> Result<CallAnswer, CallError> {
        let started = Instant::now();
        let runtime = self.shared.runtime.load_full();
        let operation = request.op.name();
        let is_write = !request.op.spec().is_read();
        let mut trail = Trail::default();
        let trail_ref = &mut trail;
        let planned_on = &runtime;
        let work = async move {
            if request.op == OpId::CiRunsWait {
                let progress = progress.as_ref();
                wait::run(&self.shared, ctx, request, trail_ref, deadline_at, progress).await
            } else {
                pipeline::run(
                    planned_on,
                    &self.shared.cache,
                    &self.shared.observers,
                    &self.shared.run_ids,
                    ctx,
                    request,
                    trail_ref,
                    deadline_at,
                    Some(&self.shared),
                )
                .await
            }
        };
        let result = match ctx.deadline {
            Some(deadline) => tokio::time::timeout(deadline, work)
                .await
                .unwrap_or(Err(CallError::DeadlineExceeded(deadline))),
            None => work.await,
        };
        let elapsed = started.elapsed();
        if let Ok(answer) = &result
            && let Some(index) = runtime.router.instance_index(&answer.served.instance)
        {
            // Versions side by side: the audit record names the version that served.
            trail.reasons.push(format!(
                "served by {} running {}",
                answer.served.instance, runtime.instances[index].plugin
            ));
        }
        runtime
            .costs
            .observe(&ctx.tenant, &trail.resource, result.as_ref().ok());
        let (outcome, source) = match &result {
            Ok(answer) => (
                "ok",
                if answer.served.stale {
                    "stale"
                } else {
                    answer.served.source.as_str()
                },
            ),
            Err(error) => (error.code(), "none"),
        };
        let finished = Finished {
            operation,
            trail,
            outcome,
            source,
            instance: result
                .as_ref()
                .ok()
                .map(|answer| answer.served.instance.clone()),
            // A stale answer was not served by a later candidate: every one failed.
            failed_over: result
                .as_ref()
                .ok()
                .filter(|answer| !answer.served.stale)
                .and_then(|answer| answer.served.failed_over.first())
                .map(|failed| failed.instance.clone()),
            fault: result.as_ref().err().map(CallError::fault),
            elapsed,
        };
        self.record(ctx, finished, is_write).await;
        result
    }

    /// The HTTP options of the current configuration.
    pub fn http_options(&self) -> HttpOptions {
        self.shared.runtime.load().http.clone()
    }

    /// Whether the gateway is ready to serve: it started (configuration running, store open)
    /// and is not shutting down.
    pub fn ready(&self) -> bool {
        !*self.shared.shutting_down.borrow()
    }

    /// Begins shutting down: the gateway stops answering ready and [`Gateway::draining`]
    /// resolves, so front ends end their long-lived streams. Calls still complete; call
    /// [`Gateway::shutdown`] once they have, to store their audit records.
    pub fn begin_shutdown(&self) {
        self.shared.shutting_down.send_replace(true);
    }

    /// Resolves once shutdown has begun (or the gateway is gone). Holds no reference to the
    /// gateway, so a task waiting on it does not keep the gateway alive.
    pub fn draining(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut shutting_down = self.shared.shutting_down.subscribe();
        async move {
            // An error means the gateway was dropped: nothing is left to drain either way.
            let _ = shutting_down.wait_for(|shutting_down| *shutting_down).await;
        }
    }

    /// Stops taking calls as ready, then waits until every audit record, every finished CI
    /// run and every canary decision is stored (a decision whose write keeps failing is
    /// waited for [`CANARY_FLUSH_WAIT`] at most), and stops every federated upstream (reaping
    /// their processes).
    pub async fn shutdown(&self) {
        self.begin_shutdown();
        self.shared.federation.shutdown().await;
        self.flush_audit().await;
        self.shared.runtime.load().costs.flush().await;
        let flushed = tokio::time::timeout(CANARY_FLUSH_WAIT, self.shared.canary_log.flush()).await;
        if flushed.is_err() {
            tracing::error!(
                "canary decisions not yet written at shutdown: the store keeps failing their writes; they are lost unless made again"
            );
        }
    }

    /// The store (audit log and state).
    pub fn store(&self) -> &Store {
        &self.shared.store
    }

    /// Waits until every audit record of calls made so far is stored.
    pub async fn flush_audit(&self) {
        if self.shared.audit.flush().await.is_err() {
            tracing::error!("audit sink closed before flushing");
        }
    }

    /// Cache counters, for metrics and the status page.
    pub fn cache_stats(&self) -> mosaic_cache::CacheStats {
        self.shared.cache.stats()
    }

    /// How long answers of `class` stay fresh and then usable stale in the gateway's cache
    /// (`None`: never stored), which HTTP caches in front are told too.
    pub fn cache_policy(
        &self,
        class: mosaic_core::CacheClass,
    ) -> Option<mosaic_cache::ClassPolicy> {
        self.shared.cache.settings().policy(class)
    }

    /// Each cache tier's state and counters, in lookup order (L1, then L2 when configured),
    /// for `GET /v1/providers` and `mosaic_providers_status` beside the instances.
    pub fn cache_tiers(&self) -> Vec<crate::status::CacheTierStatus> {
        self.shared
            .cache
            .tier_reports()
            .into_iter()
            .map(crate::status::CacheTierStatus::of)
            .collect()
    }

    /// What cache warming did since start, when it is on (`cache.warming.enabled`), for
    /// `GET /v1/providers` and `mosaic_providers_status` beside the tiers.
    pub fn cache_warming(&self) -> Option<mosaic_cache::WarmingStats> {
        self.shared
            .cache
            .warms()
            .then(|| self.shared.cache.stats().warming)
    }

    /// Subscribes to the live stream of every attempt at a provider instance and every
    /// finished call, from now on (for the dashboard). A subscriber that falls behind loses
    /// the oldest events and is told how many; it never slows a call.
    pub fn subscribe_events(&self) -> EventSubscription {
        self.shared.observers.subscribe()
    }
}
