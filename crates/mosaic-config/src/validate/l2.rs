//! Validation of `cache.l2`, the Redis tier shared by replicas: a URL the Redis client can
//! use, a prefix that keeps keys apart, a timeout short enough that a slow Redis never holds a
//! call up for long, a wait for other replicas' acknowledgements short enough that one that
//! is gone never holds a write up for long, and validators kept for a bounded time.

use crate::error::ConfigError;
use crate::model::L2Config;
use crate::raw::L2Section;
use std::time::Duration;

/// The longest `cache.l2.timeout` accepted: past it a slow Redis would cost callers more than
/// the tier can save them.
const MAX_TIMEOUT: Duration = Duration::from_secs(5);

/// The longest `cache.l2.ack_timeout` accepted: every write waits this long whenever a
/// replica is gone without Redis having noticed yet.
const MAX_ACK_TIMEOUT: Duration = Duration::from_secs(1);
/// The longest `cache.l2.validator_ttl` accepted: 30 days. A validator unused for longer is
/// rarely still current, and Redis would hold it for nothing.
const MAX_VALIDATOR_TTL: Duration = Duration::from_secs(30 * 24 * 60 * 60);

pub(crate) fn l2(raw: L2Section, errors: &mut Vec<ConfigError>) -> L2Config {
    url(&raw.url, errors);
    let prefix = raw.prefix.trim();
    if prefix.is_empty() || prefix.chars().any(char::is_whitespace) {
        errors.push(ConfigError::new(
            "cache.l2.prefix",
            format!(
                "`{}` is not a key prefix; write a word without spaces, like `mosaic`",
                raw.prefix
            ),
        ));
    }
    let timeout = raw.timeout.0;
    if timeout.is_zero() || timeout > MAX_TIMEOUT {
        errors.push(ConfigError::new(
            "cache.l2.timeout",
            format!(
                "must be longer than 0s and at most {}s (a request to Redis slower than that costs more than L2 saves)",
                MAX_TIMEOUT.as_secs()
            ),
        ));
    }
    if raw.validator_ttl.0 > MAX_VALIDATOR_TTL {
        errors.push(ConfigError::new(
            "cache.l2.validator_ttl",
            "must be at most 720h (30 days); write 0s to keep no validators in Redis",
        ));
    }
    if let Some(region) = &raw.region
        && region.trim().is_empty()
    {
        errors.push(ConfigError::new(
            "cache.l2.region",
            "must not be empty; leave it out when the region is not known",
        ));
    }
    let ack_timeout = raw.ack_timeout.0;
    if ack_timeout > MAX_ACK_TIMEOUT {
        errors.push(ConfigError::new(
            "cache.l2.ack_timeout",
            format!(
                "must be at most {}s (every write waits this long while a replica does not answer); `0s` does not wait",
                MAX_ACK_TIMEOUT.as_secs()
            ),
        ));
    }
    L2Config {
        url: raw.url,
        prefix: prefix.to_owned(),
        timeout,
        region: raw.region,
        ack_timeout,
        validator_ttl: raw.validator_ttl.0,
    }
}

/// `redis://` with a host; `rediss://` (TLS) and `unix://` are not built in.
fn url(url: &str, errors: &mut Vec<ConfigError>) {
    let problem = match url.split_once("://") {
        Some(("redis", rest)) => {
            let authority = rest.split('/').next().unwrap_or_default();
            let host = authority.rsplit('@').next().unwrap_or_default();
            // `[::1]` is a host without a port; `[::1]:6379` and `redis:6379` have one.
            let (host_name, port) = match host.rsplit_once(':') {
                Some((name, port)) if !host.ends_with(']') => (name, Some(port)),
                _ => (host, None),
            };
            let port_ok = port.is_none_or(|port| port.parse::<u16>().is_ok_and(|port| port > 0));
            if host_name.is_empty() {
                Some("names no host")
            } else if !port_ok {
                Some("has a port that is not a number from 1 to 65535")
            } else {
                None
            }
        }
        Some(("rediss", _)) => Some("uses TLS (`rediss://`), which this build does not support"),
        _ => Some("is not a Redis URL"),
    };
    if let Some(problem) = problem {
        errors.push(ConfigError::new(
            "cache.l2.url",
            format!(
                "`{}` {problem}; write `redis://host:port`, like `redis://127.0.0.1:6379`",
                crate::model::redact_url(url)
            ),
        ));
    }
}
