//! One call through the request path: validate, authorize, plan, serve from cache or execute,
//! invalidate, and say how the answer was served. Audit and metrics are recorded by the caller
//! of [`run`] from the returned [`Trail`].

use crate::answer::{Attempt, CallAnswer, CallError, CallRequest, Served, Source};
use crate::executor::{Executed, execute};
use crate::gateway::Shared;
use crate::observe::Observers;
use crate::policy::decide;
use crate::residency::Residency;
use crate::run_ids::RunIds;
use crate::runtime::Runtime;
use crate::sharing::Sharing;
use mosaic_cache::{AnswerCache, CacheKey, Fill, Origin, TierName};
use mosaic_config::{Effect, PolicyConfig};
use mosaic_core::{Operation, Output, RequestContext};
use mosaic_routing::{Explanation, Plan, RouteRequest};
use std::sync::Arc;
use tokio::time::Instant;

/// What the audit record and metrics need to know of a call, filled in as far as it got.
#[derive(Debug, Default)]
pub struct Trail {
    /// The resource, once the arguments parsed.
    pub resource: String,
    /// The matched rule, once planned.
    pub rule: Option<String>,
    /// Policy and plan reasons.
    pub reasons: Vec<String>,
    /// What residency meant for the call, once planned (the audit record carries it).
    pub residency: Option<Residency>,
}

