//! The federated call path: a tool of an upstream MCP server called through the gateway with
//! what every call gets (DESIGN.md, "The request path"): policy on operation
//! `mcp.tools.call` and resource `<upstream>/<tool>` (deny by default), the upstream's
//! circuit breaker, its timeout, retries for read-only tools only, the cache for tools the
//! configuration lets be cached, metrics, the log line and an audit record naming the
//! upstream. The caller's own credentials stay here: the upstream is reached with its own
//! (see `mosaic-federation`). What the upstream sends during the call goes to the caller's
//! [`Relay`]; what was relayed is counted in the metrics and named in the audit record.

mod cache;
mod execute;
pub mod upstream;

pub(crate) use cache::ResultCache;
/// What a caller's side hands a federated call to hear and be asked what the upstream sends
/// during it.
pub use mosaic_federation::{Accepts, Question, Relay, Relayed};

use crate::answer::{CallError, Served, Source};
use crate::gateway::Gateway;
use crate::metrics::FEDERATED_RELAYED;
use crate::pipeline::{Trail, authorize};
use crate::policy::decide;
use crate::record::Finished;
use cache::ResultKey;
use mosaic_config::Effect;
use mosaic_core::meta::FEDERATED_CALL;
use mosaic_core::{ProviderError, RequestContext};
use mosaic_federation::{CallToolResult, FederatedTool, JsonObject, RelayCounts, UpstreamStatus};
use std::sync::Arc;
use tokio::sync::watch;
use tokio::time::Instant;

/// A federated tool's answer and how it was served.
#[derive(Clone, Debug)]
pub struct FederatedAnswer {
    /// The upstream's tool result, as it answered it.
    pub result: Arc<CallToolResult>,
    /// Which upstream served it, from where, and why.
    pub served: Served,
}

impl Gateway {
    /// The federated tools this caller may call, in order: those policy allows on their
    /// resource (`<upstream>/<tool>`).
    pub fn federated_tools(&self, ctx: &RequestContext) -> Vec<Arc<FederatedTool>> {
        let runtime = self.shared.runtime.load();
        self.shared
            .federation
            .catalog()
            .tools()
            .iter()
            .filter(|tool| {
                decide(&runtime.policies, ctx, FEDERATED_CALL, &tool.resource()).0 == Effect::Allow
            })
            .cloned()
            .collect()
    }

    /// The federated tool offered as `name`, whoever asks.
    pub fn federated_tool(&self, name: &str) -> Option<Arc<FederatedTool>> {
        self.shared.federation.catalog().get(name).cloned()
    }

    /// Told (a new value) whenever the federated tools change: an upstream listed other
    /// tools, or a reload added or removed one.
    pub fn federated_changes(&self) -> watch::Receiver<u64> {
        self.shared.federation.changes()
    }

    /// The live state of every federated upstream.
    pub fn upstreams_status(&self) -> Vec<UpstreamStatus> {
        self.shared.federation.statuses()
    }

    /// Calls the federated tool offered as `name` with `arguments`, and records the call;
    /// what the upstream sends during the call goes to `relay`'s caller (nothing does before
    /// policy allowed the call). A tool-level error (`isError`) is an answer; what fails the
    /// call is an error.
    pub async fn call_federated(
        &self,
        ctx: &RequestContext,
        name: &str,
        arguments: Option<JsonObject>,
        relay: Option<Relay>,
    ) -> Result<FederatedAnswer, CallError> {
        let started = Instant::now();
        let mut trail = Trail::default();
        let mut upstream = None;
        let mut read_only = false;
        let work = self.federated(
            ctx,
            name,
            arguments,
            relay.as_ref(),
            &mut trail,
            &mut upstream,
            &mut read_only,
        );
        let result = match ctx.deadline {
            Some(deadline) => tokio::time::timeout(deadline, work)
                .await
                .unwrap_or(Err(CallError::DeadlineExceeded(deadline))),
            None => work.await,
        };
        if let (Some(relay), Some(instance)) = (&relay, &upstream) {
            account(instance, relay.counts(), &mut trail);
        }
        let finished = Finished {
            operation: FEDERATED_CALL,
            trail,
            outcome: result.as_ref().map_or_else(CallError::code, |_| "ok"),
            source: match &result {
                Ok(answer) if answer.served.source == Source::L1 => "l1",
                Ok(_) => "provider",
                Err(_) => "none",
            },
            instance: upstream,
            failed_over: None,
            fault: result.as_ref().err().map(CallError::fault),
            elapsed: started.elapsed(),
        };
        // A tool not configured read-only may have changed something: its record is
        // committed before the caller hears the answer, as a write's is.
        self.record(ctx, finished, !read_only).await;
        result
    }

