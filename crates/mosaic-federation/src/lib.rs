//! Upstream MCP servers federated by MosAIc (DESIGN.md "Providers", issue 13 item 4).
//!
//! Each configured upstream (`upstreams` in the configuration) is kept connected by a
//! supervisor task: a stdio server is started once in a process group of its own, restarted
//! with backoff when it exits, and killed with everything it started when it is removed; an
//! HTTP server is reached with the upstream's own credentials only. Its tools are listed on
//! connection, on `notifications/tools/list_changed` and on a timer, named by `naming` and
//! gathered in one [`Catalog`]; one upstream that is down keeps the others' tools offered.
//!
//! During a call, what the upstream sends for it (progress, log messages, sampling and
//! elicitation requests) is relayed to that call's caller through its [`Relay`] (`relay`,
//! routed per connection by `routes` and `tap`).
//!
//! This crate makes single calls. Policy, audit, metrics, the breaker, timeouts, retries and
//! the cache are the gateway's (`mosaic-gateway`, `federated.rs`), as for every call.

mod catalog;
mod connect;
mod federation;
mod link;
mod listener;
pub mod naming;
mod relay;
mod routes;
mod supervisor;
mod tap;

pub use catalog::{Catalog, FederatedTool};
pub use federation::{Federation, UpstreamStatus};
pub use link::LinkState;
pub use naming::{MAX_TOOL_NAME, exposed_name};
pub use relay::{Accepts, Question, RELAY_CAPACITY, Relay, RelayCounts, Relayed};
/// The MCP types federated calls and tools are made of.
pub use rmcp::model::{CallToolResult, JsonObject, Tool};
