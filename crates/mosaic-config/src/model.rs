//! The validated, internal form of the configuration: plain values with defaults filled in,
//! durations as [`Duration`]s, plugins resolved and their settings checked. Everything here
//! has passed validation; the gateway applies it as one unit.

use crate::duration;
use crate::gaps::Essential;
use mosaic_core::{Secret, ServiceKind};
use mosaic_plugin::{InstanceBuilder, Plugin, RateLimit};
use mosaic_routing::RuleSpec;
use mosaic_routing::cost::CostSettings;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// A whole, valid configuration.
#[derive(Debug)]
pub struct GatewayConfig {
    /// The HTTP server.
    pub server: ServerConfig,
    /// State and audit storage.
    pub store: StoreConfig,
    /// The answer cache.
    pub cache: CacheConfig,
    /// Timeouts, retries and circuit breakers.
    pub executor: ExecutorConfig,
    /// Inbound authentication.
    pub auth: AuthConfig,
    /// Access policy rules, in order (first match decides, no match denies).
    pub policies: Vec<PolicyConfig>,
    /// Provider instances, in file order, ready to be built.
    pub instances: Vec<InstanceSpec>,
    /// Route rules, in order, already checked against the instances.
    pub routes: Vec<RuleSpec>,
    /// Upstream MCP servers to federate, in file order.
    pub upstreams: Vec<crate::upstreams::UpstreamSpec>,
    /// What runs cost on each instance, public repositories and budgets, for `least_cost`.
    pub costs: CostSettings,
    /// The plugins folder.
    pub plugins: PluginsConfig,
    /// What the file leaves out on purpose (see [`GatewayConfig::gaps`]).
    pub intentionally_empty: Vec<Essential>,
}

/// The HTTP server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerConfig {
    /// Listen address.
    pub listen: SocketAddr,
    /// Accepted `Host` header values; empty accepts any host.
    pub allowed_hosts: Vec<String>,
    /// Accepted browser `Origin` values; requests with any other `Origin` are refused. Empty:
    /// loopback origins on a loopback listener, none elsewhere.
    pub allowed_origins: Vec<String>,
    /// Largest accepted request body in bytes.
    pub max_body_bytes: usize,
    /// Most connections open at once.
    pub max_connections: usize,
    /// Time allowed to send a request head, from the connection's opening or the head's
    /// first byte.
    #[serde(serialize_with = "duration::serialize")]
    pub header_read_timeout: Duration,
    /// Time allowed to send a request body once its head arrived.
    #[serde(serialize_with = "duration::serialize")]
    pub body_read_timeout: Duration,
    /// Time a kept-alive connection may wait for its next request.
    #[serde(serialize_with = "duration::serialize")]
    pub idle_timeout: Duration,
    /// Time requests in progress get to finish at shutdown, and then the audit queue.
    #[serde(serialize_with = "duration::serialize")]
    pub shutdown_timeout: Duration,
    /// MCP session limits.
    pub sessions: SessionsConfig,
    /// Which tools MCP `tools/list` shows.
    pub tool_list: crate::raw::ToolList,
}

/// Limits on MCP sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SessionsConfig {
    /// Most sessions open at once.
    pub max: usize,
    /// Most sessions open at once for one API key.
    pub max_per_key: usize,
    /// Sessions without a request for this long are ended.
    #[serde(serialize_with = "duration::serialize")]
    pub idle_timeout: Duration,
}

/// The folder of plugin manifests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PluginsConfig {
    /// The folder; `None`: only the built-in plugins.
    pub dir: Option<std::path::PathBuf>,
    /// Whether the folder is watched while MosAIc runs.
    pub watch: bool,
}

/// State and audit storage.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct StoreConfig {
    /// Database URL (`sqlite://...`, `sqlite::memory:`, `postgres://...`). May hold a
    /// password: print it with [`StoreConfig::redacted_url`].
    #[serde(serialize_with = "serialize_redacted")]
    pub url: String,
    /// The audit log's key and anchor; shown only when set.
    #[serde(skip_serializing_if = "AuditConfig::is_default")]
    pub audit: AuditConfig,
}

/// The audit log's key and anchor (defaults beside a SQLite file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AuditConfig {
    /// The key as secret text; printed as `***`.
    pub key: Option<Secret>,
    /// The key file.
    pub key_file: Option<std::path::PathBuf>,
    /// The head anchor file.
    pub anchor_file: Option<std::path::PathBuf>,
}

impl AuditConfig {
    /// Whether nothing is set (every default applies).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

impl StoreConfig {
    /// The URL with any password replaced by `***`, for logs and printed configuration.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

impl fmt::Debug for StoreConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreConfig")
            .field("url", &self.redacted_url())
            .field("audit", &self.audit)
            .finish()
    }
}

