//! The configuration file as written: serde types mirroring the YAML, strict
//! (`deny_unknown_fields`) and documented field by field, since these docs become the JSON
//! Schema editors show and the reference documentation.
//!
//! Nothing here is validated beyond its shape; [`crate::validate`] turns these into the
//! internal form and reports every problem with its path.

mod access;
mod costs;
mod plugins;
mod providers;
mod rate_limit;
mod routes;
mod sections;
mod upstreams;
mod warming;

pub use access::{AnonymousEntry, ApiKeyEntry, AuthSection, EffectName, PolicyEntry};
pub use costs::{BudgetEntry, CostEntry, CostsSection};
pub use plugins::PluginsSection;
pub use providers::ProviderEntry;
pub use rate_limit::{RATE_LIMIT_OFF, RateLimitEntry, RateLimitSection};
pub use routes::{RollbackEntry, RouteEntry, SplitMemberEntry, StrategyName, TargetEntry};
pub use sections::{
    AuditSection, BreakerSection, CacheClassesSection, CacheSection, ClassOverride,
    ExecutorSection, HttpCacheSection, L2Section, McpSection, RetrySection, ServerSection,
    SessionsSection, StoreSection, ToolList,
};
pub use upstreams::{HttpEntry, StdioEntry, UpstreamCacheEntry, UpstreamEntry};
pub use warming::WarmingSection;

use crate::gaps::Essential;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The top-level keys of the file, in the order they are documented.
pub const SECTIONS: [&str; 12] = [
    "server",
    "store",
    "cache",
    "executor",
    "auth",
    "policies",
    "providers",
    "routes",
    "upstreams",
    "costs",
    "plugins",
    "intentionally_empty",
];

/// A MosAIc configuration file. Every section is optional; what is left out takes its
/// default. String values may use `${VAR}`, `${VAR:-default}` and `$$` (a literal `$`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "MosAIc configuration")]
pub struct ConfigFile {
    /// The HTTP server: where it listens and which requests it accepts.
    #[serde(default)]
    pub server: ServerSection,
    /// Where state and the audit log are kept.
    #[serde(default)]
    pub store: StoreSection,
    /// The answer cache: its size and how long answers of each cache class are served.
    #[serde(default)]
    pub cache: CacheSection,
    /// How calls to providers are made: timeouts, retries and circuit breakers.
    #[serde(default)]
    pub executor: ExecutorSection,
    /// Who may call: API keys and anonymous access.
    #[serde(default)]
    pub auth: AuthSection,
    /// Access policy: ordered rules, the first match decides, no match denies.
    #[serde(default)]
    pub policies: Vec<PolicyEntry>,
    /// Provider instances: configured uses of a plugin.
    #[serde(default)]
    pub providers: Vec<ProviderEntry>,
    /// Routes: ordered rules deciding which instances serve which requests.
    #[serde(default)]
    pub routes: Vec<RouteEntry>,
    /// Upstream MCP servers whose tools MosAIc offers beside the catalog's, under the same
    /// policy (operation `mcp.tools.call`, resource `<upstream>/<tool>`), audit, breakers,
    /// timeouts and retries.
    #[serde(default)]
    pub upstreams: Vec<UpstreamEntry>,
    /// What CI runs cost: public repositories and tenants' monthly budgets, for `least_cost`
    /// routes and `mosaic costs`.
    #[serde(default)]
    pub costs: CostsSection,
    /// The folder of declarative plugin manifests, watched while MosAIc runs.
    #[serde(default)]
    pub plugins: PluginsSection,
    /// What this file leaves out on purpose: `auth` (no API keys and no anonymous access),
    /// `policies` (none allows anything), `providers`, `routes`. A configuration without one
    /// of them serves no call; a hot reload refuses it unless it is listed here, so that an
    /// empty or half-written file never goes live.
    #[serde(default)]
    pub intentionally_empty: Vec<Essential>,
}
