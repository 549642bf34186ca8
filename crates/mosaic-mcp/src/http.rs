//! MCP over streamable HTTP at `/mcp`: the SDK's service behind our edge ([`crate::edge`]):
//! bodies read within the configured limits and required to be JSON-RPC, the Host and Origin
//! rules, authentication (an `Authorization: Bearer` API key, checked before any MCP message
//! is read) and the session limits, every refusal in JSON-RPC or the envelope.
//!
//! Protocol 2026-07-28 is stateless (every request carries its protocol version in `_meta` and
//! the `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` headers), so those requests are
//! served without a session; 2025-11-25 clients that `initialize` get a session, as that
//! version requires. The SDK picks the path per request (`legacy_session_mode`).

use crate::edge::{self, McpEdge};
use crate::handler::McpHandler;
use crate::sessions::{BoundedSessions, Ledger};
use axum::middleware;
use mosaic_gateway::Gateway;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use std::sync::Arc;

/// The axum router serving MCP at `/mcp`.
///
/// The Host and Origin rules, the body limits and the session limits come from the
/// configuration's `server` section, read once here: a change to them takes effect on
/// restart. When the gateway begins shutting down, the sessions' GET streams end so that their
/// connections can drain; calls in progress are still answered.
pub fn http_service(gateway: Gateway) -> axum::Router {
    let options = Arc::new(gateway.http_options());
    let ledger = Arc::new(Ledger::new(options.sessions));
    // The SDK's cancellation token is left alone at shutdown: cancelling it would also cut
    // the answers of calls in progress. The edge ends the sessions' GET streams instead.
    let config = StreamableHttpServerConfig::default()
        // Host and Origin are checked by our edge, which answers in JSON-RPC or the envelope.
        .disable_allowed_hosts()
        .disable_allowed_origins()
        .with_max_request_body_bytes(options.max_body_bytes)
        .with_legacy_session_mode(true)
        .with_json_response(true);
    let handler = McpHandler::new(gateway.clone());
    let service = StreamableHttpService::new(
        // Each session (and stateless request) its own log level.
        move || Ok(handler.for_session()),
        Arc::new(BoundedSessions::new(Arc::clone(&ledger))),
        config,
    );
    let edge = McpEdge {
        gateway,
        options,
        ledger,
    };
    axum::Router::new()
        .route_service("/mcp", service)
        .layer(middleware::from_fn_with_state(edge, edge::serve))
        .layer(middleware::from_fn(mosaic_edge::body::limit_uri))
}
