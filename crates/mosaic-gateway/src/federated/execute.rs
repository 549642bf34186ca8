//! One federated call on its upstream, as the executor makes a provider call: through the
//! upstream's circuit breaker, each attempt under its timeout, retried with backoff only when
//! the tool is configured read-only and the failure is transient (`retry::next_step_for`),
//! every attempt fed to the breaker, the latency average, the counters and the metrics.

use super::upstream::Upstream;
use crate::breaker::Admission;
use crate::metrics::{PROVIDER_CALL_DURATION, PROVIDER_CALLS, RETRIES};
use crate::retry::{NextStep, RetrySettings, next_step_for};
use mosaic_core::meta::FEDERATED_CALL;
use mosaic_core::{Fault, ProviderError};
use mosaic_federation::{CallToolResult, Federation, JsonObject, Relay};
use tokio::time::Instant;

/// Calls `tool` (the upstream's own name) of `upstream`; what the upstream sends during each
/// attempt goes to `relay`'s caller.
pub(crate) async fn execute(
    federation: &Federation,
    upstream: &Upstream,
    tool: &str,
    read_only: bool,
    arguments: Option<JsonObject>,
    retry: &RetrySettings,
    relay: Option<&Relay>,
) -> Result<CallToolResult, ProviderError> {
    let mut attempt = 1;
    loop {
        if upstream.signals.breaker.admit() == Admission::Rejected {
            metrics::counter!(PROVIDER_CALLS, "instance" => upstream.shared_name.clone(), "operation" => FEDERATED_CALL, "outcome" => "circuit_open")
                .increment(1);
            return Err(ProviderError::Unavailable(
                "circuit open after repeated failures".into(),
            ));
        }
        let started = Instant::now();
        let result = match tokio::time::timeout(
            upstream.timeout,
            federation.call(&upstream.spec.name, tool, arguments.clone(), relay),
        )
        .await
        {
            Ok(result) => result,
            Err(_) => Err(ProviderError::Timeout(upstream.timeout)),
        };
        observe(upstream, &result, started);
        let error = match result {
            Ok(answer) => return Ok(answer),
            Err(error) => error,
        };
        match next_step_for(read_only, &error, attempt, retry, rand::random::<f64>()) {
            NextStep::RetryAfter(delay) => {
                metrics::counter!(RETRIES, "instance" => upstream.shared_name.clone(), "operation" => FEDERATED_CALL)
                    .increment(1);
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
            NextStep::NextCandidate | NextStep::Stop => return Err(error),
        }
    }
}

/// Feeds one attempt to the upstream's signals and the metrics. Only the upstream's own
/// failures count against it: a tool's refusal of its arguments says nothing of its health,
/// and a tool-level error (`isError`) is an answer.
fn observe(upstream: &Upstream, result: &Result<CallToolResult, ProviderError>, started: Instant) {
    let elapsed = started.elapsed();
    let failed = result
        .as_ref()
        .err()
        .is_some_and(|error| error.fault() == Fault::Provider);
    if let Some(state) = upstream.signals.breaker.record(failed) {
        tracing::warn!(upstream = %upstream.spec.name, state = state.as_str(), "circuit of a federated upstream changed");
    }
    upstream.signals.count(failed);
    upstream.signals.latency.observe(elapsed);
    let outcome = match result {
        Ok(_) => "ok",
        Err(error) => error.code(),
    };
    metrics::counter!(PROVIDER_CALLS, "instance" => upstream.shared_name.clone(), "operation" => FEDERATED_CALL, "outcome" => outcome)
        .increment(1);
    metrics::histogram!(PROVIDER_CALL_DURATION, "instance" => upstream.shared_name.clone(), "operation" => FEDERATED_CALL)
        .record(elapsed.as_secs_f64());
}
