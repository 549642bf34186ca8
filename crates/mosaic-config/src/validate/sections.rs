//! Validation of the settings sections: `server`, `store`, `cache`, `executor` and `plugins`.

use crate::error::ConfigError;
use crate::model::{
    AuditConfig, BreakerConfig, CacheClassesConfig, CacheConfig, ClassTiming, ExecutorConfig,
    PluginsConfig, RetryConfig, ServerConfig, SessionsConfig, StoreConfig,
};
use crate::raw::{
    AuditSection, CacheSection, ClassOverride, ExecutorSection, PluginsSection, ServerSection,
    StoreSection,
};
use std::net::SocketAddr;
use std::time::Duration;

pub(crate) fn server(raw: ServerSection, errors: &mut Vec<ConfigError>) -> ServerConfig {
    let listen = raw.listen.parse::<SocketAddr>().unwrap_or_else(|_| {
        errors.push(ConfigError::new(
            "server.listen",
            format!(
                "`{}` is not an IP address and port, like `127.0.0.1:8080` or `[::]:8080`",
                raw.listen
            ),
        ));
        SocketAddr::from(([127, 0, 0, 1], 8080))
    });
    for (index, host) in raw.allowed_hosts.iter().enumerate() {
        if host.trim().is_empty() {
            errors.push(ConfigError::new(
                format!("server.allowed_hosts[{index}]"),
                "must not be empty (write `allowed_hosts: []` to accept any host)",
            ));
        }
    }
    for (index, origin) in raw.allowed_origins.iter().enumerate() {
        if !is_origin(origin) {
            errors.push(ConfigError::new(
                format!("server.allowed_origins[{index}]"),
                format!(
                    "`{origin}` is not an origin; write `scheme://host[:port]` without a path, like `https://dash.example.com`"
                ),
            ));
        }
    }
    let timeouts = [
        (&raw.header_read_timeout, "server.header_read_timeout"),
        (&raw.body_read_timeout, "server.body_read_timeout"),
        (&raw.idle_timeout, "server.idle_timeout"),
        (&raw.shutdown_timeout, "server.shutdown_timeout"),
        (&raw.sessions.idle_timeout, "server.sessions.idle_timeout"),
    ];
    for (timeout, path) in timeouts {
        positive(timeout.0, path, errors);
    }
    ServerConfig {
        listen,
        allowed_hosts: raw.allowed_hosts,
        allowed_origins: raw.allowed_origins,
        max_body_bytes: count(raw.max_body_bytes, "server.max_body_bytes", errors),
        max_connections: count(raw.max_connections, "server.max_connections", errors),
        header_read_timeout: raw.header_read_timeout.0,
        body_read_timeout: raw.body_read_timeout.0,
        idle_timeout: raw.idle_timeout.0,
        shutdown_timeout: raw.shutdown_timeout.0,
        sessions: SessionsConfig {
            max: count(raw.sessions.max, "server.sessions.max", errors),
            max_per_key: count(
                raw.sessions.max_per_key,
                "server.sessions.max_per_key",
                errors,
            ),
            idle_timeout: raw.sessions.idle_timeout.0,
        },
        tool_list: raw.mcp.tool_list,
    }
}

/// A limit that must be at least 1 and fit this machine's `usize`.
fn count(value: u64, path: &str, errors: &mut Vec<ConfigError>) -> usize {
    match usize::try_from(value) {
        Ok(0) => {
            errors.push(ConfigError::new(path, "must be at least 1"));
            0
        }
        Ok(value) => value,
        Err(_) => {
            errors.push(ConfigError::new(path, "too large for this machine"));
            0
        }
    }
}

/// `http(s)://host[:port]`, as browsers send it in the `Origin` header.
fn is_origin(origin: &str) -> bool {
    let Some(host) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    !host.is_empty() && !host.contains(['/', '?', '#', ' '])
}

/// The plugins folder: a given folder must be named.
pub(crate) fn plugins(raw: PluginsSection, errors: &mut Vec<ConfigError>) -> PluginsConfig {
    let dir = match raw.dir {
        Some(dir) if dir.trim().is_empty() => {
            errors.push(ConfigError::new(
                "plugins.dir",
                "must name a folder (leave `dir` out for no plugins folder)",
            ));
            None
        }
        dir => dir.map(std::path::PathBuf::from),
    };
    PluginsConfig {
        dir,
        watch: raw.watch,
    }
}

