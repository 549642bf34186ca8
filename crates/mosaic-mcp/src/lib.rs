//! The MCP front end. Tools are generated from the operation catalog (one per operation, named
//! by its id with `.` replaced by `_`) plus the meta tools, followed by the tools of federated
//! upstream MCP servers (see `mosaic-federation`), and served over streamable HTTP at
//! `/mcp` (protocol 2026-07-28, stateless, and 2025-11-25 with sessions) and over stdio. What a
//! federated upstream sends during a call (progress, log messages, sampling and elicitation
//! requests) is passed on to the client that made the call.
//!
//! The front knows nothing of providers: it authenticates, hands each call to
//! [`mosaic_gateway::Gateway`] and renders the answer or the error.

mod discovery;
mod edge;
mod handler;
mod http;
mod notify;
mod progress;
mod relay;
mod result;
mod rpc;
mod sessions;
mod stdio;
mod tasks;
mod tools;

pub use discovery::{META_CALL, META_SEARCH};
pub use handler::McpHandler;
pub use http::http_service;
pub use result::{ERROR_META, SERVED_META};
pub use stdio::{API_KEY_VAR, StdioError, serve_stdio};
pub use tools::{META_EXPLAIN, META_STATUS, catalog_tools};
