//! What the gateway hands back to a front end: the typed result plus everything needed to
//! explain it (which instance served it, whether it came from cache and how old it is, the
//! plan's reasons), or a typed error that says who is at fault.

use mosaic_core::{ArgumentError, Fault, OpId, Output, ProviderError};
use serde::Serialize;
use std::sync::Arc;

/// One call as a front end hands it over, before validation.
#[derive(Clone, Debug)]
pub struct CallRequest {
    /// The operation.
    pub op: OpId,
    /// The JSON arguments, not yet validated.
    pub arguments: serde_json::Value,
    /// An instance the caller pinned (MCP's optional `provider` argument).
    pub provider: Option<String>,
}

/// Where an answer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Fetched from the provider for this call.
    Provider,
    /// The in-process cache.
    L1,
}

/// How an answer was served.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Served {
    /// The instance whose data this is.
    pub instance: String,
    /// Provider or cache tier.
    pub source: Source,
    /// Age of a cached answer in milliseconds (0 when fetched now).
    pub age_ms: u64,
    /// Whether the answer is past its TTL and was served because every candidate failed.
    pub stale: bool,
    /// The name of the route rule that produced the plan.
    pub rule: Option<String>,
    /// Why the plan looked the way it did, in order.
    pub reasons: Vec<String>,
    /// Instances tried before the one that served, with their errors.
    pub failed_over: Vec<Attempt>,
}

/// One failed attempt at one instance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attempt {
    /// The instance.
    pub instance: String,
    /// The error's stable code.
    pub code: &'static str,
    /// The error message.
    pub message: String,
}

/// A successful call.
#[derive(Clone, Debug)]
pub struct CallAnswer {
    /// The typed result (shared with the cache).
    pub output: Arc<Output>,
    /// How it was served.
    pub served: Served,
}

/// Why a call failed. The mapping to HTTP statuses and MCP errors is one exhaustive match
/// in each front end, over [`CallError::fault`] and [`CallError::code`].
#[derive(Clone, Debug, thiserror::Error)]
pub enum CallError {
    /// The request carries no valid credentials and anonymous access is not configured.
    #[error("authentication required: {0}")]
    Unauthenticated(String),
    /// The operation name is not in the catalog.
    #[error("unknown operation `{0}`")]
    UnknownOperation(String),
    /// The arguments do not fit the operation's input.
    #[error(transparent)]
    InvalidArguments(#[from] ArgumentError),
    /// Policy denied the call.
    #[error("{principal} may not call {operation} on {resource}")]
    Denied {
        /// The caller.
        principal: String,
        /// The operation.
        operation: &'static str,
        /// The resource.
        resource: String,
    },
    /// The router found no usable candidate, or the caller's pin cannot serve the call.
    #[error(transparent)]
    NoRoute(#[from] mosaic_routing::NoRoute),
    /// The one instance tried (a write's system of record, or a read with one candidate)
    /// answered with an error.
    #[error("{instance}: {error}")]
    Provider {
        /// The instance.
        instance: String,
        /// Its error.
        error: ProviderError,
    },
    /// A write's system of record is unavailable; the write was not sent anywhere else.
    #[error(
        "{operation} was not performed: its system of record `{instance}` is unavailable ({error}); writes are never sent to another system"
    )]
    WriteTargetDown {
        /// The operation.
        operation: &'static str,
        /// The system of record.
        instance: String,
        /// Why it is considered down.
        error: ProviderError,
    },
    /// A non-idempotent write timed out: the system of record may or may not have applied it,
    /// so it is neither retried nor sent elsewhere.
    #[error(
        "{operation} timed out at its system of record `{instance}`; it may or may not have been applied — check before repeating it"
    )]
    WriteOutcomeUnknown {
        /// The operation.
        operation: &'static str,
        /// The system of record.
        instance: String,
    },
    /// Every candidate of a read failed and nothing usable was cached.
    #[error("every candidate failed: {}", render_attempts(.0))]
    AllCandidatesFailed(Vec<Attempt>),
    /// The caller's deadline passed before an answer was found.
    #[error("no answer within the caller's deadline of {0:?}")]
    DeadlineExceeded(std::time::Duration),
    /// The gateway itself failed.
    #[error("internal gateway error: {0}")]
    Internal(String),
}

fn render_attempts(attempts: &[Attempt]) -> String {
    let parts: Vec<String> = attempts
        .iter()
        .map(|a| format!("{} ({})", a.instance, a.message))
        .collect();
    parts.join("; ")
}

impl CallError {
    /// Who is at fault.
    pub fn fault(&self) -> Fault {
        match self {
            Self::Unauthenticated(_)
            | Self::UnknownOperation(_)
            | Self::InvalidArguments(_)
            | Self::Denied { .. } => Fault::Caller,
            Self::NoRoute(no_route) => no_route.fault(),
            Self::Internal(_) => Fault::Gateway,
            Self::Provider { error, .. } => error.fault(),
            Self::WriteTargetDown { .. }
            | Self::WriteOutcomeUnknown { .. }
            | Self::AllCandidatesFailed(_)
            | Self::DeadlineExceeded(_) => Fault::Provider,
        }
    }

    /// A short stable name for payloads, audit and metrics.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => "unauthenticated",
            Self::UnknownOperation(_) => "unknown_operation",
            Self::InvalidArguments(_) => "invalid_arguments",
            Self::Denied { .. } => "denied",
            Self::NoRoute(no_route) => no_route.code(),
            Self::Provider { error, .. } => error.code(),
            Self::WriteTargetDown { .. } => "write_target_unavailable",
            Self::WriteOutcomeUnknown { .. } => "write_outcome_unknown",
            Self::AllCandidatesFailed(_) => "all_candidates_failed",
            Self::DeadlineExceeded(_) => "deadline_exceeded",
            Self::Internal(_) => "internal",
        }
    }
}
