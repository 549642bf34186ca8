use super::*;
use axum::http::HeaderValue;

fn list(entries: &[&str]) -> Vec<String> {
    entries.iter().map(|entry| entry.to_string()).collect()
}

/// The default server section, listening on `listen`, with these origins allowed.
fn options(listen: &str, origins: &[&str]) -> ServerConfig {
    let yaml = format!(
        "server: {{ listen: \"{listen}\", allowed_origins: {origins:?} }}\nstore: {{ url: \"sqlite::memory:\" }}\n"
    );
    let config = mosaic_config::load(&yaml, &|_| None, &mosaic_providers::builtin()).unwrap();
    config.server
}

fn with_origin(origin: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::HOST, HeaderValue::from_static("localhost:8080"));
    headers.insert(header::ORIGIN, origin.parse().unwrap());
    headers
}

fn admitted(options: &ServerConfig, origin: &str) -> Result<(), EdgeError> {
    admit(options, &with_origin(origin), &Uri::from_static("/mcp"))
}

#[test]
fn hosts_match_by_name_on_any_port_unless_the_entry_names_one() {
    let allowed = list(&["localhost", "::1", "api.example.com:8443"]);
    assert!(host_allowed("localhost:8080", &allowed));
    assert!(host_allowed("LOCALHOST", &allowed));
    assert!(host_allowed("[::1]:8080", &allowed));
    assert!(host_allowed("api.example.com:8443", &allowed));
    assert!(!host_allowed("api.example.com:9000", &allowed));
    assert!(!host_allowed("api.example.com", &allowed));
    assert!(!host_allowed("evil.example:8080", &allowed));
    assert!(!host_allowed("localhost.evil.example", &allowed));
    assert!(!host_allowed("not a host", &allowed));
}

#[test]
fn origins_match_as_scheme_host_and_port_with_default_ports() {
    let allowed = list(&["https://dash.example.com", "http://localhost:3000"]);
    assert!(origin_allowed("https://dash.example.com", &allowed));
    assert!(origin_allowed("https://dash.example.com:443", &allowed));
    assert!(origin_allowed("HTTPS://Dash.Example.com", &allowed));
    assert!(origin_allowed("http://localhost:3000", &allowed));
    assert!(!origin_allowed("http://dash.example.com", &allowed));
    assert!(!origin_allowed("https://dash.example.com:8443", &allowed));
    assert!(!origin_allowed("http://localhost", &allowed));
    assert!(!origin_allowed("null", &allowed));
    assert!(!origin_allowed("http://localhost:3000", &[]));
}

#[test]
fn without_a_list_a_loopback_listener_accepts_loopback_origins_on_any_port() {
    let local = options("127.0.0.1:8080", &[]);
    for origin in [
        "http://localhost:8080",
        "http://localhost:5173",
        "http://127.0.0.1:6274",
        "https://localhost",
        "http://[::1]:3000",
        "http://127.1.2.3:80",
    ] {
        assert_eq!(admitted(&local, origin), Ok(()), "{origin}");
    }
    for origin in [
        "http://evil.example",
        "http://localhost.evil.example:8080",
        "http://10.0.0.1:8080",
        "null",
        "file://localhost",
    ] {
        let refusal = admitted(&local, origin).unwrap_err();
        assert!(
            refusal.to_string().contains("server.allowed_origins"),
            "{origin}: {refusal}"
        );
    }
}

#[test]
fn without_a_list_any_other_listener_refuses_every_origin_naming_the_key() {
    let public = options("0.0.0.0:8080", &[]);
    let refusal = admitted(&public, "http://localhost:8080").unwrap_err();
    assert_eq!(refusal.describe().code, "origin_not_allowed");
    assert!(
        refusal.to_string().contains("`server.allowed_origins`"),
        "{refusal}"
    );
}

#[test]
fn a_configured_list_is_exact_even_on_a_loopback_listener() {
    let listed = options("127.0.0.1:8080", &["http://localhost:3000"]);
    assert_eq!(admitted(&listed, "http://localhost:3000"), Ok(()));
    assert!(admitted(&listed, "http://localhost:4000").is_err());
}

#[test]
fn a_foreign_host_is_refused_before_the_origin_is_looked_at() {
    let local = options("127.0.0.1:8080", &[]);
    let mut headers = with_origin("http://localhost:8080");
    headers.insert(header::HOST, HeaderValue::from_static("evil.example"));
    assert_eq!(
        admit(&local, &headers, &Uri::from_static("/v1/providers")),
        Err(EdgeError::HostNotAllowed {
            host: "evil.example".into()
        })
    );
}
