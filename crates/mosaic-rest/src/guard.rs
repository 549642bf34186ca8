//! Host and Origin checks for the REST routes, with the same allow-lists and the same rules as
//! MCP: a request whose `Host` is not allowed is refused (DNS-rebinding protection), and so is
//! a browser request from an `Origin` that is not allowed.
//!
//! Hosts: an entry without a port allows every port of that name, one with a port only that
//! port; names compare case-insensitively; an empty list allows any host. Origins compare as
//! RFC 6454 tuples (scheme, host, port), a missing port meaning the scheme's default, so
//! `https://a.example` and `https://a.example:443` are one origin and `http://localhost` is
//! not `http://localhost:3000`; an empty list refuses every request that carries an `Origin`.

use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mosaic_gateway::HttpOptions;
use std::sync::Arc;

/// The middleware; `options` are read from the configuration when the router is built.
pub async fn check(
    State(options): State<Arc<HttpOptions>>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    if !options.allowed_hosts.is_empty() {
        // HTTP/2 carries the host in `:authority`, which hyper exposes in the URI.
        let host = headers
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .or_else(|| {
                request
                    .uri()
                    .authority()
                    .map(|authority| authority.as_str())
            });
        if !host.is_some_and(|host| host_allowed(host, &options.allowed_hosts)) {
            return (
                StatusCode::FORBIDDEN,
                "Forbidden: Host header is not allowed",
            )
                .into_response();
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let allowed = origin
            .to_str()
            .ok()
            .is_some_and(|origin| origin_allowed(origin, &options.allowed_origins));
        if !allowed {
            return (
                StatusCode::FORBIDDEN,
                "Forbidden: Origin header is not allowed",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// `name` and optional port of an authority (`name`, `name:port`, `[v6]:port`), lowercased.
fn authority(text: &str) -> Option<(String, Option<u16>)> {
    let authority: axum::http::uri::Authority = text.trim().parse().ok()?;
    let host = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']');
    Some((host.to_ascii_lowercase(), authority.port_u16()))
}

/// Whether the `Host` value `host` is allowed by one of the `allowed` entries.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let Some((name, port)) = authority(host) else {
        return false;
    };
    allowed
        .iter()
        // A bare IPv6 address (`::1`) is no authority, but is a name without a port.
        .map(|entry| {
            authority(entry).unwrap_or_else(|| {
                let bare = entry.trim().trim_start_matches('[').trim_end_matches(']');
                (bare.to_ascii_lowercase(), None)
            })
        })
        .any(|(allowed_name, allowed_port)| {
            allowed_name == name && allowed_port.is_none_or(|allowed| Some(allowed) == port)
        })
}

/// An origin as an RFC 6454 tuple: scheme, host, port (the scheme's default when omitted).
fn origin(text: &str) -> Option<(String, String, Option<u16>)> {
    let uri: Uri = text.trim().trim_end_matches('/').parse().ok()?;
    let scheme = uri.scheme_str()?.to_ascii_lowercase();
    let (host, port) = authority(uri.authority()?.as_str())?;
    let port = port.or(match scheme.as_str() {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    });
    Some((scheme, host, port))
}

/// Whether the `Origin` value `value` is one of the `allowed` origins.
fn origin_allowed(value: &str, allowed: &[String]) -> bool {
    let Some(value) = origin(value) else {
        return false;
    };
    allowed
        .iter()
        .filter_map(|entry| origin(entry))
        .any(|entry| entry == value)
}

#[cfg(test)]
#[path = "guard_tests.rs"]
mod tests;
