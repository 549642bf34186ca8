//! Recording a finished call: what it leaves behind ([`Finished`]), handed to the observers
//! (metrics, its log line, the event stream) and to the audit log, from one place. The audit
//! record's reasons end with the call's residency decision when it had one (see
//! `residency.rs`): the reasons are sealed in the hash chain, so the decision is as
//! tamper-evident as the rest of the record.

use crate::gateway::Gateway;
use crate::metrics::AUDIT_UNRECORDED;
use crate::pipeline::Trail;
use mosaic_core::RequestContext;
use mosaic_store::NewAuditRecord;

/// What a finished call leaves behind, for [`Gateway::record`].
pub(crate) struct Finished {
    /// The operation (a catalog operation or a meta operation).
    pub(crate) operation: &'static str,
    /// Resource, rule and reasons, as far as the call got.
    pub(crate) trail: Trail,
    /// `ok` or the error's code.
    pub(crate) outcome: &'static str,
    /// Where the answer came from: `provider`, `l1`, `l2`, `stale` or `none`.
    pub(crate) source: &'static str,
    /// The instance that served it.
    pub(crate) instance: Option<String>,
    /// The first candidate given up on before a later one served the answer.
    pub(crate) failed_over: Option<String>,
    /// Whose fault a failure was.
    pub(crate) fault: Option<mosaic_core::Fault>,
    /// From the call's start to its answer.
    pub(crate) elapsed: std::time::Duration,
}

impl Gateway {
    /// Hands a finished call to the observers (metrics, its one INFO line, the event stream)
    /// and audits it; with `committed` (writes) it returns only once the audit record is
    /// committed.
    pub(crate) async fn record(&self, ctx: &RequestContext, call: Finished, committed: bool) {
        // Observed where it is audited, so the event stream and the audit log tell of the
        // same calls.
        self.shared.observers.finished(ctx, &call);
        let Finished {
            operation,
            trail,
            outcome,
            source,
            instance,
            failed_over: _,
            fault,
            elapsed,
        } = call;
        let mut reasons = trail.reasons;
        if let Some(residency) = &trail.residency {
            reasons.push(residency.reason(instance.as_deref()));
        }
        let record = NewAuditRecord {
            at_ms: NewAuditRecord::now_ms(),
            tenant: ctx.tenant.clone(),
            principal: ctx.principal.clone(),
            operation: operation.to_owned(),
            resource: trail.resource,
            rule: trail.rule,
            reasons,
            instance,
            cache: source.to_owned(),
            outcome: outcome.to_owned(),
            fault: fault.map(|fault| fault_name(fault).to_owned()),
            latency_us: i64::try_from(elapsed.as_micros()).unwrap_or(i64::MAX),
            trace_id: ctx.trace_id.clone(),
        };
        let recorded = if committed {
            self.shared.audit.record_committed(record).await
        } else {
            self.shared.audit.record(record).await
        };
        if recorded.is_err() {
            // Only possible once the writer stopped (shutdown); the call itself already happened,
            // so its answer stands: a write reported as failed would be retried and duplicated.
            metrics::counter!(AUDIT_UNRECORDED).increment(1);
            tracing::error!(operation, trace_id = %ctx.trace_id, "audit writer stopped; a call went unrecorded");
        }
    }
}

fn fault_name(fault: mosaic_core::Fault) -> &'static str {
    match fault {
        mosaic_core::Fault::Caller => "caller",
        mosaic_core::Fault::Provider => "provider",
        mosaic_core::Fault::Gateway => "gateway",
    }
}
