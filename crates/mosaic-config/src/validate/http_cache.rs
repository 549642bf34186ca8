//! Validation of `cache.http`, the HTTP caches in front of the REST API: a region that names
//! one, purge URLs a client can send to, a purge timeout short enough that a dead cache never
//! holds a write's answer up for long.

use crate::error::ConfigError;
use crate::model::HttpCacheConfig;
use crate::raw::HttpCacheSection;
use std::time::Duration;

/// The longest `cache.http.purge_timeout` accepted: a write waits for its purges.
const MAX_PURGE_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) fn http_cache(raw: HttpCacheSection, errors: &mut Vec<ConfigError>) -> HttpCacheConfig {
    if raw
        .region
        .as_deref()
        .is_some_and(|region| region.trim().is_empty())
    {
        errors.push(ConfigError::new(
            "cache.http.region",
            "must not be empty; leave it out when the region is not known",
        ));
    }
    for (index, url) in raw.purge.iter().enumerate() {
        if !is_http_url(url) {
            errors.push(ConfigError::new(
                format!("cache.http.purge[{index}]"),
                format!(
                    "`{url}` is not an http:// or https:// URL with a host; write the cache's address, like `http://127.0.0.1:6081/`"
                ),
            ));
        }
    }
    let timeout = raw.purge_timeout.0;
    if timeout.is_zero() || timeout > MAX_PURGE_TIMEOUT {
        errors.push(ConfigError::new(
            "cache.http.purge_timeout",
            format!(
                "must be longer than 0s and at most {}s (every write waits for its purges)",
                MAX_PURGE_TIMEOUT.as_secs()
            ),
        ));
    }
    HttpCacheConfig {
        region: raw.region,
        purge: raw.purge,
        purge_timeout: timeout,
    }
}

/// `http://host…` or `https://host…`: a scheme the purge client speaks, then a host.
fn is_http_url(url: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        url.strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.contains(' '))
    })
}
