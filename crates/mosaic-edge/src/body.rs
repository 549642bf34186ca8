//! Request bodies and targets within bounds: a body is read whole, up to
//! `server.max_body_bytes` and within `server.body_read_timeout` of the moment its reading
//! began, so a client trickling a body a byte at a time holds a connection for a bounded
//! time; a request target over [`MAX_URI_BYTES`] is refused before routing.

use crate::error::EdgeError;
use crate::server::Draining;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use mosaic_config::ServerConfig;
use std::time::Duration;

/// The longest request target (path and query) accepted. Every operation's arguments fit
/// many times over; the limit keeps a request head small, as web servers commonly do.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// How a body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyLimits {
    /// Largest body accepted.
    pub max_bytes: usize,
    /// Time the whole body may take to arrive.
    pub read_timeout: Duration,
}

impl From<&ServerConfig> for BodyLimits {
    fn from(options: &ServerConfig) -> Self {
        Self {
            max_bytes: options.max_body_bytes,
            read_timeout: options.body_read_timeout,
        }
    }
}

/// Reads `body` whole within `limits`. A declared `content_length` over the limit is refused
/// before anything is read; a body still arriving when the server begins to drain
/// (`draining`, from the request's extensions) is abandoned, since nothing was done with it.
pub async fn read_body(
    body: Body,
    content_length: Option<u64>,
    limits: BodyLimits,
    draining: Option<Draining>,
) -> Result<Bytes, EdgeError> {
    let too_large = EdgeError::BodyTooLarge {
        limit: limits.max_bytes,
    };
    if content_length.is_some_and(|length| length > limits.max_bytes as u64) {
        return Err(too_large);
    }
    let collect = async {
        let mut collected = Vec::new();
        let mut chunks = body.into_data_stream();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.map_err(|error| EdgeError::BodyUnreadable(error.to_string()))?;
            if chunk.len() > limits.max_bytes - collected.len() {
                return Err(too_large.clone());
            }
            collected.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(collected))
    };
    let bounded = async {
        tokio::time::timeout(limits.read_timeout, collect)
            .await
            .unwrap_or(Err(EdgeError::BodyTimeout {
                after: limits.read_timeout,
            }))
    };
    match draining {
        None => bounded.await,
        Some(mut draining) => tokio::select! {
            read = bounded => read,
            () = draining.started() => Err(EdgeError::ShuttingDown),
        },
    }
}

/// The declared `Content-Length` of a request, if it has a valid one.
pub fn content_length(request: &Request) -> Option<u64> {
    request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
}

/// Middleware: reads the body of every request that may carry one (all but `GET`, `HEAD`
/// and `OPTIONS`) with [`read_body`] before the handler runs, answering a body over the limit
/// or too slow in the envelope.
pub async fn buffer(State(limits): State<BodyLimits>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let length = content_length(&request);
    let draining = request.extensions().get::<Draining>().cloned();
    let (parts, body) = request.into_parts();
    match read_body(body, length, limits, draining).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(refusal) => refusal.into_response(),
    }
}

/// Middleware: refuses a request target over [`MAX_URI_BYTES`] with `414` in the envelope.
pub async fn limit_uri(request: Request, next: Next) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    if length > MAX_URI_BYTES {
        return EdgeError::UriTooLong {
            limit: MAX_URI_BYTES,
        }
        .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
#[path = "body_tests.rs"]
mod tests;
