//! The whole validated configuration, serializable, with every default filled in: what
//! `mosaic config check --print` shows and what the snapshot tests record. Builders are left
//! out (they are code, not data) and so are plugin settings, which may hold secrets expanded
//! from the environment; a plugin is shown as `name@version`.

use crate::duration;
use crate::gaps::Essential;
use crate::model::{
    AuthConfig, CacheConfig, ExecutorConfig, GatewayConfig, InstanceRateLimit, InstanceSpec,
    PolicyConfig, RateLimitSetBy, ServerConfig, StoreConfig,
};
use mosaic_routing::RuleSpec;
use mosaic_routing::cost::{Budget, CostModel};
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// A serializable view of a [`GatewayConfig`], sections and fields in file order.
#[derive(Serialize)]
pub struct Normalized<'a> {
    server: &'a ServerConfig,
    store: &'a StoreConfig,
    cache: &'a CacheConfig,
    executor: &'a ExecutorConfig,
    auth: &'a AuthConfig,
    policies: &'a [PolicyConfig],
    providers: Vec<InstanceView<'a>>,
    routes: &'a [RuleSpec],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    upstreams: &'a [crate::upstreams::UpstreamSpec],
    #[serde(skip_serializing_if = "CostsView::is_empty")]
    costs: CostsView<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    intentionally_empty: &'a [Essential],
}

#[derive(Serialize)]
struct InstanceView<'a> {
    name: &'a str,
    plugin: String,
    region: Option<&'a str>,
    labels: &'a BTreeMap<String, String>,
    /// Shown only when set: its answers may be shared with HTTP caches.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    public: bool,
    cost_per_call: f64,
    #[serde(serialize_with = "duration::serialize_option")]
    timeout: Option<Duration>,
    /// Shown only when a limit applies, with who set it: `off` and "none declared" alike
    /// leave the instance unlimited.
    #[serde(skip_serializing_if = "Option::is_none")]
    rate_limit: Option<RateLimitView>,
    /// Shown only when the instance has a run cost model.
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<&'a CostModel>,
}

/// The `costs` section, shown when it says anything.
#[derive(Serialize)]
struct CostsView<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    public: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    budgets: &'a [Budget],
}

impl CostsView<'_> {
    fn is_empty(&self) -> bool {
        self.public.is_empty() && self.budgets.is_empty()
    }
}

/// A rate limit in force, written as the file writes one, plus who set it.
#[derive(Serialize)]
struct RateLimitView {
    requests: u32,
    #[serde(serialize_with = "duration::serialize")]
    per: Duration,
    burst: u32,
    set_by: RateLimitSetBy,
}

impl From<&InstanceRateLimit> for RateLimitView {
    fn from(applied: &InstanceRateLimit) -> Self {
        Self {
            requests: applied.limit.requests(),
            per: applied.limit.per(),
            burst: applied.limit.burst(),
            set_by: applied.set_by,
        }
    }
}

impl<'a> InstanceView<'a> {
    fn of(spec: &'a InstanceSpec, config: &'a GatewayConfig) -> Self {
        Self {
            name: &spec.name,
            plugin: spec.plugin_id(),
            region: spec.region.as_deref(),
            labels: &spec.labels,
            public: spec.public,
            cost_per_call: spec.cost_per_call,
            timeout: spec.timeout,
            rate_limit: spec.rate_limit.as_ref().map(RateLimitView::from),
            cost: config
                .costs
                .instances
                .iter()
                .find(|cost| cost.instance == spec.name)
                .and_then(|cost| cost.model.as_ref()),
        }
    }
}

impl Normalized<'_> {
    /// The view as a JSON value (keys then sorted by name).
    pub fn to_value(&self) -> serde_json::Value {
        // Every value here is a string, number, bool, list or string-keyed map, and
        // `cost_per_call` is validated finite, so this conversion cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl GatewayConfig {
    /// The configuration with defaults filled in, builders and plugin settings left out;
    /// serialize it (JSON, YAML) to print it.
    pub fn normalized(&self) -> Normalized<'_> {
        Normalized {
            server: &self.server,
            store: &self.store,
            cache: &self.cache,
            executor: &self.executor,
            auth: &self.auth,
            policies: &self.policies,
            providers: self
                .instances
                .iter()
                .map(|spec| InstanceView::of(spec, self))
                .collect(),
            routes: &self.routes,
            upstreams: &self.upstreams,
            costs: CostsView {
                public: &self.costs.public,
                budgets: &self.costs.budgets,
            },
            intentionally_empty: &self.intentionally_empty,
        }
    }
}