/// Runs one call on one runtime snapshot. `deadline` is when the caller stops waiting, if it
/// said: the executor waits for no rate-limit permit beyond it. With `warm_for`, the gateway
/// whose cache is used, a read it fetches on a route that warms is kept refreshable.
#[allow(clippy::too_many_arguments)]
pub async fn run(
    runtime: &Runtime,
    cache: &AnswerCache,
    observers: &Observers,
    run_ids: &RunIds,
    ctx: &RequestContext,
    request: CallRequest,
    trail: &mut Trail,
    deadline: Option<Instant>,
    warm_for: Option<&Arc<Shared>>,
) -> Result<CallAnswer, CallError> {
    let operation = Operation::parse(request.op, request.arguments)?;
    let spec = operation.spec();
    let resource = operation.resource();
    trail.resource = resource.as_str().to_owned();

    authorize(&runtime.policies, ctx, spec.name, resource.as_str(), trail)?;

    // A call naming a run goes to the instance that owns it, whatever the route says.
    let (operation, pinned) = run_ids.resolve(operation, request.provider, |name| {
        runtime
            .instances
            .iter()
            .any(|instance| instance.name == name)
    })?;
    let sealed = |instance: &str, output: Arc<Output>| match run_ids.seal_output(
        instance,
        resource.as_str(),
        &output,
    ) {
        Some(sealed) => Arc::new(sealed),
        None => output,
    };
    let route = route_request(ctx, &operation, resource.as_str(), pinned.as_deref());
    let plan = runtime.router.plan(&route, runtime, rand::random())?;
    let explanation = runtime.router.explain(&route, &plan);
    // Rendered once: the audit trail and the answer both carry the plan's reasons.
    let plan_reasons: Vec<String> = explanation
        .candidates
        .iter()
        .map(|c| format!("{}: {}", c.instance, c.reason))
        .collect();
    trail.rule = explanation.rule;
    trail.reasons.extend(plan_reasons.iter().cloned());
    let candidates: Vec<usize> = plan.candidates().map(|(index, _)| index).collect();
    let residency = Residency::of(
        plan.rule(),
        runtime.router.constraints(&plan),
        ctx.region.as_deref(),
    );
    trail.residency = residency.clone();
    // When every candidate inside a hard constraint is down, the caller learns that the
    // constraint held, not only that something failed.
    let explained = |error: CallError| match &residency {
        Some(residency) => residency.explain(spec.name, !spec.is_read(), error),
        None => error,
    };

    if !spec.is_read() {
        let result = execute(
            &runtime.instances,
            &candidates,
            &operation,
            &runtime.retry,
            observers,
            deadline,
        )
        .await;
        // A write that may have been applied makes cached reads of its resource suspect too.
        if result.is_ok() || matches!(result, Err(CallError::WriteOutcomeUnknown { .. })) {
            cache.invalidate_tags(&spec.write_tags(&resource)).await;
        }
        let executed = result.map_err(explained)?;
        let instance = runtime.instances[executed.instance].name.clone();
        return Ok(CallAnswer {
            served: served(
                instance.clone(),
                Source::Provider,
                &plan,
                plan_reasons,
                given_up(runtime, &plan, &executed),
            ),
            output: sealed(&instance, Arc::new(executed.output)),
            sharing: Sharing::default(),
        });
    }

    let key = read_key(runtime, ctx, &operation, &candidates);
    let tags = vec![spec.read_tag(&resource)];
    let sharing = crate::sharing::of_read(
        runtime,
        spec.name,
        resource.as_str(),
        &route,
        &candidates,
        &tags,
    );
    let mut failed_over = Vec::new();
    let fetched = cache
        .get_or_fetch(&key, spec.cache, || async {
            let executed = execute(
                &runtime.instances,
                &candidates,
                &operation,
                &runtime.retry,
                observers,
                deadline,
            )
            .await?;
            failed_over = given_up(runtime, &plan, &executed);
            Ok::<_, CallError>(fill_of(runtime, executed, tags))
        })
        .await
        .map_err(|error| {
            explained(Arc::try_unwrap(error).unwrap_or_else(|shared| (*shared).clone()))
        })?;
    let answer = fetched.answer;
    let mut served = served(
        answer.instance.clone(),
        Source::Provider,
        &plan,
        plan_reasons,
        failed_over,
    );
    let outcome = match fetched.origin {
        Origin::Hit { age, tier } => {
            served.source = cached_source(&tier);
            served.age_ms = millis(age);
            "hit"
        }
        Origin::Fetched => {
            if let Some(gateway) = warm_for
                && crate::warming::warms(cache, runtime, &plan, &answer)
            {
                let refetch = crate::warming::CallerRefetch::new(
                    gateway,
                    ctx,
                    &operation,
                    pinned.as_deref(),
                    &key,
                );
                cache.keep_warm(&key, &answer, Arc::new(refetch));
            }
            "miss"
        }
        Origin::Joined => {
            served
                .reasons
                .push("joined an identical call already in flight".into());
            "joined"
        }
        Origin::Stale { age, error, tier } => {
            served.source = cached_source(&tier);
            served.age_ms = millis(age);
            served.stale = true;
            served.failed_over = attempts_of(&error);
            served.reasons.push(format!(
                "served stale because every candidate failed: {error}"
            ));
            "stale"
        }
    };
    metrics::counter!(crate::metrics::CACHE_REQUESTS, "operation" => spec.name, "result" => outcome)
        .increment(1);
    Ok(CallAnswer {
        output: sealed(&answer.instance, Arc::clone(&answer.output)),
        served,
        sharing,
    })
}

/// Decides whether `ctx` may call `operation` on `resource`, noting the policy's reason in
/// the trail; a denial is the caller's error.
pub(crate) fn authorize(
    policies: &[PolicyConfig],
    ctx: &RequestContext,
    operation: &'static str,
    resource: &str,
    trail: &mut Trail,
) -> Result<(), CallError> {
    let (effect, policy) = decide(policies, ctx, operation, resource);
    trail.reasons.push(match policy {
        Some(rule) => format!(
            "policy `{rule}`: {}",
            if effect == Effect::Allow {
                "allow"
            } else {
                "deny"
            }
        ),
        None => "policy: no rule matched, denied by default".to_owned(),
    });
    match effect {
        Effect::Allow => Ok(()),
        Effect::Deny => Err(CallError::Denied {
            principal: ctx.principal.clone(),
            operation,
            resource: resource.to_owned(),
        }),
    }
}

