//! The gateway pipeline: validation, policy, routing, cache, executor (timeouts, retries,
//! circuit breakers, client-side rate limits), audit and metrics, behind one `Gateway::call`;
//! the meta operations (`Gateway::explain`, `Gateway::providers_status`) under the same
//! policy and audit.

pub mod answer;
pub mod auth;
pub mod breaker;
mod build;
pub mod canary;
mod context;
pub mod costs;
pub mod executor;
pub mod federated;
pub mod gateway;
mod health;
pub mod instance;
pub mod latency;
mod meta;
pub mod metrics;
pub mod observe;
mod pipeline;
mod plugin_folder;
mod plugins;
mod policy;
mod publish;
pub mod rate_limiter;
mod record;
mod reload;
pub mod residency;
pub mod retry;
pub mod run_ids;
mod runtime;
#[cfg(test)]
mod scripted;
pub mod sharing;
pub mod status;
pub mod wait;
mod warming;
mod write_outcome;

pub use answer::{Attempt, CallAnswer, CallError, CallRequest, Served, Source};
pub use build::StartError;
pub use federated::FederatedAnswer;
pub use gateway::{Gateway, HttpOptions};
pub use plugins::{CanaryAction, CanaryError, InstalledPlugin, PluginsReport};
pub use reload::ReloadWatch;
pub use sharing::Sharing;
pub use status::{CacheTierStatus, InstanceStatus};
pub use wait::{ProgressSink, WaitProgress};
