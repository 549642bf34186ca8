//! What the gateway hands back to a front end: the typed result plus everything needed to
//! explain it (which instance served it, whether it came from cache and how old it is, the
//! plan's reasons), or a typed error that says who is at fault.

use crate::rate_limiter::Refusal;
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
    /// The Redis cache shared by replicas.
    L2,
}

impl Source {
    /// How metrics, audit records and headers name it: `provider`, `l1`, `l2`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provider => "provider",
            Self::L1 => "l1",
            Self::L2 => "l2",
        }
    }
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
    /// Candidates given up on before the one that served: those tried, with their errors,
    /// then those the plan preferred but passed over because their circuit was open.
    pub failed_over: Vec<Attempt>,
}

/// One candidate given up on before the one that served: tried and failed, or passed over
/// without a call because its circuit was open (code `circuit_open`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attempt {
    /// The instance.
    pub instance: String,
    /// The error's stable code, or `circuit_open` for a candidate passed over.
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
    /// How HTTP caches in front may keep it (private, for writes).
    pub sharing: crate::sharing::Sharing,
}

/// Why a call failed. The mapping to HTTP statuses and MCP errors is one exhaustive match
/// in each front end, over [`CallError::fault`] and [`CallError::code`].
#[derive(Clone, Debug, thiserror::Error)]
pub enum CallError {
    /// The request carries no valid credentials and anonymous access is not configured.
    #[error("authentication required: {0}")]
    Unauthenticated(String),
    /// The caller asserted a routing hint (its region, a request label) that its API key, or
    /// anonymous access, was not granted in the configuration.
    #[error("{header}: `{value}` is not granted to {caller}; {granted}")]
    HintNotGranted {
        /// The header as callers write it (`X-Mosaic-Region`).
        header: &'static str,
        /// The refused value (`us`, `classification=secret`).
        value: String,
        /// Who asserted it: an API key by its name, or anonymous callers.
        caller: String,
        /// What it may assert instead.
        granted: String,
    },
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
    /// A write's system of record is unavailable and provably did not apply it (it could not be
    /// reached, its circuit is open, it answered 5xx); the write was not sent anywhere else.
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
    /// A write reached its system of record and may have been applied, but no answer confirms
    /// it: the provider did not answer in time (for an idempotent write: on every attempt),
    /// its answer could not be understood, or reading the written resource back failed. It is
    /// neither repeated nor sent elsewhere; the caller must check before repeating it.
    #[error(
        "{operation} may have been applied by its system of record `{instance}`, but {reason}{}; check before repeating it (it was not sent to any other system)",
        known_id(.id.as_deref())
    )]
    WriteOutcomeUnknown {
        /// The operation.
        operation: &'static str,
        /// The system of record.
        instance: String,
        /// The native id (or key) of what was written, when the provider returned one.
        id: Option<String>,
        /// Why the outcome is unknown.
        reason: String,
    },
    /// Every instance meeting the matched rule's hard constraints (`require`) is down, and none
    /// outside them was asked: residency holds even then. A write in this state provably was
    /// not applied anywhere.
    #[error(
        "no instance meeting {constraint} is available: {}; route rule `{rule}` allows no instance outside it, so none was asked{}",
        render_down(.down),
        not_performed(*.write, .operation)
    )]
    ConstraintUnavailable {
        /// The hard constraints as `key=value` pairs (`jurisdiction=eu`).
        constraint: String,
        /// The matched rule.
        rule: String,
        /// The operation.
        operation: &'static str,
        /// Whether it is a write (and so was not performed).
        write: bool,
        /// Each candidate inside the constraint, with why it is considered down.
        down: Vec<Attempt>,
    },
    /// Every candidate of a read failed and nothing usable was cached.
    #[error("every candidate failed: {}", render_attempts(.0))]
    AllCandidatesFailed(Vec<Attempt>),
    /// The instance's client-side rate limit (its `rate_limit` setting or its plugin's
    /// documented default) had no permit in time, so the call was not sent: for a read, on
    /// every candidate, this one having the soonest permit.
    #[error("{instance}: {refusal}")]
    RateLimitRefused {
        /// The instance.
        instance: String,
        /// The limit and the wait.
        refusal: Refusal,
    },
    /// A run id that this gateway did not hand out for this repository (or that was altered):
    /// it names no run, and is never tried on an instance it might mean something else to.
    #[error("no run `{run_id}` in {repo}: {reason}")]
    UnknownRun {
        /// The repository.
        repo: String,
        /// The id as given.
        run_id: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The caller's deadline passed before an answer was found.
    #[error("no answer within the caller's deadline of {0:?}")]
    DeadlineExceeded(std::time::Duration),
    /// The gateway itself failed.
    #[error("internal gateway error: {0}")]
    Internal(String),
}

fn known_id(id: Option<&str>) -> String {
    match id {
        Some(id) => format!(" (the provider returned id `{id}`)"),
        None => String::new(),
    }
}

fn render_down(attempts: &[Attempt]) -> String {
    let parts: Vec<String> = attempts
        .iter()
        .map(|a| format!("{} is down ({})", a.instance, a.message))
        .collect();
    parts.join("; ")
}

fn not_performed(write: bool, operation: &str) -> String {
    if write {
        format!("; {operation} was not performed")
    } else {
        String::new()
    }
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
            | Self::HintNotGranted { .. }
            | Self::Denied { .. }
            | Self::UnknownRun { .. } => Fault::Caller,
            Self::NoRoute(no_route) => no_route.fault(),
            Self::Internal(_) => Fault::Gateway,
            Self::Provider { error, .. } => error.fault(),
            Self::WriteTargetDown { .. }
            | Self::WriteOutcomeUnknown { .. }
            | Self::ConstraintUnavailable { .. }
            | Self::AllCandidatesFailed(_)
            | Self::RateLimitRefused { .. }
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
            Self::HintNotGranted { .. } => "hint_not_granted",
            Self::NoRoute(no_route) => no_route.code(),
            Self::Provider { error, .. } => error.code(),
            Self::WriteTargetDown { .. } => "write_target_unavailable",
            Self::WriteOutcomeUnknown { .. } => "write_outcome_unknown",
            Self::ConstraintUnavailable { .. } => "constraint_unavailable",
            Self::AllCandidatesFailed(_) => "all_candidates_failed",
            Self::RateLimitRefused { .. } => "rate_limited",
            Self::UnknownRun { .. } => "not_found",
            Self::DeadlineExceeded(_) => "deadline_exceeded",
            Self::Internal(_) => "internal",
        }
    }
}