    #[allow(clippy::too_many_arguments)]
    async fn federated(
        &self,
        ctx: &RequestContext,
        name: &str,
        arguments: Option<JsonObject>,
        relay: Option<&Relay>,
        trail: &mut Trail,
        audited_upstream: &mut Option<String>,
        read_only: &mut bool,
    ) -> Result<FederatedAnswer, CallError> {
        let tool = self
            .federated_tool(name)
            .ok_or_else(|| CallError::UnknownOperation(name.to_owned()))?;
        let runtime = self.shared.runtime.load_full();
        let resource = tool.resource();
        trail.resource = resource.clone();
        *audited_upstream = Some(tool.upstream.clone());
        *read_only = tool.read_only;
        authorize(&runtime.policies, ctx, FEDERATED_CALL, &resource, trail)?;
        let unavailable = |error: ProviderError| CallError::Provider {
            instance: tool.upstream.clone(),
            error,
        };
        let upstream = runtime.upstreams.get(&tool.upstream).ok_or_else(|| {
            unavailable(ProviderError::Unavailable(
                "the upstream is being reconfigured".into(),
            ))
        })?;
        let served = |source: Source, age_ms: u64| Served {
            instance: tool.upstream.clone(),
            source,
            age_ms,
            stale: false,
            rule: None,
            reasons: trail.reasons.clone(),
            failed_over: Vec::new(),
        };
        let key = tool.cacheable.then(|| {
            ResultKey::new(
                &ctx.tenant,
                upstream.generation,
                tool.upstream_name(),
                arguments.as_ref(),
            )
        });
        if let Some(key) = &key
            && let Some(kept) = self.shared.federated_cache.get(key).await
        {
            let age = u64::try_from(kept.stored.elapsed().as_millis()).unwrap_or(u64::MAX);
            return Ok(FederatedAnswer {
                result: kept.result,
                served: served(Source::L1, age),
            });
        }
        let result = execute::execute(
            &self.shared.federation,
            upstream,
            tool.upstream_name(),
            tool.read_only,
            arguments,
            &runtime.retry,
            relay,
        )
        .await
        .map_err(unavailable)?;
        let result = Arc::new(result);
        if let Some(key) = key
            && result.is_error != Some(true)
        {
            self.shared
                .federated_cache
                .put(key, Arc::clone(&result), upstream.spec.cache_ttl)
                .await;
        }
        Ok(FederatedAnswer {
            result,
            served: served(Source::Provider, 0),
        })
    }
}

/// Counts what `upstream` sent during a call in the metrics, and names it among the call's
/// reasons (its audit record's) when there was anything.
fn account(upstream: &str, counts: RelayCounts, trail: &mut Trail) {
    let kinds = [
        ("progress", "relayed", counts.progress),
        ("log", "relayed", counts.logs),
        ("request", "relayed", counts.requests),
        ("request", "refused", counts.refused),
        ("notification", "dropped", counts.dropped),
    ];
    let mut said = Vec::new();
    for (kind, outcome, count) in kinds {
        if count > 0 {
            metrics::counter!(FEDERATED_RELAYED, "instance" => upstream.to_owned(), "kind" => kind, "outcome" => outcome)
                .increment(count);
            said.push(format!("{count} {kind} {outcome}"));
        }
    }
    if !said.is_empty() {
        trail.reasons.push(format!(
            "from the upstream during the call: {}",
            said.join(", ")
        ));
    }
}
