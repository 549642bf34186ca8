//! The settings sections of the file: `server`, `store`, `cache` and `executor`.

use crate::duration::DurationText;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The HTTP server.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServerSection {
    /// Address and port to listen on (MCP at `/mcp`, REST at `/v1`), like `127.0.0.1:8080` or
    /// `[::]:8080`. `mosaic serve --listen` overrides it.
    #[serde(default = "default_listen")]
    pub listen: String,
    /// Accepted `Host` header values, which protects local servers against DNS rebinding.
    /// Defaults to the loopback names. An empty list accepts any host: write `[]` only when a
    /// proxy in front checks the host.
    #[serde(default = "default_allowed_hosts")]
    pub allowed_hosts: Vec<String>,
    /// Accepted browser `Origin` header values (`https://dash.example.com`; without a port,
    /// the scheme's default port). Requests without an `Origin` header are always accepted.
    /// When the list is empty (the default), a server listening on a loopback address accepts
    /// pages of loopback origins (`http://localhost:*`, `http://127.0.0.1:*`,
    /// `http://[::1]:*`) and refuses others; any other server refuses every request that
    /// carries an `Origin`.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Largest accepted request body, in bytes. Default 1 MiB.
    #[schemars(range(min = 1))]
    #[serde(default = "default_max_body_bytes")]
    pub max_body_bytes: u64,
    /// Most connections open at once; further clients wait in the listen queue until one
    /// closes. Default 512.
    #[schemars(range(min = 1))]
    #[serde(default = "default_max_connections")]
    pub max_connections: u64,
    /// How long a client may take to send a request's head (request line and headers),
    /// counted from when the connection opened or, on a kept-alive connection, from the
    /// head's first byte; slower connections are closed. Default `10s`.
    #[serde(default = "default_header_read_timeout")]
    pub header_read_timeout: DurationText,
    /// How long a client may take to send a request's whole body once its head arrived;
    /// slower requests are answered `408` and their connection is closed. Default `30s`.
    #[serde(default = "default_body_read_timeout")]
    pub body_read_timeout: DurationText,
    /// How long a kept-alive connection may wait for its next request before it is closed.
    /// Default `60s`.
    #[serde(default = "default_idle_timeout")]
    pub idle_timeout: DurationText,
    /// On SIGTERM or Ctrl-C: how long requests in progress may take to finish before their
    /// connections are closed, and then how long the audit queue may take to be stored.
    /// Default `10s`.
    #[serde(default = "default_shutdown_timeout")]
    pub shutdown_timeout: DurationText,
    /// MCP sessions (protocol 2025-11-25, which opens one per `initialize`).
    #[serde(default)]
    pub sessions: SessionsSection,
    /// What the MCP front end offers.
    #[serde(default)]
    pub mcp: McpSection,
}

/// What the MCP front end offers in `tools/list`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct McpSection {
    /// `all` (the default): every catalog tool, every federated tool and the meta tools.
    /// `meta_only`: only the meta tools, for clients with a small tool budget, which find
    /// tools with `mosaic_tools_search` and call them with `mosaic_tools_call` (every tool
    /// can still be called by name).
    #[serde(default)]
    pub tool_list: ToolList,
}

/// Which tools `tools/list` shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ToolList {
    /// Every tool the caller may call.
    #[default]
    All,
    /// Only the meta tools.
    MetaOnly,
}

fn default_listen() -> String {
    "127.0.0.1:8080".into()
}

fn default_allowed_hosts() -> Vec<String> {
    ["localhost", "127.0.0.1", "::1"]
        .map(str::to_owned)
        .to_vec()
}

fn default_max_body_bytes() -> u64 {
    1024 * 1024
}

fn default_max_connections() -> u64 {
    512
}

fn default_header_read_timeout() -> DurationText {
    DurationText::secs(10)
}

fn default_body_read_timeout() -> DurationText {
    DurationText::secs(30)
}

fn default_idle_timeout() -> DurationText {
    DurationText::secs(60)
}

fn default_shutdown_timeout() -> DurationText {
    DurationText::secs(10)
}

