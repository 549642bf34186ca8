//! Results of federated tools that the configuration lets be cached (`cache.tools` of an
//! upstream), each for its upstream's `cache.ttl`. Keyed by tenant, upstream configuration and
//! the arguments in canonical form: one tenant's answer is never another's, and none fetched
//! under a replaced configuration is served. Tool-level errors (`isError`) are not kept.

use moka::Expiry;
use moka::future::Cache;
use mosaic_federation::{CallToolResult, JsonObject};
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a cached result is found by.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub(crate) struct ResultKey {
    tenant: String,
    generation: u64,
    tool: String,
    arguments: String,
}

impl ResultKey {
    pub(crate) fn new(
        tenant: &str,
        generation: u64,
        tool: &str,
        arguments: Option<&JsonObject>,
    ) -> Self {
        let arguments = arguments.map_or_else(String::new, |arguments| {
            canonical(&Value::Object(arguments.clone()))
        });
        Self {
            tenant: tenant.to_owned(),
            generation,
            tool: tool.to_owned(),
            arguments,
        }
    }
}

/// A cached result, when it was stored, and for how long it is served.
#[derive(Clone)]
pub(crate) struct Kept {
    pub(crate) result: Arc<CallToolResult>,
    pub(crate) stored: tokio::time::Instant,
    ttl: Duration,
}

struct OwnTtl;

impl Expiry<ResultKey, Kept> for OwnTtl {
    fn expire_after_create(
        &self,
        _key: &ResultKey,
        kept: &Kept,
        _now: Instant,
    ) -> Option<Duration> {
        Some(kept.ttl)
    }
}

/// The federated results cache.
#[derive(Clone)]
pub(crate) struct ResultCache {
    cache: Cache<ResultKey, Kept>,
}

impl ResultCache {
    pub(crate) fn new(max_entries: u64) -> Self {
        Self {
            cache: Cache::builder()
                .max_capacity(max_entries)
                .expire_after(OwnTtl)
                .build(),
        }
    }

    pub(crate) async fn get(&self, key: &ResultKey) -> Option<Kept> {
        let kept = self.cache.get(key).await?;
        // moka's clock is the system's; the TTL is also checked on tokio's, so that a paused
        // test clock decides as the gateway's other TTLs do.
        (kept.stored.elapsed() < kept.ttl).then_some(kept)
    }

    pub(crate) async fn put(&self, key: ResultKey, result: Arc<CallToolResult>, ttl: Duration) {
        let kept = Kept {
            result,
            stored: tokio::time::Instant::now(),
            ttl,
        };
        self.cache.insert(key, kept).await;
    }
}

/// JSON with every object's keys sorted, whatever order the caller sent them in.
fn canonical(value: &Value) -> String {
    fn write(value: &Value, out: &mut String) {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                out.push('{');
                for (index, key) in keys.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String((*key).clone()).to_string());
                    out.push(':');
                    write(&map[key.as_str()], out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write(item, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}
