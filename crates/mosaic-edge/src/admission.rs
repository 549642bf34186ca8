//! Which requests may reach a front end at all: a `Host` outside `server.allowed_hosts` is
//! refused (DNS-rebinding protection), and so is a browser request from an `Origin` that may
//! not call the server. Both fronts apply these rules, so REST and MCP agree.
//!
//! Hosts: an entry without a port allows every port of that name, one with a port only that
//! port; names compare case-insensitively; an empty list allows any host. Origins compare as
//! RFC 6454 tuples (scheme, host, port), a missing port meaning the scheme's default, so
//! `https://a.example` and `https://a.example:443` are one origin and `http://localhost` is
//! not `http://localhost:3000`. With no origins configured, a server on a loopback address
//! accepts loopback origins on any port — pages served from this machine, such as a local MCP
//! client in a browser — and refuses the rest; a server on any other address refuses every
//! request that carries an `Origin`.

use crate::error::EdgeError;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mosaic_config::ServerConfig;
use std::net::IpAddr;
use std::sync::Arc;

/// Whether a request with these `headers` (and, for HTTP/2, this `uri`'s authority) may reach
/// a front end configured by `options`.
pub fn admit(options: &ServerConfig, headers: &HeaderMap, uri: &Uri) -> Result<(), EdgeError> {
    if !options.allowed_hosts.is_empty() {
        // HTTP/2 carries the host in `:authority`, which hyper exposes in the URI.
        let host = headers
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .or_else(|| uri.authority().map(|authority| authority.as_str()));
        if !host.is_some_and(|host| host_allowed(host, &options.allowed_hosts)) {
            return Err(EdgeError::HostNotAllowed {
                host: host.unwrap_or_default().to_owned(),
            });
        }
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let text = String::from_utf8_lossy(origin.as_bytes());
    let refused = |why| EdgeError::OriginNotAllowed {
        origin: text.clone().into_owned(),
        why,
    };
    if !options.allowed_origins.is_empty() {
        return match origin_allowed(&text, &options.allowed_origins) {
            true => Ok(()),
            false => Err(refused("it is not in `server.allowed_origins`")),
        };
    }
    if !options.listen.ip().is_loopback() {
        return Err(refused(
            "browser requests are refused until `server.allowed_origins` lists the pages that may call this server",
        ));
    }
    match is_loopback_origin(&text) {
        true => Ok(()),
        false => Err(refused(
            "this server listens on a loopback address and accepts only loopback origins; list others in `server.allowed_origins`",
        )),
    }
}

/// The middleware form of [`admit`], answering refusals in the envelope; `options` are read
/// from the configuration when the router is built.
pub async fn guard(
    State(options): State<Arc<ServerConfig>>,
    request: Request,
    next: Next,
) -> Response {
    match admit(&options, request.headers(), request.uri()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => refusal.into_response(),
    }
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

/// Whether `value` is an http(s) origin on this machine: `localhost`, `127.0.0.0/8` or `::1`,
/// on any port. (`*.localhost` is left out: not every resolver keeps it on loopback.)
fn is_loopback_origin(value: &str) -> bool {
    let Some((scheme, host, _)) = origin(value) else {
        return false;
    };
    let local = host == "localhost"
        || host
            .parse::<IpAddr>()
            .is_ok_and(|address| address.is_loopback());
    local && matches!(scheme.as_str(), "http" | "https")
}

#[cfg(test)]
#[path = "admission_tests.rs"]
mod tests;
