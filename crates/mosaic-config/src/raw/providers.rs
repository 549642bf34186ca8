//! The `providers` list: configured, named uses of a plugin.

use super::costs::CostEntry;
use super::rate_limit::RateLimitEntry;
use crate::duration::DurationText;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One provider instance.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProviderEntry {
    /// Unique name, used by routes, plans and audit records: lowercase letters, digits, `-`
    /// and `_`, starting with a letter or digit.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub name: String,
    /// The plugin, as `name` (its newest built-in version) or `name@version` (`sim@1.0.0`).
    pub plugin: String,
    /// Where the instance runs (`eu`, `us-east`), for routing by caller region.
    #[serde(default)]
    pub region: Option<String>,
    /// Free-form labels (`jurisdiction: eu`) that routes can require. A `jurisdiction`
    /// label also keeps the instance's answers out of cache tiers whose region is outside it
    /// (`cache.l2.region`, `cache.http.region`).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Its answers are the same for every caller: it uses one shared service credential (or
    /// none) and serves data anyone allowed to call it may see. Reads it serves may then be
    /// stored by shared HTTP caches in front (`Cache-Control: public`), when every caller
    /// would be allowed and routed alike (see the caching docs). Default `false`.
    #[serde(default)]
    pub public: bool,
    /// Cost of one call, in any unit you like, for cost-aware routing and reports.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub cost_per_call: f64,
    /// Time limit of one attempt on this instance, overriding `executor.timeout`.
    #[serde(default)]
    pub timeout: Option<DurationText>,
    /// How many requests the gateway sends this instance: `{ requests: 3, per: 1s, burst: 5 }`
    /// (`burst` defaults to `requests`), or `off`. A call waits for its turn within its
    /// deadline (without one, within `timeout`), or is refused as rate limited; a read then
    /// fails over like on a provider's own 429. Left out: the plugin's documented limit, if
    /// it has one.
    #[serde(default)]
    pub rate_limit: Option<RateLimitEntry>,
    /// What a CI run on this instance costs, for `least_cost` routes and `mosaic costs`:
    /// `{ per_minute: { linux-2: 0.006 }, free_minutes: 3000, free_public: true }` for hosted
    /// runners, `{ monthly: 400, executors: 4 }` for self-hosted capacity.
    #[serde(default)]
    pub cost: Option<CostEntry>,
    /// The plugin's own settings; the plugin validates them (see its schema).
    #[serde(default = "empty_settings")]
    pub settings: serde_json::Value,
}

fn empty_settings() -> serde_json::Value {
    serde_json::Value::Object(serde_json::Map::new())
}
