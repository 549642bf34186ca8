//! Validation of the `upstreams` list: unique names (apart from the provider instances'
//! too), exactly one transport, well-formed URLs, headers and globs, positive durations.
//! Nothing is started or resolved here.

use super::sections::positive;
use crate::error::ConfigError;
use crate::parse::Indexed;
use crate::raw::{HttpEntry, StdioEntry, UpstreamEntry};
use crate::upstreams::{DEFAULT_CACHE_TTL, DEFAULT_REFRESH, UpstreamSpec, UpstreamTransport};
use std::collections::BTreeSet;

pub(crate) fn upstreams(
    entries: Vec<Indexed<UpstreamEntry>>,
    instance_names: &BTreeSet<String>,
    errors: &mut Vec<ConfigError>,
) -> Vec<UpstreamSpec> {
    let mut seen = BTreeSet::new();
    let mut specs = Vec::with_capacity(entries.len());
    for Indexed { index, entry } in entries {
        let path = format!("upstreams[{index}]");
        let before = errors.len();
        if !valid_name(&entry.name) {
            errors.push(ConfigError::new(
                format!("{path}.name"),
                format!(
                    "`{}` is not a valid name: lowercase letters, digits, `-` and `_`, starting with a letter or digit",
                    entry.name
                ),
            ));
        }
        if !seen.insert(entry.name.clone()) {
            errors.push(ConfigError::new(
                format!("{path}.name"),
                format!("another upstream is named `{}` already", entry.name),
            ));
        }
        if instance_names.contains(&entry.name) {
            errors.push(ConfigError::new(
                format!("{path}.name"),
                format!(
                    "a provider instance is named `{}` already; audit records and status name both, so the names must differ",
                    entry.name
                ),
            ));
        }
        let transport = match (entry.stdio, entry.http) {
            (Some(stdio), None) => Some(stdio_transport(stdio, &path, errors)),
            (None, Some(http)) => Some(http_transport(http, &path, errors)),
            (Some(_), Some(_)) => {
                errors.push(ConfigError::new(
                    path.clone(),
                    "give either `stdio` or `http`, not both",
                ));
                None
            }
            (None, None) => {
                errors.push(ConfigError::new(
                    path.clone(),
                    "say how the server is reached: `stdio: { command: ... }` or `http: { url: ... }`",
                ));
                None
            }
        };
        globs(&entry.read_only, &format!("{path}.read_only"), errors);
        let (cacheable, cache_ttl) = match entry.cache {
            Some(cache) => {
                globs(&cache.tools, &format!("{path}.cache.tools"), errors);
                let ttl = cache.ttl.map_or(DEFAULT_CACHE_TTL, |ttl| ttl.0);
                positive(ttl, &format!("{path}.cache.ttl"), errors);
                (cache.tools, ttl)
            }
            None => (Vec::new(), DEFAULT_CACHE_TTL),
        };
        let refresh = entry.refresh.map_or(DEFAULT_REFRESH, |refresh| refresh.0);
        positive(refresh, &format!("{path}.refresh"), errors);
        let timeout = entry.timeout.map(|timeout| timeout.0);
        if let Some(timeout) = timeout {
            positive(timeout, &format!("{path}.timeout"), errors);
        }
        if let (Some(transport), true) = (transport, errors.len() == before) {
            specs.push(UpstreamSpec {
                name: entry.name,
                transport,
                prefix: entry.prefix,
                read_only: entry.read_only,
                cacheable,
                cache_ttl,
                refresh,
                timeout,
            });
        }
    }
    specs
}

fn stdio_transport(
    stdio: StdioEntry,
    path: &str,
    errors: &mut Vec<ConfigError>,
) -> UpstreamTransport {
    if stdio.command.trim().is_empty() {
        errors.push(ConfigError::new(
            format!("{path}.stdio.command"),
            "must name the program to start",
        ));
    }
    for name in stdio.env.keys() {
        if name.is_empty() || name.contains('=') || name.contains('\0') {
            errors.push(ConfigError::new(
                format!("{path}.stdio.env.{name}"),
                "is not an environment variable name (empty, or holds `=` or NUL)",
            ));
        }
    }
    UpstreamTransport::Stdio {
        command: stdio.command,
        args: stdio.args,
        env: stdio.env,
    }
}

fn http_transport(http: HttpEntry, path: &str, errors: &mut Vec<ConfigError>) -> UpstreamTransport {
    let url_ok = ["http://", "https://"].iter().any(|scheme| {
        http.url
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
    });
    if !url_ok {
        errors.push(ConfigError::new(
            format!("{path}.http.url"),
            format!(
                "`{}` is not an http:// or https:// URL with a host",
                http.url
            ),
        ));
    }
    for name in http.headers.keys() {
        if !is_token(name) {
            errors.push(ConfigError::new(
                format!("{path}.http.headers.{name}"),
                "is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
            ));
        } else if http.bearer.is_some() && name.eq_ignore_ascii_case("authorization") {
            errors.push(ConfigError::new(
                format!("{path}.http.headers.{name}"),
                "`bearer` sets `Authorization` already; give one of them",
            ));
        }
    }
    UpstreamTransport::Http {
        url: http.url,
        bearer: http.bearer,
        headers: http.headers,
    }
}

fn globs(patterns: &[String], path: &str, errors: &mut Vec<ConfigError>) {
    for (index, pattern) in patterns.iter().enumerate() {
        if pattern.is_empty() {
            errors.push(ConfigError::new(
                format!("{path}[{index}]"),
                "must not be empty; `*` matches every tool",
            ));
        }
    }
}

fn valid_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// An RFC 9110 token, what a header name is.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
