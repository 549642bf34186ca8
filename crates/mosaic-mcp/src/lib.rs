//! The MCP front end. Tools are generated from the operation catalog (one per operation, named
//! by its id with `.` replaced by `_`) plus two meta tools, and served over streamable HTTP at
//! `/mcp` (protocol 2026-07-28, stateless, and 2025-11-25 with sessions) and over stdio.
//!
//! The front knows nothing of providers: it authenticates, hands each call to
//! [`mosaic_gateway::Gateway`] and renders the answer or the error.

mod handler;
mod result;
mod tools;
mod transport;

pub use handler::McpHandler;
pub use tools::{META_EXPLAIN, META_STATUS, catalog_tools};
pub use transport::{StdioError, http_service, serve_stdio};