/// `scheme://user:password@host/path` with the password replaced by `***`.
pub(crate) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{path}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

fn serialize_redacted<S: serde::Serializer>(url: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&redact_url(url))
}

/// The answer cache.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CacheConfig {
    /// Most answers kept in memory.
    pub max_entries: u64,
    /// Durations per cache class.
    pub classes: CacheClassesConfig,
    /// The Redis tier shared by replicas, when configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l2: Option<L2Config>,
    /// The HTTP caches in front of the REST API, when configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpCacheConfig>,
    /// Refreshing the most read answers shortly before they expire.
    pub warming: WarmingConfig,
}

/// Refreshing the most read answers shortly before they expire (`cache.warming`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WarmingConfig {
    /// Whether answers are refreshed at all.
    pub enabled: bool,
    /// The most refreshes sent to one instance per minute.
    pub budget: u32,
    /// The share of a TTL before its end within which an answer may be refreshed, in basis
    /// points (shown as the fraction the file writes).
    #[serde(rename = "lead", serialize_with = "basis_points")]
    pub lead_bp: u16,
    /// Recent lookups an answer needs to be refreshed.
    pub min_hits: u32,
    /// The most answers kept refreshable at once.
    pub max_keys: u64,
    /// The share of an instance's quota left to callers, in basis points (shown as the
    /// fraction the file writes).
    #[serde(rename = "quota_reserve", serialize_with = "basis_points")]
    pub quota_reserve_bp: u16,
    /// The routes whose reads are never refreshed (`routes[].warming: false`), by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub off_for_routes: Vec<String>,
}

fn basis_points<S: serde::Serializer>(bp: &u16, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(f64::from(*bp) / 10_000.0)
}

/// The HTTP caches in front of the REST API (L3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpCacheConfig {
    /// The region they run in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The URLs purges are sent to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub purge: Vec<String>,
    /// The longest one purge request may take.
    #[serde(serialize_with = "duration::serialize")]
    pub purge_timeout: Duration,
}

/// The Redis tier shared by replicas (L2).
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct L2Config {
    /// `redis://host:port[/db]`; may hold a password: print it with [`L2Config::redacted_url`].
    #[serde(serialize_with = "serialize_redacted")]
    pub url: String,
    /// Prefix of every key and of the invalidation channel.
    pub prefix: String,
    /// The longest one request to Redis may take.
    #[serde(serialize_with = "duration::serialize")]
    pub timeout: Duration,
    /// The region the Redis runs in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The longest a write waits for the other replicas to acknowledge its invalidation.
    #[serde(serialize_with = "duration::serialize")]
    pub ack_timeout: Duration,
    /// How long Redis keeps a validator of a conditional request after its last use; zero:
    /// none are kept there.
    #[serde(serialize_with = "duration::serialize")]
    pub validator_ttl: Duration,
}

impl L2Config {
    /// The URL with any password replaced by `***`, for logs and printed configuration.
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

impl fmt::Debug for L2Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("L2Config")
            .field("url", &self.redacted_url())
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .field("region", &self.region)
            .field("ack_timeout", &self.ack_timeout)
            .field("validator_ttl", &self.validator_ttl)
            .finish()
    }
}

/// Durations of every storable cache class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CacheClassesConfig {
    /// CI runs and logs.
    pub volatile: ClassTiming,
    /// Ordinary lists and items.
    pub standard: ClassTiming,
    /// Rarely changing metadata.
    pub stable: ClassTiming,
}

/// How long answers of one cache class are served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ClassTiming {
    /// Fresh for this long.
    #[serde(serialize_with = "duration::serialize")]
    pub ttl: Duration,
    /// Then usable stale (when every provider fails) for this long.
    #[serde(serialize_with = "duration::serialize")]
    pub stale_for: Duration,
}

/// How calls to providers are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ExecutorConfig {
    /// Time limit of one attempt, unless the instance has its own.
    #[serde(serialize_with = "duration::serialize")]
    pub timeout: Duration,
    /// Retries on one instance.
    pub retry: RetryConfig,
    /// Circuit breakers.
    pub breaker: BreakerConfig,
}

/// Retry tuning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RetryConfig {
    /// Attempts per instance, the first included (at least 1).
    pub max_attempts: u32,
    /// Delay before the first retry; doubles each time.
    #[serde(serialize_with = "duration::serialize")]
    pub base_delay: Duration,
    /// Upper bound of one delay (at least `base_delay`).
    #[serde(serialize_with = "duration::serialize")]
    pub max_delay: Duration,
}

