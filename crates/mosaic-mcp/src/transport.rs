//! The transports: streamable HTTP at `/mcp` (with Host/Origin allow-lists and a body limit
//! from the configuration) and stdio.

use crate::handler::McpHandler;
use mosaic_gateway::Gateway;
use rmcp::ServiceExt;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use std::sync::Arc;

/// The axum router serving MCP at `/mcp`.
///
/// 2026-07-28 requests are served statelessly (the protocol has no sessions); 2025-11-25
/// clients get sessions. Hosts and origins are checked against the configuration's
/// allow-lists, read once here: a change to them takes effect on restart.
pub fn http_service(gateway: Gateway) -> axum::Router {
    let options = gateway.http_options();
    let mut config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(options.allowed_hosts.clone())
        .with_max_request_body_bytes(options.max_body_bytes)
        .with_legacy_session_mode(true);
    if options.allowed_hosts.is_empty() {
        config = config.disable_allowed_hosts();
    }
    config = config.with_allowed_origins(options.allowed_origins.clone());
    config.json_response = true;
    let handler = McpHandler::new(gateway);
    let service = StreamableHttpService::new(
        move || Ok(handler.clone()),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let limit = options.max_body_bytes;
    axum::Router::new()
        .route_service("/mcp", service)
        .layer(axum::middleware::from_fn(move |request, next| {
            parse_errors(request, next, limit)
        }))
}

/// Answers a POST whose body is not JSON with the JSON-RPC parse error (-32700) and HTTP 400,
/// as JSON-RPC over HTTP expects; the SDK alone would answer 415 with a plain-text message.
async fn parse_errors(
    request: axum::extract::Request,
    next: axum::middleware::Next,
    limit: usize,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if request.method() != http::Method::POST {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let message = format!("request body over the limit of {limit} bytes");
            return (http::StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
        }
    };
    if let Err(error) = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes) {
        let answer = serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": {"code": -32700, "message": format!("Parse error: the body is not valid JSON ({error})")}
        });
        return (http::StatusCode::BAD_REQUEST, axum::Json(answer)).into_response();
    }
    next.run(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::from(bytes),
    ))
    .await
}

/// Why serving over stdio ended with an error.
#[derive(Debug, thiserror::Error)]
pub enum StdioError {
    /// The MCP session could not be initialized.
    #[error("MCP over stdio could not start: {0}")]
    Initialize(String),
    /// The session ended abnormally.
    #[error("MCP over stdio ended abnormally: {0}")]
    Run(String),
}

/// Serves MCP over standard input and output until the client closes the stream.
pub async fn serve_stdio(gateway: Gateway) -> Result<(), StdioError> {
    let running = McpHandler::new(gateway)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|error| StdioError::Initialize(error.to_string()))?;
    running
        .waiting()
        .await
        .map_err(|error| StdioError::Run(error.to_string()))?;
    Ok(())
}
