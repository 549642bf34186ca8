//! The validated form of the `upstreams` section: MCP servers the gateway federates. The
//! federation crate starts them; the gateway applies policy, audit, breakers, timeouts,
//! retries and the cache to their calls as to every other call.

use crate::duration;
use mosaic_core::Secret;
use mosaic_core::glob::matches;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// How an upstream's tools are named where MosAIc offers them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrefixMode {
    /// `<upstream>_<tool>`.
    #[default]
    Always,
    /// The tool's own name.
    Never,
}

/// One upstream MCP server, validated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UpstreamSpec {
    /// Unique name.
    pub name: String,
    /// How it is reached.
    pub transport: UpstreamTransport,
    /// How its tools are named.
    pub prefix: PrefixMode,
    /// Globs of tools that only read (retried after transient failures).
    pub read_only: Vec<String>,
    /// Globs of tools whose results may be cached.
    pub cacheable: Vec<String>,
    /// How long a cached result is served.
    #[serde(serialize_with = "duration::serialize")]
    pub cache_ttl: Duration,
    /// How often the tool list is read again.
    #[serde(serialize_with = "duration::serialize")]
    pub refresh: Duration,
    /// Time limit of one call, overriding `executor.timeout`.
    #[serde(serialize_with = "duration::serialize_option")]
    pub timeout: Option<Duration>,
}

impl UpstreamSpec {
    /// Whether the upstream's tool `tool` only reads, so may be retried.
    pub fn is_read_only(&self, tool: &str) -> bool {
        self.read_only.iter().any(|glob| matches(glob, tool))
    }

    /// Whether results of `tool` may be cached.
    pub fn is_cacheable(&self, tool: &str) -> bool {
        self.cacheable.iter().any(|glob| matches(glob, tool))
    }
}

/// How an upstream is reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UpstreamTransport {
    /// A child process speaking MCP on its standard input and output.
    Stdio {
        /// The program.
        command: String,
        /// Its arguments.
        args: Vec<String>,
        /// Variables set for it on top of the gateway's environment.
        env: BTreeMap<String, Secret>,
    },
    /// MCP streamable HTTP.
    Http {
        /// The endpoint.
        url: String,
        /// `Authorization: Bearer` token.
        bearer: Option<Secret>,
        /// Static headers.
        headers: BTreeMap<String, Secret>,
    },
}

/// The default period of tool-list refreshes.
pub const DEFAULT_REFRESH: Duration = Duration::from_secs(300);
/// The default lifetime of a cached result.
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(60);
