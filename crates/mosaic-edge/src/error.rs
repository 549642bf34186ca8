//! What the edge refuses, and the one body every refusal is written in: the documented
//! envelope `{"error": {"code", "message", "fault", "path"?}}`, which the REST front also
//! writes its gateway errors in.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_core::Fault;
use serde_json::{Value, json};
use std::time::Duration;

/// A request refused at the HTTP edge, before or beside the gateway: its HTTP form, its body
/// or a header is wrong, or a limit is reached.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EdgeError {
    /// The body is over `server.max_body_bytes`.
    #[error("the request body is larger than {limit} bytes (server.max_body_bytes)")]
    BodyTooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body did not arrive within `server.body_read_timeout`.
    #[error(
        "the request body did not arrive within {} (server.body_read_timeout)",
        mosaic_config::format_duration(*after)
    )]
    BodyTimeout {
        /// The timeout.
        after: Duration,
    },
    /// The connection failed while the body was read.
    #[error("the request body could not be read: {0}")]
    BodyUnreadable(String),
    /// The server began shutting down before the request's body had arrived, so the request
    /// was not acted on.
    #[error("the server is shutting down and did not act on this request; send it again")]
    ShuttingDown,
    /// The request target is longer than the edge accepts.
    #[error("the request target is longer than {limit} bytes")]
    UriTooLong {
        /// The limit.
        limit: usize,
    },
    /// The request line and headers together are larger than the edge accepts.
    #[error("the request head (request line and headers) is too large")]
    HeadTooLarge,
    /// The request is not HTTP/1.1 at all (a bad request line, method or header).
    #[error("the request is not valid HTTP/1.1")]
    Malformed,
    /// The `Host` header is not in `server.allowed_hosts` (DNS-rebinding protection).
    #[error("Host `{host}` is not allowed (server.allowed_hosts)")]
    HostNotAllowed {
        /// The host as sent (empty when there was none).
        host: String,
    },
    /// A browser page of this `Origin` may not call the server.
    #[error("Origin `{origin}` is not allowed: {why}")]
    OriginNotAllowed {
        /// The origin as sent.
        origin: String,
        /// Which rule refused it, naming the key that would allow it.
        why: &'static str,
    },
    /// The resource does not take this method.
    #[error("{method} is not allowed here; this resource takes {allow}")]
    MethodNotAllowed {
        /// The method sent.
        method: String,
        /// The methods the resource takes, as the `Allow` header lists them.
        allow: &'static str,
    },
    /// The body's `Content-Type` is not one the resource reads.
    #[error("Content-Type `{found}` is not accepted; send {expected}")]
    UnsupportedMediaType {
        /// The content type sent (empty when there was none).
        found: String,
        /// What to send instead.
        expected: &'static str,
    },
    /// No resource has this path.
    #[error("nothing is served at `{path}`: MCP is at /mcp, REST at /v1/{{operation}}")]
    NotFound {
        /// The path.
        path: String,
    },
    /// An `Mcp-Session-Id` that names no open session of this caller: it ended, expired or
    /// never existed. MCP clients start a new session on this answer.
    #[error("MCP session not found: it ended or expired; send `initialize` to start a new one")]
    SessionNotFound,
    /// A request that needs an `Mcp-Session-Id` came without one.
    #[error("this request needs the Mcp-Session-Id header of an open session")]
    SessionRequired,
    /// The caller's key holds `server.sessions.max_per_key` sessions already.
    #[error(
        "this API key already holds {limit} MCP sessions (server.sessions.max_per_key); end one with DELETE /mcp or wait until one is idle for {}",
        mosaic_config::format_duration(*retry_after)
    )]
    TooManySessions {
        /// The per-key limit.
        limit: usize,
        /// When one of the key's sessions will at the latest have expired if left idle.
        retry_after: Duration,
    },
    /// The server holds `server.sessions.max` sessions already.
    #[error(
        "the server holds its limit of {limit} MCP sessions (server.sessions.max); try again later"
    )]
    SessionsExhausted {
        /// The server-wide limit.
        limit: usize,
        /// When an idle session will at the latest have expired.
        retry_after: Duration,
    },
    /// A refusal by a component below the edge (the MCP SDK), passed on in the envelope
    /// with its status and message.
    #[error("{message}")]
    Refused {
        /// The component's status.
        status: StatusCode,
        /// The component's message.
        message: String,
    },
}

/// An [`EdgeError`] in HTTP terms.
#[derive(Debug, PartialEq, Eq)]
pub struct Described {
    /// The status.
    pub status: StatusCode,
    /// The envelope's `code`.
    pub code: &'static str,
    /// Whose fault it is.
    pub fault: Fault,
}

