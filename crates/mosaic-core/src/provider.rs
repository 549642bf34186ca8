//! The provider contract the gateway calls: one running provider instance, what it supports,
//! and the errors of configuring and building one. Plugins — provider types at a version, and
//! how instances are built — are `mosaic-plugin`'s.
//!
//! Providers know nothing of routing, caching, tenants or retries: they map one unified
//! operation to one API and back.

use crate::catalog::{OpId, Operation, Output};
use crate::error::ProviderError;
use serde::Serialize;
use std::borrow::Cow;
use std::time::Duration;

/// Whether a plugin or instance implements an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "support", rename_all = "lowercase")]
pub enum Support {
    /// Implemented.
    Supported,
    /// Not implemented, and why (in the plugin's words).
    Unsupported {
        /// Why the operation is not available.
        reason: Cow<'static, str>,
    },
}

impl Support {
    /// Unsupported for a reason.
    pub fn unsupported(reason: impl Into<Cow<'static, str>>) -> Self {
        Self::Unsupported {
            reason: reason.into(),
        }
    }

    /// Whether the operation is implemented.
    pub fn is_supported(&self) -> bool {
        matches!(self, Self::Supported)
    }
}

/// The answer of a health check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Health {
    /// Serving.
    Healthy,
    /// Not serving, and why.
    Unhealthy {
        /// What the check saw.
        reason: String,
    },
}

/// What a provider last said about its rate-limit quota. Serialized (provider status over
/// MCP and REST) as `{"remaining", "limit", "resets_in_ms"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quota {
    /// Calls left in the current window.
    pub remaining: u64,
    /// Size of the window's quota.
    pub limit: u64,
    /// Time until the window resets; serialized as `resets_in_ms`, whole milliseconds like
    /// every duration the gateway reports (`age_ms`, `latency_ms`), `null` when unknown.
    #[serde(rename = "resets_in_ms", serialize_with = "whole_millis")]
    pub resets_in: Option<Duration>,
}

fn whole_millis<S: serde::Serializer>(
    duration: &Option<Duration>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match duration {
        Some(duration) => {
            serializer.serialize_u64(u64::try_from(duration.as_millis()).unwrap_or(u64::MAX))
        }
        None => serializer.serialize_none(),
    }
}

/// One running provider instance.
#[async_trait::async_trait]
pub trait Provider: Send + Sync + 'static {
    /// Whether this instance implements `op`.
    fn supports(&self, op: OpId) -> Support;

    /// Executes one operation against the provider.
    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError>;

    /// Probes the provider (plugins write it once, with a default, in `mosaic-plugin`'s
    /// `Instance`).
    async fn health(&self) -> Health;

    /// The provider's last reported quota.
    fn quota(&self) -> Option<Quota>;

    /// How often `ci.runs.wait` reads a run of this instance again: the pace its plugin
    /// suggests for the provider's quota and how fast its runs change. By default:
    /// [`DEFAULT_RUN_POLL_INTERVAL`].
    fn run_poll_interval(&self) -> Duration {
        DEFAULT_RUN_POLL_INTERVAL
    }
}

/// How often a run is read again while waiting for it, unless its plugin says otherwise.
pub const DEFAULT_RUN_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// A configuration problem at a path inside a plugin's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{path}: {message}")]
pub struct FieldError {
    /// Dotted path below the instance's `settings` (empty for the settings as a whole).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl FieldError {
    /// An error at a path.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Building a validated instance failed (a secret missing from the environment, a file that
/// cannot be read).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("could not start provider instance `{instance}`: {message}")]
pub struct BuildError {
    /// The instance name.
    pub instance: String,
    /// What went wrong.
    pub message: String,
}

#[cfg(test)]
#[path = "provider_tests.rs"]
mod tests;
