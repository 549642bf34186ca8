use super::{host_allowed, origin_allowed};

fn list(entries: &[&str]) -> Vec<String> {
    entries.iter().map(|entry| entry.to_string()).collect()
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