/// The plan for a call, without executing it (and without policy: see `Gateway::explain`).
pub fn explain(
    runtime: &Runtime,
    run_ids: &RunIds,
    ctx: &RequestContext,
    request: &CallRequest,
) -> Result<Explanation, CallError> {
    let operation = Operation::parse(request.op, request.arguments.clone())?;
    let resource = operation.resource();
    let (operation, pinned) = run_ids.resolve(operation, request.provider.clone(), |name| {
        runtime
            .instances
            .iter()
            .any(|instance| instance.name == name)
    })?;
    let route = route_request(ctx, &operation, resource.as_str(), pinned.as_deref());
    let plan = runtime.router.plan(&route, runtime, rand::random())?;
    Ok(runtime.router.explain(&route, &plan))
}

/// The cache key of a read of `operation` by `ctx` planned over `candidates`: keyed by the
/// plan's candidates, so an answer is served from cache only to calls whose plan could have
/// fetched it from the instance that did (DESIGN.md, "Caching"), and by their settings, so
/// that none fetched under settings since replaced is served.
pub(crate) fn read_key(
    runtime: &Runtime,
    ctx: &RequestContext,
    operation: &Operation,
    candidates: &[usize],
) -> CacheKey {
    let names: Vec<&str> = candidates
        .iter()
        .map(|&index| runtime.instances[index].cache_scope.as_str())
        .collect();
    CacheKey::for_call(ctx, operation, &names)
}

/// What the cache stores of an executed read, tagged with `tags`.
pub(crate) fn fill_of(runtime: &Runtime, executed: Executed, tags: Vec<String>) -> Fill {
    let instance = &runtime.instances[executed.instance];
    Fill {
        output: Arc::new(executed.output),
        instance: instance.name.clone(),
        tags,
        jurisdiction: instance.jurisdiction().map(str::to_owned),
    }
}

pub(crate) fn route_request<'a>(
    ctx: &'a RequestContext,
    operation: &'a Operation,
    resource: &'a str,
    pinned: Option<&'a str>,
) -> RouteRequest<'a> {
    RouteRequest {
        op: operation.op_id(),
        resource,
        tenant: &ctx.tenant,
        principal: &ctx.principal,
        region: ctx.region.as_deref(),
        labels: &ctx.labels,
        pinned,
        run: mosaic_routing::RunFacts::of(operation),
    }
}

fn served(
    instance: String,
    source: Source,
    plan: &Plan,
    reasons: Vec<String>,
    failed_over: Vec<Attempt>,
) -> Served {
    Served {
        instance,
        source,
        age_ms: 0,
        stale: false,
        rule: plan.rule().map(str::to_owned),
        reasons,
        failed_over,
    }
}

/// The candidates given up on before the one that served: those tried, then those the plan
/// preferred but passed over because their circuit was open (which the executor never called,
/// so it cannot know of them).
fn given_up(runtime: &Runtime, plan: &Plan, executed: &Executed) -> Vec<Attempt> {
    let mut given_up = executed.failed_over.clone();
    given_up.extend(plan.passed_over(executed.instance).map(|index| Attempt {
        instance: runtime.instances[index].name.clone(),
        code: "circuit_open",
        message: "not called: its circuit is open after repeated failures".to_owned(),
    }));
    given_up
}

/// The attempts behind a failed fetch, for answers served stale.
fn attempts_of(error: &CallError) -> Vec<Attempt> {
    match error {
        CallError::AllCandidatesFailed(attempts) => attempts.clone(),
        CallError::Provider { instance, error } => {
            vec![Attempt {
                instance: instance.clone(),
                code: error.code(),
                message: error.to_string(),
            }]
        }
        other => vec![Attempt {
            instance: String::new(),
            code: other.code(),
            message: other.to_string(),
        }],
    }
}

/// The source a cached answer reports: the tier it came from. The gateway runs the tiers
/// `build.rs` makes, L1 and optionally L2; a tier added there gets a `Source` of its own, and
/// its arm here.
fn cached_source(tier: &TierName) -> Source {
    if *tier == TierName::L2 {
        return Source::L2;
    }
    debug_assert_eq!(
        tier,
        &TierName::L1,
        "a cache tier without a `Source` of its own"
    );
    Source::L1
}

fn millis(duration: std::time::Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