impl Default for ServerSection {
    fn default() -> Self {
        Self {
            listen: default_listen(),
            allowed_hosts: default_allowed_hosts(),
            allowed_origins: Vec::new(),
            max_body_bytes: default_max_body_bytes(),
            max_connections: default_max_connections(),
            header_read_timeout: default_header_read_timeout(),
            body_read_timeout: default_body_read_timeout(),
            idle_timeout: default_idle_timeout(),
            shutdown_timeout: default_shutdown_timeout(),
            sessions: SessionsSection::default(),
            mcp: McpSection::default(),
        }
    }
}

/// Limits on MCP sessions, so that clients which never end theirs cannot exhaust memory.
/// A client over a limit is answered `429` (its key's limit) or `503` (the server's) with
/// `Retry-After`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionsSection {
    /// Most sessions open at once, over all callers. Default 1024.
    #[schemars(range(min = 1))]
    #[serde(default = "default_max_sessions")]
    pub max: u64,
    /// Most sessions open at once for one API key (anonymous callers share one). Default 64.
    #[schemars(range(min = 1))]
    #[serde(default = "default_max_sessions_per_key")]
    pub max_per_key: u64,
    /// A session without any request for this long is ended; its client gets `404` and
    /// starts a new one, as MCP requires. Default `2m`.
    #[serde(default = "default_session_idle_timeout")]
    pub idle_timeout: DurationText,
}

fn default_max_sessions() -> u64 {
    1024
}

fn default_max_sessions_per_key() -> u64 {
    64
}

fn default_session_idle_timeout() -> DurationText {
    DurationText::secs(120)
}

impl Default for SessionsSection {
    fn default() -> Self {
        Self {
            max: default_max_sessions(),
            max_per_key: default_max_sessions_per_key(),
            idle_timeout: default_session_idle_timeout(),
        }
    }
}

/// Where state and the audit log are kept.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreSection {
    /// Database URL: `sqlite://path/to/file.db` (created if missing), `sqlite::memory:`
    /// (nothing kept across restarts) or `postgres://user@host/db`.
    #[serde(default = "default_store_url")]
    pub url: String,
    /// How the audit log is sealed against rewriting and truncation. By default, beside a
    /// SQLite file: a key file generated on first start (`<file>.audit-key`, mode 0600) and
    /// the head anchor (`<file>.audit-head`). PostgreSQL needs `key` or `key_file`.
    #[serde(default)]
    pub audit: AuditSection,
}

fn default_store_url() -> String {
    "sqlite://data/mosaic.db".into()
}

impl Default for StoreSection {
    fn default() -> Self {
        Self {
            url: default_store_url(),
            audit: AuditSection::default(),
        }
    }
}

/// The audit log's key and anchor, kept outside the database: rewriting records and
/// recomputing the chain needs the key, and cutting records off the end is found against the
/// anchor.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditSection {
    /// The key itself, at least 32 bytes, usually `${MOSAIC_AUDIT_KEY}` (make one with
    /// `openssl rand -hex 32`). Every replica sharing a PostgreSQL store needs the same key.
    #[serde(default)]
    pub key: Option<mosaic_core::Secret>,
    /// A file holding the key; generated (32 random bytes as hex, mode 0600) on first start
    /// when missing. Keep a copy: without the key the log cannot be verified.
    #[serde(default)]
    pub key_file: Option<String>,
    /// Where the head anchor (the last record's id and hash, sealed with the key) is written
    /// after every commit. Put it where those who can edit the database cannot.
    #[serde(default)]
    pub anchor_file: Option<String>,
}

