//! The last line of the envelope promise: an error answer that is not JSON — one axum or a
//! library wrote in plain text, or with no body at all — is rewritten into the envelope with
//! the same status, its text as the message and every other header kept.

use crate::error::EdgeError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How much of a plain-text error body is kept as the message.
const MESSAGE_BYTES: usize = 1024;

/// Middleware: see the module documentation.
pub async fn envelope_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if !response.status().is_client_error() && !response.status().is_server_error()
        || is_json(response.headers().get(header::CONTENT_TYPE))
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = match axum::body::to_bytes(body, MESSAGE_BYTES).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_owned(),
        // Longer than any message worth keeping: name the status instead.
        Err(_) => String::new(),
    };
    let message = match text.is_empty() {
        true => parts
            .status
            .canonical_reason()
            .unwrap_or("refused")
            .to_owned(),
        false => text,
    };
    let refusal = EdgeError::Refused {
        status: parts.status,
        message,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let body = refusal.envelope().to_string();
    let mut rewritten = Response::from_parts(parts, Body::from(body));
    if !rewritten.headers().contains_key(header::CACHE_CONTROL) {
        rewritten
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    rewritten.into_response()
}

/// Whether a `Content-Type` is JSON (`application/json`, `application/problem+json`, ...).
pub fn is_json(content_type: Option<&HeaderValue>) -> bool {
    content_type
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|essence| essence.trim().to_ascii_lowercase())
        .is_some_and(|essence| {
            essence == "application/json"
                || (essence.starts_with("application/") && essence.ends_with("+json"))
        })
}

#[cfg(test)]
#[path = "net_tests.rs"]
mod tests;
