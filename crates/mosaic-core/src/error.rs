//! The errors a provider answers with, each tagged with who is at fault.

use serde::Serialize;
use std::time::Duration;

/// Who caused a failure. A provider outage must never be reported as the caller's mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fault {
    /// The request itself is wrong (bad input, missing permission, unknown resource).
    Caller,
    /// The upstream provider failed (down, slow, rate limited, answered nonsense).
    Provider,
    /// MosAIc or its configuration failed (bad credentials configured, a bug).
    Gateway,
}

/// A failure of one call to one provider instance. Adapters map every upstream status to one
/// of these; the executor decides retries and failover from the variant alone.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The addressed resource does not exist (or is invisible to these credentials).
    #[error("not found: {0}")]
    NotFound(String),
    /// The credentials are valid but may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The provider rejected the configured credentials.
    #[error("authentication with the provider failed: {0}")]
    Unauthenticated(String),
    /// The change conflicts with the resource's current state (stale version, already merged).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The provider rejected the input, with its own message.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The provider's quota is exhausted, or the gateway's client-side rate limit for the
    /// instance has no permit in time; `retry_after` is how long to wait, when known. The
    /// message names neither: the caller's recourse is the same, waiting.
    #[error("rate limited{}", retry_after_text(*.retry_after))]
    RateLimited {
        /// How long the provider asked us to wait.
        retry_after: Option<Duration>,
    },
    /// The provider is down or failing (5xx, connection refused, scripted outage).
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    /// The provider did not answer in time.
    #[error("provider timed out after {0:?}")]
    Timeout(Duration),
    /// This instance does not implement the operation.
    #[error("operation {operation} is not supported by this provider: {reason}")]
    Unsupported {
        /// The operation id.
        operation: String,
        /// Why, in the plugin's words.
        reason: String,
    },
    /// The provider answered something we could not understand.
    #[error("unexpected answer from the provider: {0}")]
    Protocol(String),
    /// A write reached the provider and may have been applied, but what followed could not
    /// confirm it: the provider's 2xx answer did not parse, or reading the written resource
    /// back failed. Never "not performed": a caller who repeats it may create a duplicate.
    #[error("the write may have been applied, but {reason}{}", known_text(.id.as_deref()))]
    WriteUnconfirmed {
        /// The native id (or key) of what was written, when the provider returned one.
        id: Option<String>,
        /// What went wrong after the provider accepted the write.
        reason: String,
    },
}

fn known_text(id: Option<&str>) -> String {
    match id {
        Some(id) => format!(" (the provider returned `{id}`)"),
        None => String::new(),
    }
}

fn retry_after_text(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(" (retry after {} s)", wait.as_secs_f64()),
        None => String::new(),
    }
}

impl ProviderError {
    /// Who is at fault. One exhaustive match: a new variant must say whose fault it is.
    pub fn fault(&self) -> Fault {
        match self {
            Self::NotFound(_)
            | Self::Forbidden(_)
            | Self::Conflict(_)
            | Self::Invalid(_)
            | Self::Unsupported { .. } => Fault::Caller,
            Self::RateLimited { .. }
            | Self::Unavailable(_)
            | Self::Timeout(_)
            | Self::Protocol(_)
            | Self::WriteUnconfirmed { .. } => Fault::Provider,
            Self::Unauthenticated(_) => Fault::Gateway,
        }
    }

    /// A short stable name for metrics, audit records and error payloads.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not_found",
            Self::Forbidden(_) => "forbidden",
            Self::Unauthenticated(_) => "unauthenticated",
            Self::Conflict(_) => "conflict",
            Self::Invalid(_) => "invalid_input",
            Self::RateLimited { .. } => "rate_limited",
            Self::Unavailable(_) => "unavailable",
            Self::Timeout(_) => "timeout",
            Self::Unsupported { .. } => "unsupported",
            Self::Protocol(_) => "bad_upstream_answer",
            Self::WriteUnconfirmed { .. } => "write_outcome_unknown",
        }
    }
}