impl EdgeError {
    /// The one mapping to status, code and fault. No `_` arm: a new refusal does not compile
    /// until it has all three.
    pub fn describe(&self) -> Described {
        let described = |status, code, fault| Described {
            status,
            code,
            fault,
        };
        match self {
            Self::BodyTooLarge { .. } => described(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                Fault::Caller,
            ),
            Self::BodyTimeout { .. } => {
                described(StatusCode::REQUEST_TIMEOUT, "body_timeout", Fault::Caller)
            }
            Self::BodyUnreadable(_) => {
                described(StatusCode::BAD_REQUEST, "body_unreadable", Fault::Caller)
            }
            Self::ShuttingDown => described(
                StatusCode::SERVICE_UNAVAILABLE,
                "shutting_down",
                Fault::Gateway,
            ),
            Self::UriTooLong { .. } => {
                described(StatusCode::URI_TOO_LONG, "uri_too_long", Fault::Caller)
            }
            Self::HeadTooLarge => described(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "head_too_large",
                Fault::Caller,
            ),
            Self::Malformed => {
                described(StatusCode::BAD_REQUEST, "malformed_request", Fault::Caller)
            }
            Self::HostNotAllowed { .. } => {
                described(StatusCode::FORBIDDEN, "host_not_allowed", Fault::Caller)
            }
            Self::OriginNotAllowed { .. } => {
                described(StatusCode::FORBIDDEN, "origin_not_allowed", Fault::Caller)
            }
            Self::MethodNotAllowed { .. } => described(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                Fault::Caller,
            ),
            Self::UnsupportedMediaType { .. } => described(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                Fault::Caller,
            ),
            Self::NotFound { .. } => described(StatusCode::NOT_FOUND, "not_found", Fault::Caller),
            Self::SessionNotFound => {
                described(StatusCode::NOT_FOUND, "session_not_found", Fault::Caller)
            }
            Self::SessionRequired => {
                described(StatusCode::BAD_REQUEST, "session_required", Fault::Caller)
            }
            Self::TooManySessions { .. } => described(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_sessions",
                Fault::Caller,
            ),
            // The server's capacity, not anything this caller did.
            Self::SessionsExhausted { .. } => described(
                StatusCode::SERVICE_UNAVAILABLE,
                "sessions_exhausted",
                Fault::Gateway,
            ),
            Self::Refused { status, .. } => {
                let fault = if status.is_server_error() {
                    Fault::Gateway
                } else {
                    Fault::Caller
                };
                described(*status, "refused", fault)
            }
        }
    }

    /// The headers the answer carries besides its body: `Allow`, `Retry-After`, and
    /// `Connection: close` where the connection cannot be used further.
    pub fn headers(&self) -> Vec<(HeaderName, HeaderValue)> {
        let mut headers = vec![(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))];
        match self {
            Self::MethodNotAllowed { allow, .. } => {
                headers.push((header::ALLOW, HeaderValue::from_static(allow)));
            }
            Self::TooManySessions { retry_after, .. }
            | Self::SessionsExhausted { retry_after, .. } => {
                headers.push((header::RETRY_AFTER, retry_after_value(*retry_after)));
            }
            Self::ShuttingDown => {
                headers.push((header::RETRY_AFTER, HeaderValue::from(1)));
                headers.push((header::CONNECTION, HeaderValue::from_static("close")));
            }
            // Part of the body may still be on its way: the connection cannot carry another
            // request.
            Self::BodyTooLarge { .. }
            | Self::BodyTimeout { .. }
            | Self::BodyUnreadable(_)
            | Self::HeadTooLarge
            | Self::Malformed => {
                headers.push((header::CONNECTION, HeaderValue::from_static("close")));
            }
            Self::UriTooLong { .. }
            | Self::HostNotAllowed { .. }
            | Self::OriginNotAllowed { .. }
            | Self::UnsupportedMediaType { .. }
            | Self::NotFound { .. }
            | Self::SessionNotFound
            | Self::SessionRequired
            | Self::Refused { .. } => {}
        }
        headers
    }

    /// The envelope of this refusal.
    pub fn envelope(&self) -> Value {
        let described = self.describe();
        envelope(described.code, &self.to_string(), described.fault, None)
    }
}

/// The documented error body: `{"error": {"code", "message", "fault", "path"?}}`.
pub fn envelope(code: &str, message: &str, fault: Fault, path: Option<&str>) -> Value {
    let mut body = json!({"error": {"code": code, "message": message, "fault": fault_word(fault)}});
    if let Some(path) = path {
        body["error"]["path"] = json!(path);
    }
    body
}

/// `caller`, `provider` or `gateway`, as the envelope's `fault` says it.
pub fn fault_word(fault: Fault) -> &'static str {
    match fault {
        Fault::Caller => "caller",
        Fault::Provider => "provider",
        Fault::Gateway => "gateway",
    }
}

/// Whole seconds (RFC 9110 §10.2.3), rounded up so a caller never comes back early.
pub fn retry_after_value(wait: Duration) -> HeaderValue {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    HeaderValue::from(seconds.max(1))
}

impl IntoResponse for EdgeError {
    fn into_response(self) -> Response {
        let status = self.describe().status;
        let mut response = (status, axum::Json(self.envelope())).into_response();
        response.headers_mut().extend(self.headers());
        response
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
