//! The call log: one INFO line per finished call (target `mosaic::call`), with the trace id
//! that ties it to the call's audit record.

use super::AttemptObserver;
use crate::record::Finished;
use mosaic_core::RequestContext;

/// Logs every finished call; attempts are not logged one by one (the breaker logs what
/// operators must see: a circuit opening and closing).
pub(crate) struct CallLog;

impl AttemptObserver for CallLog {
    fn finished(&self, ctx: &RequestContext, call: &Finished) {
        tracing::info!(
            target: "mosaic::call",
            operation = %call.operation,
            outcome = %call.outcome,
            instance = %call.instance.as_deref().unwrap_or("-"),
            cache = %call.source,
            latency_ms = call.elapsed.as_secs_f64() * 1000.0,
            trace_id = %ctx.trace_id,
            "call"
        );
    }
}
