//! The gateway pipeline: validation, policy, routing, cache, executor (timeouts, retries,
//! circuit breakers), audit and metrics, behind one `Gateway::call`.

pub mod answer;
pub mod breaker;
pub mod executor;
pub mod gateway;
pub mod instance;
pub mod latency;
pub mod retry;
pub mod status;

pub use answer::{Attempt, CallAnswer, CallError, CallRequest, Served, Source};
pub use gateway::{Gateway, HttpOptions};
pub use status::InstanceStatus;