/// Circuit breaker tuning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BreakerConfig {
    /// Consecutive failures that open the circuit (at least 1).
    pub failure_threshold: u32,
    /// How long it stays open before probing.
    #[serde(serialize_with = "duration::serialize")]
    pub open_for: Duration,
    /// Probe calls at once while half-open (at least 1).
    pub half_open_probes: u32,
}

/// Inbound authentication.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AuthConfig {
    /// Accepted API keys.
    pub api_keys: Vec<ApiKeyConfig>,
    /// Identity of requests without a key; `None` refuses them.
    pub anonymous: Option<AnonymousConfig>,
}

/// One accepted API key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiKeyConfig {
    /// Name for logs and audit.
    pub name: String,
    /// Lowercase hex SHA-256 of the key.
    pub key_sha256: String,
    /// Tenant of calls with this key.
    pub tenant: String,
    /// Principal of calls with this key.
    pub principal: String,
    /// The region the caller is in; its calls are routed from it unless it names another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The routing hints calls with this key may assert.
    #[serde(flatten)]
    pub grants: HintGrants,
}

/// Identity of requests without an API key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnonymousConfig {
    /// Their tenant.
    pub tenant: String,
    /// Their principal.
    pub principal: String,
    /// The region they are in; their calls are routed from it unless they name another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The routing hints they may assert.
    #[serde(flatten)]
    pub grants: HintGrants,
}

/// The routing hints a caller may assert about itself (`X-Mosaic-Region`, `X-Mosaic-Labels`).
/// Empty grants nothing: a hint that was not granted is refused, never silently dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HintGrants {
    /// Region globs the caller may name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// For each label the caller may assert, the value globs allowed.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Vec<String>>,
}

/// What a matching policy rule does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Let the call through.
    Allow,
    /// Refuse it.
    Deny,
}

/// One access rule; empty lists match everything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyConfig {
    /// Shown in denials and audit.
    pub name: String,
    /// Allow or deny.
    pub effect: Effect,
    /// Tenant globs.
    pub tenants: Vec<String>,
    /// Principal globs.
    pub principals: Vec<String>,
    /// Operation id globs, each matching at least one catalog or meta operation.
    pub operations: Vec<String>,
    /// Resource globs.
    pub resources: Vec<String>,
}

/// One provider instance, validated and ready to build.
pub struct InstanceSpec {
    /// Unique name.
    pub name: String,
    /// The plugin it is a use of.
    pub plugin: Arc<dyn Plugin>,
    /// Where it runs.
    pub region: Option<String>,
    /// Labels routes can require.
    pub labels: BTreeMap<String, String>,
    /// Whether its answers are the same for every caller (shareable with HTTP caches).
    pub public: bool,
    /// Cost of one call (finite, at least 0).
    pub cost_per_call: f64,
    /// Attempt time limit overriding `executor.timeout`.
    pub timeout: Option<Duration>,
    /// The client-side rate limit the executor enforces: the instance's own, else the
    /// plugin's default; `None` when neither sets one or the instance turned it `off`.
    pub rate_limit: Option<InstanceRateLimit>,
    /// The plugin's validated settings, turned into a running provider by `build`.
    pub builder: Box<dyn InstanceBuilder>,
    /// The settings as written (environment variables expanded), credentials included: the
    /// gateway only hashes them, into the scope of the instance's revalidation state. Never
    /// printed (not in `Debug`).
    pub settings: serde_json::Value,
}

impl InstanceSpec {
    /// The plugin as `name@version`.
    pub fn plugin_id(&self) -> String {
        plugin_id(self.plugin.as_ref())
    }

    /// The kinds the plugin can serve.
    pub fn kinds(&self) -> &[ServiceKind] {
        self.plugin.descriptor().kinds.as_slice()
    }
}

impl fmt::Debug for InstanceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InstanceSpec")
            .field("name", &self.name)
            .field("plugin", &self.plugin_id())
            .field("region", &self.region)
            .field("labels", &self.labels)
            .field("public", &self.public)
            .field("cost_per_call", &self.cost_per_call)
            .field("timeout", &self.timeout)
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

/// The client-side rate limit an instance runs under, and who set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceRateLimit {
    /// The limit.
    pub limit: RateLimit,
    /// Who set it.
    pub set_by: RateLimitSetBy,
}

/// Where an instance's rate limit comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RateLimitSetBy {
    /// The instance's own `rate_limit`.
    Instance,
    /// The plugin's documented default.
    Plugin,
}

/// A plugin as `name@version`.
pub(crate) fn plugin_id(plugin: &dyn Plugin) -> String {
    format!(
        "{}@{}",
        plugin.descriptor().name.as_str(),
        plugin.descriptor().version.as_str()
    )
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
