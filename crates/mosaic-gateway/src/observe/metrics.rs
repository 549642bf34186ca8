//! The metrics part: the Prometheus counters and histograms of attempts and finished calls,
//! under the names defined in [`crate::metrics`]. The breaker's own series (its state, its
//! transitions) are exported by the breaker feedback, which knows when the circuit moved.
//!
//! Instance labels are the instance's shared name (`Arc<str>`), and the plugin and version
//! labels its plugin's shared name and version: labelling an attempt copies no string.

use super::AttemptObserver;
use super::event::{Attempt, Outcome};
use crate::instance::Instance;
use crate::metrics::{
    CLIENT_RATE_LIMIT_WAIT, CLIENT_RATE_LIMITED, FAILOVERS, PROVIDER_CALL_DURATION, PROVIDER_CALLS,
    QUOTA_BACKOFFS, REQUEST_DURATION, REQUESTS, RETRIES,
};
use crate::record::Finished;
use mosaic_core::{ProviderError, RequestContext};

/// Counts attempts (sent, retried, held back by a spent quota or the client-side rate
/// limit, delayed by that limit) and finished calls.
pub(crate) struct Metrics;

impl AttemptObserver for Metrics {
    fn attempt(&self, instance: &Instance, attempt: &Attempt, _error: Option<&ProviderError>) {
        let operation = attempt.operation.name();
        if attempt.is_retry() {
            metrics::counter!(RETRIES, "instance" => attempt.instance.clone(), "operation" => operation)
                .increment(1);
        }
        if let Some(waited) = attempt.waited {
            metrics::histogram!(CLIENT_RATE_LIMIT_WAIT, "instance" => attempt.instance.clone())
                .record(waited.as_secs_f64());
            if !waited.is_zero() {
                metrics::counter!(CLIENT_RATE_LIMITED, "instance" => attempt.instance.clone(), "outcome" => "delayed")
                    .increment(1);
            }
        }
        match attempt.outcome {
            Outcome::QuotaSpent { .. } => {
                metrics::counter!(QUOTA_BACKOFFS, "instance" => attempt.instance.clone())
                    .increment(1);
            }
            Outcome::RateLimitRefused { .. } => {
                metrics::counter!(CLIENT_RATE_LIMITED, "instance" => attempt.instance.clone(), "outcome" => "refused")
                    .increment(1);
            }
            Outcome::CircuitOpen => {}
            Outcome::Ok | Outcome::Failed { .. } => {
                let (plugin, version) = (
                    instance.plugin_name.clone(),
                    instance.plugin_version.clone(),
                );
                metrics::counter!(PROVIDER_CALLS, "instance" => attempt.instance.clone(), "plugin" => plugin.clone(), "version" => version.clone(), "operation" => operation, "outcome" => attempt.outcome.code())
                    .increment(1);
                metrics::histogram!(PROVIDER_CALL_DURATION, "instance" => attempt.instance.clone(), "plugin" => plugin, "version" => version, "operation" => operation)
                    .record(attempt.elapsed.as_secs_f64());
            }
        }
    }

    fn finished(&self, _ctx: &RequestContext, call: &Finished) {
        metrics::counter!(REQUESTS, "operation" => call.operation, "outcome" => call.outcome, "source" => call.source)
            .increment(1);
        metrics::histogram!(REQUEST_DURATION, "operation" => call.operation, "source" => call.source)
            .record(call.elapsed.as_secs_f64());
        if let Some(failed) = &call.failed_over {
            metrics::counter!(FAILOVERS, "operation" => call.operation, "instance" => failed.clone())
                .increment(1);
        }
    }
}
