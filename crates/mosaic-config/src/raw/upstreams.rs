//! The `upstreams` list: MCP servers MosAIc federates, each spawned (`stdio`) or reached
//! (`http`) by the gateway, its tools offered beside the catalog's under the same policy and
//! audit.

use crate::duration::DurationText;
use crate::upstreams::PrefixMode;
use mosaic_core::Secret;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One upstream MCP server. Give exactly one of `stdio` and `http`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpstreamEntry {
    /// Unique name (distinct from every provider instance's too), used in tool names,
    /// policies (resource `<name>/<tool>`), audit records and status: lowercase letters,
    /// digits, `-` and `_`, starting with a letter or digit.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_-]*$"))]
    pub name: String,
    /// A server the gateway starts as a child process and speaks to over its standard input
    /// and output. It is started once, restarted with backoff when it exits, and stopped
    /// (with every process it started) when it is removed from the file.
    #[serde(default)]
    pub stdio: Option<StdioEntry>,
    /// A server reached over MCP streamable HTTP.
    #[serde(default)]
    pub http: Option<HttpEntry>,
    /// How its tools are named: `always` (the default) as `<name>_<tool>`, `never` as the
    /// upstream names them. A name longer than 64 characters is shortened with a hash
    /// suffix. A name another tool already has (a catalog tool, `mosaic_*`, or an earlier
    /// upstream's) is not offered, and the collision is shown in the upstream's status.
    #[serde(default)]
    pub prefix: PrefixMode,
    /// Globs of the upstream's tool names (as it names them) that only read: these alone are
    /// retried after a transient failure. Default: none.
    #[serde(default)]
    pub read_only: Vec<String>,
    /// Which tools' results may be cached, and for how long. Default: none is cached.
    #[serde(default)]
    pub cache: Option<UpstreamCacheEntry>,
    /// How often the tool list is read again besides when the upstream says it changed
    /// (`notifications/tools/list_changed`). Default `5m`.
    #[serde(default)]
    pub refresh: Option<DurationText>,
    /// Time limit of one call, overriding `executor.timeout`.
    #[serde(default)]
    pub timeout: Option<DurationText>,
}

/// A server started as a child process.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StdioEntry {
    /// The program, found on `PATH` when it has no `/`.
    pub command: String,
    /// Its arguments.
    #[serde(default)]
    pub args: Vec<String>,
    /// Environment variables set for it on top of the gateway's own (credentials belong
    /// here, from `${VAR}`); never printed.
    #[serde(default)]
    pub env: BTreeMap<String, Secret>,
}

/// A server reached over streamable HTTP. The caller's own credentials are never sent to
/// it: only what is configured here.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HttpEntry {
    /// The MCP endpoint, `http://` or `https://`.
    pub url: String,
    /// A bearer token sent as `Authorization: Bearer ...`; never printed.
    #[serde(default)]
    pub bearer: Option<Secret>,
    /// Static headers sent with every request (`X-Api-Key: ${KEY}`); never printed.
    #[serde(default)]
    pub headers: BTreeMap<String, Secret>,
}

/// Which tools' results may be cached.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpstreamCacheEntry {
    /// Globs of tool names (as the upstream names them) whose successful results are cached,
    /// per tenant and arguments.
    pub tools: Vec<String>,
    /// How long a cached result is served. Default `60s`.
    #[serde(default)]
    pub ttl: Option<DurationText>,
}
