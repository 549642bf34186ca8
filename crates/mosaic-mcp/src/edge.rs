//! Everything a request to `/mcp` passes before the SDK sees it, and what the SDK answers on
//! its way out: the method, the body (read whole within its limits, then required to be a
//! JSON-RPC message), the Host and Origin rules, authentication, and the session limits.
//!
//! Refusals of a JSON-RPC request are JSON-RPC error objects with its id; refusals of
//! anything else (a GET, a DELETE, a body that could not be read) are the envelope. The SDK's
//! own plain-text refusals (406, 415, an unknown session's 404, ...) are rewritten the same
//! way, and a `DELETE` that ended a session is `204 No Content`.

use crate::rpc::{self, Reply};
use crate::sessions::{self, Ledger, Standing, Ticket};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use mosaic_core::RequestContext;
use mosaic_edge::body::{BodyLimits, content_length, read_body};
use mosaic_edge::{Draining, EdgeError, admission, net};
use mosaic_gateway::{CallError, Gateway, HttpOptions};
use std::sync::Arc;

/// The header naming a 2025-11-25 session.
const SESSION_HEADER: &str = "mcp-session-id";
/// What `/mcp` takes: POST for messages, GET for a session's stream, DELETE to end one.
const ALLOW: &str = "GET, POST, DELETE";
/// How much of an SDK's plain-text refusal is kept as the message.
const MESSAGE_BYTES: usize = 1024;

/// The state the middleware needs.
#[derive(Clone)]
pub(crate) struct McpEdge {
    pub gateway: Gateway,
    pub options: Arc<HttpOptions>,
    pub ledger: Arc<Ledger>,
}

/// The middleware in front of the SDK's service.
pub(crate) async fn serve(State(edge): State<McpEdge>, request: Request, next: Next) -> Response {
    match *request.method() {
        Method::POST => post(&edge, request, next).await,
        Method::GET | Method::DELETE => session_request(&edge, request, next).await,
        ref method => EdgeError::MethodNotAllowed {
            method: method.to_string(),
            allow: ALLOW,
        }
        .into_response(),
    }
}

async fn post(edge: &McpEdge, request: Request, next: Next) -> Response {
    let content_type = request.headers().get(header::CONTENT_TYPE);
    if !content_type.is_some_and(|value| json_essence(value.as_bytes())) {
        return EdgeError::UnsupportedMediaType {
            found: content_type
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .unwrap_or_default(),
            expected: "a JSON-RPC message with `Content-Type: application/json`",
        }
        .into_response();
    }
    let length = content_length(&request);
    let draining = request.extensions().get::<Draining>().cloned();
    let (parts, body) = request.into_parts();
    let limits = BodyLimits::from(edge.options.as_ref());
    let body = match read_body(body, length, limits, draining).await {
        Ok(body) => body,
        Err(refusal) => return refusal.into_response(),
    };
    let message = match rpc::classify(&body) {
        Ok(message) => message,
        Err(not_rpc) => return not_rpc.into_response(),
    };
    let reply = Reply::Rpc(message.id.clone());
    let ctx = match admit(edge, &parts.headers, &parts.uri, &reply) {
        Ok(ctx) => ctx,
        Err(answer) => return *answer,
    };
    let owner = sessions::owner(&ctx);
    let ticket = match session_of(&parts.headers) {
        Some(id) if edge.ledger.standing(id, &owner) == Standing::Foreign => {
            return reply.refuse(&EdgeError::SessionNotFound);
        }
        Some(_) => None,
        None if message.is_initialize() => match edge.ledger.reserve(&owner) {
            Ok(reservation) => Some(Ticket::new(reservation)),
            Err(refusal) => return reply.refuse(&refusal),
        },
        None => None,
    };
    let mut request = Request::from_parts(parts, Body::from(body));
    request.extensions_mut().insert(ctx);
    if let Some(ticket) = ticket {
        // The session manager binds it to the session it opens; unbound, it is given back.
        request.extensions_mut().insert(ticket);
    }
    let response = next.run(request).await;
    rewrite(&reply, response).await
}

async fn session_request(edge: &McpEdge, mut request: Request, next: Next) -> Response {
    let reply = Reply::Envelope;
    let ctx = match admit(edge, request.headers(), request.uri(), &reply) {
        Ok(ctx) => ctx,
        Err(answer) => return *answer,
    };
    let owner = sessions::owner(&ctx);
    let deleting = request.method() == Method::DELETE;
    match session_of(request.headers()).map(|id| edge.ledger.standing(id, &owner)) {
        Some(Standing::Foreign) => return reply.refuse(&EdgeError::SessionNotFound),
        // Ending a session that is not (or no longer) open is answered as MCP asks of any
        // request naming it, so that a client knows it is gone.
        Some(Standing::Unknown) if deleting => return reply.refuse(&EdgeError::SessionNotFound),
        None if deleting => return reply.refuse(&EdgeError::SessionRequired),
        Some(Standing::Own | Standing::Unknown) | None => {}
    }
    request.extensions_mut().insert(ctx);
    let response = next.run(request).await;
    if deleting && response.status() == StatusCode::ACCEPTED {
        // The session is gone and nothing more will come: 204, as clients expect of it.
        return StatusCode::NO_CONTENT.into_response();
    }
    if !deleting && response.status() == StatusCode::OK {
        // A session's stream of server messages never ends by itself: it ends when the
        // gateway begins shutting down, so that its connection can drain.
        let (parts, body) = response.into_parts();
        let stream = body.into_data_stream().take_until(edge.gateway.draining());
        return Response::from_parts(parts, Body::from_stream(stream));
    }
    rewrite(&reply, response).await
}

/// The Host and Origin rules, then the caller's key: the caller's context, or the refusal.
fn admit(
    edge: &McpEdge,
    headers: &HeaderMap,
    uri: &axum::http::Uri,
    reply: &Reply,
) -> Result<RequestContext, Box<Response>> {
    admission::admit(&edge.options, headers, uri)
        .map_err(|refusal| Box::new(reply.refuse(&refusal)))?;
    caller(&edge.gateway, headers).map_err(|error| Box::new(reply.call_error(&error)))
}

/// An SDK answer, with a plain-text refusal rewritten as `reply` says.
async fn rewrite(reply: &Reply, response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || net::is_json(response.headers().get(header::CONTENT_TYPE))
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    let refusal = match status {
        // MCP: an unknown or ended session is 404, the SDK's only plain-text one.
        StatusCode::NOT_FOUND => EdgeError::SessionNotFound,
        _ => {
            let text = axum::body::to_bytes(body, MESSAGE_BYTES)
                .await
                .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
                .unwrap_or_default();
            EdgeError::Refused {
                status,
                message: match text.is_empty() {
                    true => status.canonical_reason().unwrap_or("refused").to_owned(),
                    false => text,
                },
            }
        }
    };
    let mut answer = reply.refuse(&refusal);
    for name in [header::ALLOW, header::WWW_AUTHENTICATE, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            answer.headers_mut().insert(name, value.clone());
        }
    }
    answer
}

fn session_of(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(SESSION_HEADER)
        .and_then(|value| value.to_str().ok())
}

/// `application/json`, with parameters or none: the one type the SDK reads.
fn json_essence(value: &[u8]) -> bool {
    let essence = value.split(|byte| *byte == b';').next().unwrap_or_default();
    essence
        .trim_ascii()
        .eq_ignore_ascii_case(b"application/json")
}

/// The caller's context from the `Authorization` key and the region and label hints.
fn caller(gateway: &Gateway, headers: &HeaderMap) -> Result<RequestContext, CallError> {
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
