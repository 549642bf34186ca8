//! Host and Origin checks for the REST routes, with the same allow-lists MCP uses: a request
//! whose `Host` is not allowed is refused (DNS-rebinding protection), and so is a browser
//! request from an Origin that is not allowed.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
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
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    if !options.allowed_hosts.is_empty()
        && !host.is_some_and(|host| host_allowed(host, &options.allowed_hosts))
    {
        return (StatusCode::FORBIDDEN, "Host not allowed").into_response();
    }
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or_default();
        if !options
            .allowed_origins
            .iter()
            .any(|allowed| allowed == origin)
        {
            return (StatusCode::FORBIDDEN, "Origin not allowed").into_response();
        }
    }
    next.run(request).await
}

/// Whether `host` (`name` or `name:port`, IPv6 in brackets) is allowed: an entry without a port
/// allows every port of that name.
fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    allowed.iter().any(|entry| {
        let entry = entry.trim_start_matches('[').trim_end_matches(']');
        entry.eq_ignore_ascii_case(host) || entry.eq_ignore_ascii_case(name)
    })
}

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn names_match_with_any_port_and_ipv6_brackets() {
        let allowed = vec![
            "localhost".to_owned(),
            "::1".to_owned(),
            "api.example.com:8443".to_owned(),
        ];
        assert!(host_allowed("localhost:8080", &allowed));
        assert!(host_allowed("[::1]:8080", &allowed));
        assert!(host_allowed("api.example.com:8443", &allowed));
        assert!(!host_allowed("evil.example:8080", &allowed));
    }
}