/// The answer cache.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CacheSection {
    /// The most answers kept in memory; past it the least valuable are evicted.
    #[serde(default = "default_max_entries")]
    pub max_entries: u64,
    /// How long answers of each cache class stay fresh and then usable stale. Every
    /// operation has a class of its own (writes are never cached).
    #[serde(default)]
    pub classes: CacheClassesSection,
    /// A second tier in Redis, shared by every replica that names the same Redis and prefix:
    /// what one replica fetched the others serve, and a write through any of them makes the
    /// next read of what it changed miss on all of them. Left out: the in-memory tier alone.
    #[serde(default)]
    pub l2: Option<L2Section>,
    /// HTTP caches and CDNs in front of the REST API (L3): where they run, which decides the
    /// answers they may be given to share, and where to send the purges of a write. Left out:
    /// no answer is shared with them (every read is `Cache-Control: private`).
    #[serde(default)]
    pub http: Option<HttpCacheSection>,
    /// Refreshing the most read answers shortly before they expire. Default: off.
    #[serde(default)]
    pub warming: super::WarmingSection,
}

/// The HTTP caches in front of the REST API (L3).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HttpCacheSection {
    /// The region the caches run in (`eu`, `us-east`). An answer of an instance with a
    /// `jurisdiction` label is shared with them only when this region is inside it (`eu-west`
    /// is inside `eu`); left out, only answers without a jurisdiction are.
    #[serde(default)]
    pub region: Option<String>,
    /// The caches to purge after every write: a `PURGE` request to each URL with the
    /// surrogate keys of what the write changed in `xkey` (Varnish with vmod xkey), sent
    /// before the write is answered. Left out: shared answers are not purged and live until
    /// `s-maxage` runs out.
    #[serde(default)]
    pub purge: Vec<String>,
    /// The longest one purge request may take. Default `1s`, at most `10s`.
    #[serde(default = "default_purge_timeout")]
    pub purge_timeout: DurationText,
}

fn default_purge_timeout() -> DurationText {
    DurationText(std::time::Duration::from_secs(1))
}

/// The Redis tier shared by replicas (L2).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct L2Section {
    /// The Redis, `redis://[user:password@]host[:port][/db]` (write a password as
    /// `${REDIS_PASSWORD}`). Redis Cluster is not supported; a primary with replicas is.
    pub url: String,
    /// Prefix of every key and of the invalidation channel, so several gateways (or other
    /// programs) can share one Redis. Replicas of one gateway use the same. Default `mosaic`.
    #[serde(default = "default_l2_prefix")]
    pub prefix: String,
    /// The longest a request to Redis may take, connecting included; past it the call goes on
    /// without L2 (from memory or the provider), and after a few such failures in a row L2 is
    /// left alone for a second. Default `100ms`, at most `5s`.
    #[serde(default = "default_l2_timeout")]
    pub timeout: DurationText,
    /// The region the Redis runs in (`eu`, `us-east`), shown with the tier.
    #[serde(default)]
    pub region: Option<String>,
    /// The longest a write waits, before it is answered, for every other replica to
    /// acknowledge that it applied the write's invalidation (so that none of them serves an
    /// older answer from memory afterwards). A replica that does not answer in time never
    /// fails the write: the wait is counted in `mosaic_cache_invalidation_ack_timeouts_total`
    /// and that replica may serve its older answer until the announcement reaches it.
    /// `0s` does not wait. Default `50ms`, at most `1s`.
    #[serde(default = "default_l2_ack_timeout")]
    pub ack_timeout: DurationText,
    /// How long Redis keeps the validator of a provider's conditional request (an `ETag` and
    /// the answer it came with, at most 1 MiB) after it was last kept or found, so that any
    /// replica, or the next process, revalidates what one fetched. Default `24h`, at most `720h`;
    /// `0s`: none are kept in Redis, each replica keeps its own in memory.
    #[serde(default = "default_validator_ttl")]
    pub validator_ttl: DurationText,
}

fn default_validator_ttl() -> DurationText {
    DurationText(std::time::Duration::from_secs(24 * 60 * 60))
}

fn default_l2_prefix() -> String {
    "mosaic".to_owned()
}

fn default_l2_timeout() -> DurationText {
    DurationText(std::time::Duration::from_millis(100))
}

fn default_l2_ack_timeout() -> DurationText {
    DurationText(std::time::Duration::from_millis(50))
}

fn default_max_entries() -> u64 {
    10_000
}

