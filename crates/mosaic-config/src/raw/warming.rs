//! `cache.warming`: refreshing the hottest answers shortly before they expire.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Refreshes the most read answers shortly before their freshness ends, so callers keep
/// hitting instead of all missing at once when a popular answer expires. A refresh is a
/// provider call made ahead of any caller, with the credentials and the route of the caller
/// whose call filled the entry, from the instance that served it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarmingSection {
    /// Whether answers are refreshed at all. Default `false`: every refresh spends a call of
    /// the provider's quota before anyone asked, which an operator should decide to do.
    /// Each route may leave it off for its reads (`routes[].warming: false`).
    #[serde(default)]
    pub enabled: bool,
    /// The most refreshes sent to one instance per minute. Default `60`.
    #[serde(default = "default_budget")]
    pub budget: u32,
    /// How long before its freshness ends an answer may be refreshed, as a share of its
    /// class's `ttl`: `0.1` is the last 10 % (3 s of a 30 s TTL), and never less than one
    /// second. Between 0 (exclusive) and 1. Default `0.1`.
    #[serde(default = "default_lead")]
    pub lead: f64,
    /// Lookups an answer needs to be refreshed: those of about the last minute, older ones
    /// counting half as much per minute they age. Default `5`.
    #[serde(default = "default_min_hits")]
    pub min_hits: u32,
    /// The most answers kept refreshable at once (each holds how to fetch it again, in
    /// memory only); past it the hotter take the colder's place. Default `1000`.
    #[serde(default = "default_max_keys")]
    pub max_keys: u64,
    /// The share of an instance's quota left to callers: no refresh is sent while the
    /// remaining quota the provider last reported is at or below this share of its limit.
    /// At least 0, below 1. Default `0.25`.
    #[serde(default = "default_quota_reserve")]
    pub quota_reserve: f64,
}

fn default_budget() -> u32 {
    60
}

fn default_lead() -> f64 {
    0.1
}

fn default_min_hits() -> u32 {
    5
}

fn default_max_keys() -> u64 {
    1000
}

fn default_quota_reserve() -> f64 {
    0.25
}

impl Default for WarmingSection {
    fn default() -> Self {
        Self {
            enabled: false,
            budget: default_budget(),
            lead: default_lead(),
            min_hits: default_min_hits(),
            max_keys: default_max_keys(),
            quota_reserve: default_quota_reserve(),
        }
    }
}
