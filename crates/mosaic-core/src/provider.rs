//! The plugin contract. A plugin is a provider type at a version (`sim@1.0.0`, `github@1.0.0`);
//! a provider instance is one configured, running use of it.
//!
//! Building an instance is split in two, like Vector's sinks: a pure [`Plugin::validate`] (no
//! network, no files, no secrets resolved), so `mosaic config check` reports every error before
//! any traffic, and an effectful [`InstanceBuilder::build`].
//!
//! Providers know nothing of routing, caching, tenants or retries: they map one unified
//! operation to one API and back.

use crate::catalog::{OpId, Operation, Output};
use crate::error::ProviderError;
use crate::kind::ServiceKind;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;
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

    /// Probes the provider. By default: no health check, always healthy.
    async fn health(&self) -> Health {
        Health::Healthy
    }

    /// The provider's last reported quota. By default: none known.
    fn quota(&self) -> Option<Quota> {
        None
    }
}

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

/// Validated settings, ready to be turned into a running instance.
#[async_trait::async_trait]
pub trait InstanceBuilder: Send + Sync {
    /// Starts the instance: resolves secrets, opens clients.
    async fn build(self: Box<Self>, instance: &str) -> Result<Arc<dyn Provider>, BuildError>;
}

/// A provider type at a version.
pub trait Plugin: Send + Sync + 'static {
    /// The plugin's name as written in configuration (`sim`, `github`).
    fn name(&self) -> &'static str;

    /// The plugin's version (semver).
    fn version(&self) -> &'static str;

    /// One line on what it talks to.
    fn description(&self) -> &'static str;

    /// The service kinds it can serve.
    fn kinds(&self) -> &'static [ServiceKind];

    /// Whether the plugin implements `op`, for the coverage matrix. An instance may support
    /// less (see [`Provider::supports`]).
    fn supports(&self, op: OpId) -> Support;

    /// JSON Schema of the instance `settings` block.
    fn settings_schema(&self) -> schemars::Schema;

    /// Checks an instance's settings without touching the network, files or secrets, and
    /// reports every problem at once.
    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>>;
}

#[cfg(test)]
#[path = "provider_tests.rs"]
mod tests;