impl Default for CacheSection {
    fn default() -> Self {
        Self {
            max_entries: default_max_entries(),
            classes: CacheClassesSection::default(),
            l2: None,
            http: None,
            warming: super::WarmingSection::default(),
        }
    }
}

/// Overrides per cache class; a class or field left out keeps its default.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CacheClassesSection {
    /// Answers that change by the second (CI runs and logs). Default: `ttl: 5s`,
    /// `stale_for: 60s`.
    #[serde(default)]
    pub volatile: Option<ClassOverride>,
    /// Ordinary lists and items (issues, pull requests, pages). Default: `ttl: 30s`,
    /// `stale_for: 300s`.
    #[serde(default)]
    pub standard: Option<ClassOverride>,
    /// Answers that rarely change (repository metadata, spaces, projects). Default:
    /// `ttl: 300s`, `stale_for: 3600s`.
    #[serde(default)]
    pub stable: Option<ClassOverride>,
}

/// The durations of one cache class.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassOverride {
    /// How long an answer is fresh: served from cache without asking a provider. `0s`
    /// together with `stale_for: 0s` turns caching off for the class.
    #[serde(default)]
    pub ttl: Option<DurationText>,
    /// How long past `ttl` an answer is kept to be served, marked stale, when every provider
    /// candidate fails. `0s`: never served stale.
    #[serde(default)]
    pub stale_for: Option<DurationText>,
}

/// How calls to providers are made.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExecutorSection {
    /// Time limit of one attempt on one instance, unless the instance sets its own.
    #[serde(default = "default_timeout")]
    pub timeout: DurationText,
    /// Retries of failed attempts on the same instance.
    #[serde(default)]
    pub retry: RetrySection,
    /// The circuit breaker of every instance.
    #[serde(default)]
    pub breaker: BreakerSection,
}

fn default_timeout() -> DurationText {
    DurationText::secs(10)
}

impl Default for ExecutorSection {
    fn default() -> Self {
        Self {
            timeout: default_timeout(),
            retry: RetrySection::default(),
            breaker: BreakerSection::default(),
        }
    }
}

/// Retries. Only idempotent operations are retried, and only after transient failures.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetrySection {
    /// Attempts per instance, the first included: `1` means no retry.
    #[schemars(range(min = 1))]
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
    /// Delay before the first retry; it doubles with each retry (with random jitter).
    #[serde(default = "default_base_delay")]
    pub base_delay: DurationText,
    /// Longest delay between two attempts; a provider asking to wait longer
    /// (`Retry-After`) is given up on instead.
    #[serde(default = "default_max_delay")]
    pub max_delay: DurationText,
}

fn default_max_attempts() -> u32 {
    3
}

fn default_base_delay() -> DurationText {
    DurationText::millis(100)
}

fn default_max_delay() -> DurationText {
    DurationText::secs(5)
}

impl Default for RetrySection {
    fn default() -> Self {
        Self {
            max_attempts: default_max_attempts(),
            base_delay: default_base_delay(),
            max_delay: default_max_delay(),
        }
    }
}

/// The circuit breaker: an instance that keeps failing is skipped for a while.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakerSection {
    /// Consecutive failures (the provider's fault) that open the circuit.
    #[schemars(range(min = 1))]
    #[serde(default = "default_failure_threshold")]
    pub failure_threshold: u32,
    /// How long an open circuit stays open before probe calls are let through.
    #[serde(default = "default_open_for")]
    pub open_for: DurationText,
    /// Probe calls let through at once while half-open; one success closes the circuit.
    #[schemars(range(min = 1))]
    #[serde(default = "default_half_open_probes")]
    pub half_open_probes: u32,
}

fn default_failure_threshold() -> u32 {
    5
}

fn default_open_for() -> DurationText {
    DurationText::secs(30)
}

fn default_half_open_probes() -> u32 {
    1
}

impl Default for BreakerSection {
    fn default() -> Self {
        Self {
            failure_threshold: default_failure_threshold(),
            open_for: default_open_for(),
            half_open_probes: default_half_open_probes(),
        }
    }
}
