//! The gateway's meta operations — the live state of the providers, the plan of a call — as
//! operations like any other: policy decides who may call them, under their stable names
//! (`mosaic.providers.status`, `mosaic.route.explain`, see [`mosaic_core::meta`]), and every
//! call is audited. Also the policy question front ends ask before offering an operation.

use crate::answer::{CallError, CallRequest};
use crate::gateway::Gateway;
use crate::pipeline::{self, Trail, authorize};
use crate::policy::{denied_outright, names_no_caller};
use crate::record::Finished;
use crate::run_ids::RunIds;
use crate::runtime::Runtime;
use crate::status::InstanceStatus;
use mosaic_core::{Operation, RequestContext, meta};
use mosaic_routing::Explanation;
use tokio::time::Instant;

impl Gateway {
    /// `mosaic.route.explain`: the plan for a call, without executing it. Policy decides on
    /// the explained call's resource; the call is audited.
    pub async fn explain(
        &self,
        ctx: &RequestContext,
        request: &CallRequest,
    ) -> Result<Explanation, CallError> {
        let started = Instant::now();
        let runtime = self.shared.runtime.load_full();
        let mut trail = Trail::default();
        let result = explain_authorized(&runtime, &self.shared.run_ids, ctx, request, &mut trail);
        self.audit_meta(
            ctx,
            meta::ROUTE_EXPLAIN,
            trail,
            result.as_ref().err(),
            started,
        )
        .await;
        result
    }

    /// `mosaic.providers.status`: the live state of every provider instance, then of every
    /// federated upstream (plugin `mcp`, with its connection state). It addresses no
    /// resource in particular (like a listing across resources), so only policy rules that
    /// match every resource decide it; the call is audited.
    pub async fn providers_status(
        &self,
        ctx: &RequestContext,
    ) -> Result<Vec<InstanceStatus>, CallError> {
        let started = Instant::now();
        let runtime = self.shared.runtime.load_full();
        let mut trail = Trail::default();
        let result = authorize(
            &runtime.policies,
            ctx,
            meta::PROVIDERS_STATUS,
            "",
            &mut trail,
        )
        .map(|()| {
            let upstreams = self
                .shared
                .federation
                .statuses()
                .into_iter()
                .filter_map(|status| {
                    runtime
                        .upstreams
                        .get(&status.name)
                        .map(|upstream| InstanceStatus::of_upstream(upstream, status))
                });
            runtime
                .instances
                .iter()
                .map(InstanceStatus::of)
                .chain(upstreams)
                .collect()
        });
        self.audit_meta(
            ctx,
            meta::PROVIDERS_STATUS,
            trail,
            result.as_ref().err(),
            started,
        )
        .await;
        result
    }

    /// The plan for a call as operator tools that read the configuration themselves see it
    /// (`mosaic route explain`): no policy, no audit. Callers of the front ends get
    /// [`Gateway::explain`].
    pub fn explain_plan(
        &self,
        ctx: &RequestContext,
        request: &CallRequest,
    ) -> Result<Explanation, CallError> {
        pipeline::explain(
            &self.shared.runtime.load(),
            &self.shared.run_ids,
            ctx,
            request,
        )
    }

    /// Whether policy could let this caller call `operation` (a catalog or meta operation id)
    /// on some resource. Front ends do not offer what it denies outright.
    pub fn may_call(&self, ctx: &RequestContext, operation: &str) -> bool {
        !denied_outright(&self.shared.runtime.load().policies, ctx, operation)
    }

    /// Whether what policy lets a caller see is the same for every caller: anonymous access is
    /// configured (a request without credentials is a caller too) and no policy rule names
    /// tenants or principals. Lists filtered by policy (MCP `tools/list`) may then be shared
    /// between callers.
    pub fn policy_same_for_every_caller(&self) -> bool {
        let runtime = self.shared.runtime.load();
        runtime.auth.anonymous.is_some() && names_no_caller(&runtime.policies)
    }

    /// Records one meta call as every call is recorded: metrics, log line, audit.
    async fn audit_meta(
        &self,
        ctx: &RequestContext,
        operation: &'static str,
        trail: Trail,
        error: Option<&CallError>,
        started: Instant,
    ) {
        let finished = Finished {
            operation,
            trail,
            outcome: error.map_or("ok", CallError::code),
            source: "none",
            instance: None,
            failed_over: None,
            fault: error.map(CallError::fault),
            elapsed: started.elapsed(),
        };
        self.record(ctx, finished, false).await;
    }
}

/// The explanation of `request` if policy lets `ctx` explain it, filling in the trail.
fn explain_authorized(
    runtime: &Runtime,
    run_ids: &RunIds,
    ctx: &RequestContext,
    request: &CallRequest,
    trail: &mut Trail,
) -> Result<Explanation, CallError> {
    let operation = Operation::parse(request.op, request.arguments.clone())?;
    let resource = operation.resource();
    trail.resource = resource.as_str().to_owned();
    authorize(
        &runtime.policies,
        ctx,
        meta::ROUTE_EXPLAIN,
        resource.as_str(),
        trail,
    )?;
    trail
        .reasons
        .push(format!("explains {}", operation.op_id().name()));
    let explanation = pipeline::explain(runtime, run_ids, ctx, request)?;
    trail.rule = explanation.rule.clone();
    trail.reasons.extend(
        explanation
            .candidates
            .iter()
            .map(|candidate| format!("{}: {}", candidate.instance, candidate.reason)),
    );
    Ok(explanation)
}
