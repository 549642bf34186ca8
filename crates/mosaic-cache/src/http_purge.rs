//! L3: HTTP caches and CDNs in front of the REST API. MosAIc does not hold their entries; it
//! names what each shared answer depends on in its surrogate keys (the `xkey` response header,
//! one key per cache tag) and, when a write invalidates tags, asks every configured HTTP cache
//! to drop the answers carrying them (`PURGE` with the keys in `xkey`, as Varnish's vmod xkey
//! takes them), before the write is answered.
//!
//! A surrogate key is a digest of the tag rather than the tag itself: tags name resources
//! (`git:acme/api:issues`), which may hold spaces (the separator of `xkey`) and which a
//! response header need not show.

use sha2::{Digest, Sha256};
use std::time::Duration;

/// Purge requests sent to HTTP caches, by `result` (`ok`: the cache answered 2xx; `failed`:
/// any other answer, a timeout or no connection).
pub const HTTP_PURGES: &str = "mosaic_cache_http_purges_total";

/// The response header carrying surrogate keys, and the purge request's header naming them.
pub const SURROGATE_KEY_HEADER: &str = "xkey";

/// The surrogate key of a cache tag: 16 hex digits of its SHA-256.
pub fn surrogate_key(tag: &str) -> String {
    Sha256::digest(tag.as_bytes())[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The surrogate keys of `tags`, space-separated, as `xkey` carries them.
pub fn surrogate_keys(tags: &[String]) -> String {
    tags.iter()
        .map(|tag| surrogate_key(tag))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where purges go and how long each may take.
#[derive(Clone, Debug)]
pub struct HttpPurge {
    targets: Vec<String>,
    client: reqwest::Client,
    method: reqwest::Method,
}

/// Why purges cannot be sent.
#[derive(Debug, thiserror::Error)]
pub enum HttpPurgeError {
    /// The HTTP client could not be built (no TLS backend, for instance).
    #[error("the HTTP client for cache purges could not be built: {0}")]
    Client(#[from] reqwest::Error),
    /// The HTTP library does not take the `PURGE` method.
    #[error("the HTTP client does not take the PURGE method: {0}")]
    Method(#[from] http::method::InvalidMethod),
}

impl HttpPurge {
    /// Purges sent to each of `targets` (`http://varnish:6081/`), each given `timeout`.
    pub fn new(targets: Vec<String>, timeout: Duration) -> Result<Self, HttpPurgeError> {
        let client = reqwest::Client::builder().timeout(timeout).build()?;
        let method = reqwest::Method::from_bytes(b"PURGE")?;
        Ok(Self {
            targets,
            client,
            method,
        })
    }

    /// Asks every target to drop the answers carrying one of `tags`, all at once. A target
    /// that fails is counted and logged, never failing the write that caused the purge: its
    /// answers then live until their `s-maxage` runs out.
    pub async fn purge(&self, tags: &[String]) {
        let keys = surrogate_keys(tags);
        let sends = self.targets.iter().map(|target| self.send(target, &keys));
        futures::future::join_all(sends).await;
    }

    async fn send(&self, target: &str, keys: &str) {
        let sent = self
            .client
            .request(self.method.clone(), target)
            .header(SURROGATE_KEY_HEADER, keys)
            .send()
            .await;
        let result = match sent {
            Ok(response) if response.status().is_success() => "ok",
            Ok(response) => {
                tracing::warn!(target, status = %response.status(), "an HTTP cache refused a purge");
                "failed"
            }
            Err(error) => {
                tracing::warn!(target, %error, "an HTTP cache could not be purged");
                "failed"
            }
        };
        metrics::counter!(HTTP_PURGES, "result" => result).increment(1);
    }
}

#[cfg(test)]
#[path = "http_purge_tests.rs"]
mod tests;