pub(crate) fn store(raw: StoreSection, errors: &mut Vec<ConfigError>) -> StoreConfig {
    let supported = ["sqlite:", "postgres://", "postgresql://"];
    if !supported.iter().any(|prefix| raw.url.starts_with(prefix)) {
        // Only the scheme is echoed: the rest of a database URL may hold a password.
        let scheme = raw.url.split_once(':').map_or("", |(scheme, _)| scheme);
        errors.push(ConfigError::new(
            "store.url",
            format!(
                "unsupported store URL{}; use `sqlite://path/to/file.db`, `sqlite::memory:` or `postgres://user@host/db`",
                if scheme.is_empty() {
                    String::new()
                } else {
                    format!(" scheme `{scheme}`")
                }
            ),
        ));
    }
    let postgres = raw.url.starts_with("postgres://") || raw.url.starts_with("postgresql://");
    if postgres && raw.audit.key.is_none() && raw.audit.key_file.is_none() {
        errors.push(ConfigError::new(
            "store.audit.key",
            "PostgreSQL needs the audit key configured (`key: ${MOSAIC_AUDIT_KEY}` or `key_file`): every replica must seal the audit log with the same key",
        ));
    }
    StoreConfig {
        url: raw.url,
        audit: audit(raw.audit, errors),
    }
}

/// The fewest bytes an audit key may have (HMAC-SHA256's output size; RFC 2104, section 3).
const MIN_AUDIT_KEY_BYTES: usize = 32;

fn audit(raw: AuditSection, errors: &mut Vec<ConfigError>) -> AuditConfig {
    if let Some(key) = &raw.key {
        // Never echoed: it is a secret.
        let length = key.expose().trim().len();
        if length < MIN_AUDIT_KEY_BYTES {
            errors.push(ConfigError::new(
                "store.audit.key",
                format!(
                    "is {length} bytes long; an audit key needs at least {MIN_AUDIT_KEY_BYTES} (make one with `openssl rand -hex 32`)"
                ),
            ));
        }
        if raw.key_file.is_some() {
            errors.push(ConfigError::new(
                "store.audit.key_file",
                "give the key either inline (`key`) or in a file (`key_file`), not both",
            ));
        }
    }
    let path = |value: Option<String>, field: &str, errors: &mut Vec<ConfigError>| {
        let value = value?;
        if value.trim().is_empty() {
            errors.push(ConfigError::new(
                format!("store.audit.{field}"),
                "must not be empty; leave it out for the default",
            ));
            return None;
        }
        Some(std::path::PathBuf::from(value))
    };
    AuditConfig {
        key_file: path(raw.key_file, "key_file", errors),
        anchor_file: path(raw.anchor_file, "anchor_file", errors),
        key: raw.key,
    }
}

pub(crate) fn cache(raw: CacheSection, errors: &mut Vec<ConfigError>) -> CacheConfig {
    let class = |over: Option<ClassOverride>, ttl: u64, stale_for: u64| {
        let over = over.unwrap_or_default();
        ClassTiming {
            ttl: over.ttl.map_or(Duration::from_secs(ttl), |d| d.0),
            stale_for: over
                .stale_for
                .map_or(Duration::from_secs(stale_for), |d| d.0),
        }
    };
    CacheConfig {
        max_entries: raw.max_entries,
        classes: CacheClassesConfig {
            volatile: class(raw.classes.volatile, 5, 60),
            standard: class(raw.classes.standard, 30, 300),
            stable: class(raw.classes.stable, 300, 3600),
        },
        l2: raw.l2.map(|l2| super::l2::l2(l2, errors)),
        http: raw
            .http
            .map(|http| super::http_cache::http_cache(http, errors)),
        warming: super::warming::warming(raw.warming, errors),
    }
}

pub(crate) fn executor(raw: ExecutorSection, errors: &mut Vec<ConfigError>) -> ExecutorConfig {
    positive(raw.timeout.0, "executor.timeout", errors);
    at_least_one(
        raw.retry.max_attempts,
        "executor.retry.max_attempts",
        " (1 means no retry)",
        errors,
    );
    if raw.retry.base_delay.0 > raw.retry.max_delay.0 {
        errors.push(ConfigError::new(
            "executor.retry.base_delay",
            format!(
                "must not be longer than `executor.retry.max_delay` ({})",
                raw.retry.max_delay
            ),
        ));
    }
    at_least_one(
        raw.breaker.failure_threshold,
        "executor.breaker.failure_threshold",
        "",
        errors,
    );
    positive(raw.breaker.open_for.0, "executor.breaker.open_for", errors);
    at_least_one(
        raw.breaker.half_open_probes,
        "executor.breaker.half_open_probes",
        "",
        errors,
    );
    ExecutorConfig {
        timeout: raw.timeout.0,
        retry: RetryConfig {
            max_attempts: raw.retry.max_attempts,
            base_delay: raw.retry.base_delay.0,
            max_delay: raw.retry.max_delay.0,
        },
        breaker: BreakerConfig {
            failure_threshold: raw.breaker.failure_threshold,
            open_for: raw.breaker.open_for.0,
            half_open_probes: raw.breaker.half_open_probes,
        },
    }
}

pub(crate) fn positive(duration: Duration, path: &str, errors: &mut Vec<ConfigError>) {
    if duration.is_zero() {
        errors.push(ConfigError::new(path, "must be longer than 0s"));
    }
}

fn at_least_one(value: u32, path: &str, hint: &str, errors: &mut Vec<ConfigError>) {
    if value == 0 {
        errors.push(ConfigError::new(path, format!("must be at least 1{hint}")));
    }
}
