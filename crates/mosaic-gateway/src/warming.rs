//! How the cache fetches a hot entry again: as the caller whose read filled it, over the
//! configuration running now. The cache's warmer decides when and from which instance
//! (`mosaic-cache`'s `warming/`); this decides whether that caller's call would still read
//! this entry from that instance — allowed by policy, routed the same way, to instances with
//! the same settings, on a route that warms — and then makes that one call.
//!
//! The caller's context lives here, in memory, for as long as the cache keeps the entry
//! refreshable; it never reaches a shared tier. The gateway is held weakly, so a refreshable
//! entry keeps neither the gateway nor a replaced configuration alive.

use crate::executor::execute;
use crate::gateway::Shared;
use crate::pipeline::{Trail, authorize, fill_of, read_key, route_request};
use crate::retry::RetrySettings;
use crate::runtime::Runtime;
use mosaic_cache::{AnswerCache, CacheKey, CachedAnswer, Fill, Refetch, RefetchError};
use mosaic_core::{Operation, Quota, RequestContext};
use mosaic_routing::Plan;
use std::sync::{Arc, Weak};
use tokio::time::Instant;

/// Whether `answer`, fetched for a read planned as `plan`, is kept refreshable: warming is
/// on, the answer is stored fresh for a while (not `no_store`), and the plan's route does not
/// leave warming off (`routes[].warming: false`).
pub(crate) fn warms(
    cache: &AnswerCache,
    runtime: &Runtime,
    plan: &Plan,
    answer: &CachedAnswer,
) -> bool {
    cache.warms() && !answer.fresh_for.is_zero() && route_warms(runtime, plan)
}

/// Whether the plan's route leaves warming on (a plan of no route, a pinned call, does).
fn route_warms(runtime: &Runtime, plan: &Plan) -> bool {
    plan.rule()
        .is_none_or(|rule| !runtime.warming_off.iter().any(|off| off == rule))
}

/// One caller's read, to be made again.
pub(crate) struct CallerRefetch {
    gateway: Weak<Shared>,
    ctx: RequestContext,
    /// As the caller's call resolved it (a run id opened).
    operation: Operation,
    /// The instance the caller's call was pinned to, if any.
    pinned: Option<String>,
    /// The entry's key: a refresh is made only while the caller's call would still read it.
    key: CacheKey,
}

impl CallerRefetch {
    pub(crate) fn new(
        gateway: &Arc<Shared>,
        ctx: &RequestContext,
        operation: &Operation,
        pinned: Option<&str>,
        key: &CacheKey,
    ) -> Self {
        let mut ctx = ctx.clone();
        // A refresh runs on the warmer's schedule, not within the caller's wait.
        ctx.deadline = None;
        Self {
            gateway: Arc::downgrade(gateway),
            ctx,
            operation: operation.clone(),
            pinned: pinned.map(str::to_owned),
            key: key.clone(),
        }
    }

    /// The index of `instance` in `runtime` when the caller's call would read this entry
    /// from it now.
    fn still_ours(&self, runtime: &Runtime, instance: &str) -> Result<usize, RefetchError> {
        let spec = self.operation.spec();
        let resource = self.operation.resource();
        authorize(
            &runtime.policies,
            &self.ctx,
            spec.name,
            resource.as_str(),
            &mut Trail::default(),
        )
        .map_err(|_| gone("the policy no longer allows the caller this read"))?;
        let route = route_request(
            &self.ctx,
            &self.operation,
            resource.as_str(),
            self.pinned.as_deref(),
        );
        let plan = runtime
            .router
            .plan(&route, runtime, rand::random())
            .map_err(|error| gone(&format!("the read is no longer routed: {error}")))?;
        if !route_warms(runtime, &plan) {
            return Err(gone("its route no longer warms"));
        }
        let candidates: Vec<usize> = plan.candidates().map(|(index, _)| index).collect();
        if read_key(runtime, &self.ctx, &self.operation, &candidates) != self.key {
            return Err(gone(
                "the caller's read is now planned over other instances or settings",
            ));
        }
        candidates
            .into_iter()
            .find(|&index| runtime.instances[index].name == instance)
            .ok_or_else(|| gone("the instance is no longer a candidate"))
    }
}

fn gone(reason: &str) -> RefetchError {
    RefetchError::Gone(reason.to_owned())
}

#[async_trait::async_trait]
impl Refetch for CallerRefetch {
    fn quota(&self, instance: &str) -> Option<Quota> {
        let shared = self.gateway.upgrade()?;
        let runtime = shared.runtime.load();
        runtime
            .instances
            .iter()
            .find(|candidate| candidate.name == instance)?
            .provider
            .quota()
    }

    async fn refetch(&self, instance: &str) -> Result<Fill, RefetchError> {
        let shared = self
            .gateway
            .upgrade()
            .ok_or_else(|| gone("the gateway stopped"))?;
        if *shared.shutting_down.borrow() {
            return Err(gone("the gateway is shutting down"));
        }
        let runtime = shared.runtime.load_full();
        let index = self.still_ours(&runtime, instance)?;
        // One attempt, sent only with a rate-limit permit free now: a refresh is one call of
        // the instance's budget, and never waits in line before callers.
        let once = RetrySettings {
            max_attempts: 1,
            ..runtime.retry
        };
        let executed = execute(
            &runtime.instances,
            &[index],
            &self.operation,
            &once,
            &shared.observers,
            Some(Instant::now()),
        )
        .await
        .map_err(|error| RefetchError::Failed(error.to_string()))?;
        let tags = vec![self.operation.spec().read_tag(&self.operation.resource())];
        Ok(fill_of(&runtime, executed, tags))
    }
}
