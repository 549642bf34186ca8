//! MCP over streamable HTTP at `/mcp`: the SDK's service behind two layers of ours —
//! authentication (an `Authorization: Bearer` API key, checked before any MCP message is read)
//! and JSON parse errors — with the Host and Origin allow-lists and the body limit taken from
//! the configuration.
//!
//! Protocol 2026-07-28 is stateless (every request carries its protocol version in `_meta` and
//! the `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` headers), so those requests are
//! served without a session; 2025-11-25 clients that `initialize` get a session, as that
//! version requires. The SDK picks the path per request (`legacy_session_mode`).

use crate::handler::McpHandler;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Method, StatusCode, header};
use mosaic_gateway::CallError;
use mosaic_gateway::Gateway;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use std::sync::Arc;

/// The axum router serving MCP at `/mcp`.
///
/// Hosts and origins are checked against the configuration's allow-lists (an empty host list
/// accepts any host; an empty origin list refuses every request that carries an `Origin`),
/// read once here: a change to them takes effect on restart.
pub fn http_service(gateway: Gateway) -> axum::Router {
    let options = gateway.http_options();
    let mut config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(options.allowed_hosts.clone())
        .with_allowed_origins(exact_origins(&options.allowed_origins))
        // The SDK skips Origin checks when the list is empty; ours refuses every Origin then.
        .enforce_origin_validation()
        .with_max_request_body_bytes(options.max_body_bytes)
        .with_legacy_session_mode(true)
        .with_json_response(true);
    if options.allowed_hosts.is_empty() {
        config = config.disable_allowed_hosts();
    }
    let handler = McpHandler::new(gateway.clone());
    let service = StreamableHttpService::new(
        move || Ok(handler.clone()),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let limit = options.max_body_bytes;
    axum::Router::new()
        .route_service("/mcp", service)
        .layer(middleware::from_fn(move |request, next| {
            parse_errors(request, next, limit)
        }))
        .layer(middleware::from_fn_with_state(gateway, authenticate))
}

/// Every request to `/mcp` must authenticate (MCP Authorization: "authorization MUST be
/// included in every HTTP request"); a missing or unknown key is HTTP 401 with a
/// `WWW-Authenticate` challenge, as that specification requires, rather than an answer inside
/// the protocol. The caller's context rides to the handler in the request's extensions, which
/// the SDK hands over with the request's `http::request::Parts`.
async fn authenticate(
    State(gateway): State<Gateway>,
    mut request: Request,
    next: Next,
) -> Response {
    let hinted = caller(&gateway, request.headers());
    match hinted {
        Err(error @ CallError::InvalidArguments(_)) => {
            (StatusCode::BAD_REQUEST, error.to_string()).into_response()
        }
        Err(error @ CallError::HintNotGranted { .. }) => {
            (StatusCode::FORBIDDEN, error.to_string()).into_response()
        }
        Ok(ctx) => {
            request.extensions_mut().insert(ctx);
            next.run(request).await
        }
        Err(error) => {
            let mut response = (StatusCode::UNAUTHORIZED, error.to_string()).into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"mosaic\""),
            );
            response
        }
    }
}

/// Answers a POST whose body is not JSON with the JSON-RPC parse error (-32700) and HTTP 400,
/// as JSON-RPC over HTTP expects; the SDK alone answers such a body with a plain-text 4xx.
/// Bodies over the limit are refused with 413 before they are read further.
async fn parse_errors(request: Request, next: Next, limit: usize) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let message = format!("request body over the limit of {limit} bytes");
            return (StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
        }
    };
    if let Err(error) = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes) {
        let answer = serde_json::json!({
            "jsonrpc": "2.0",
            "id": null,
            "error": {"code": -32700, "message": format!("Parse error: the body is not valid JSON ({error})")}
        });
        return (StatusCode::BAD_REQUEST, axum::Json(answer)).into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

/// The allowed origins as exact RFC 6454 origins: an entry without a port means the scheme's
/// default port, as a browser's `Origin` header does (`https://a.example` is port 443). The SDK
/// would let a port-less entry match every port, which would make `http://localhost` admit
/// any local service's pages; the REST front applies the same exact rule.
fn exact_origins(allowed: &[String]) -> Vec<String> {
    allowed
        .iter()
        .map(|entry| {
            let entry = entry.trim().trim_end_matches('/');
            let default_port = match entry.parse::<http::Uri>() {
                Ok(uri) if uri.port().is_none() => match uri.scheme_str() {
                    Some("http") => Some(80),
                    Some("https") => Some(443),
                    _ => None,
                },
                _ => None,
            };
            match default_port {
                Some(port) => format!("{entry}:{port}"),
                None => entry.to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;

/// The caller's context from the `Authorization` key and the region and label hints.
fn caller(
    gateway: &Gateway,
    headers: &http::HeaderMap,
) -> Result<mosaic_core::RequestContext, CallError> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let hints = mosaic_gateway::auth::Hints {
        region: text(mosaic_gateway::auth::REGION_HEADER),
        labels: text(mosaic_gateway::auth::LABELS_HEADER),
    };
    gateway.authenticate_with_hints(
        mosaic_gateway::auth::bearer_token(text(header::AUTHORIZATION.as_str())),
        hints,
    )
}
