//! The YAML configuration: raw form, validation into the internal form, env expansion and
//! JSON Schema.
//!
//! One file configures the whole gateway. [`load`] turns its text into a [`GatewayConfig`]
//! in five steps, each reporting every problem it finds with its path in the file:
//!
//! 1. YAML text to a generic tree (a syntax error names its line and column);
//! 2. every unknown key reported and removed, at any depth (`unknown`);
//! 3. `${VAR}` / `${VAR:-default}` / `$$` expansion on that tree's strings ([`env`]);
//! 4. each section and each list element deserialized on its own into the strict raw types
//!    ([`raw`]), so one broken entry does not hide the next one's errors;
//! 5. validation into the internal form ([`model`]): values, plugin settings (through each
//!    plugin's pure `validate`), routes (through the router's own compiler), policy globs.
//!
//! A valid configuration may still serve no call at all ([`GatewayConfig::gaps`]: no
//! providers, routes, way to authenticate or allowing policy) unless it says so.
//! [`json_schema_for`] gives editors the file's schema, plugin settings included, and
//! [`ConfigWatcher`] reloads the file once it is stable.

pub mod duration;
pub mod env;
pub mod error;
pub mod gaps;
mod load;
pub mod model;
pub mod normalized;
mod parse;
pub mod raw;
mod schema;
mod unknown;
pub mod upstreams;
mod validate;
pub mod watch;

pub use duration::{DurationText, format_duration, parse_duration};
pub use env::{EnvLookup, ExpandError, expand};
pub use error::{ConfigError, ConfigErrors};
pub use gaps::{Essential, Gap};
pub use load::{load, load_file, plugins_section};
pub use model::{
    AnonymousConfig, ApiKeyConfig, AuditConfig, AuthConfig, BreakerConfig, CacheClassesConfig,
    CacheConfig, ClassTiming, Effect, ExecutorConfig, GatewayConfig, HintGrants, HttpCacheConfig,
    InstanceRateLimit, InstanceSpec, L2Config, PluginsConfig, PolicyConfig, RateLimitSetBy,
    RetryConfig, ServerConfig, SessionsConfig, StoreConfig, WarmingConfig,
};
pub use normalized::Normalized;
pub use raw::ToolList;
pub use schema::json_schema_for;
pub use upstreams::{PrefixMode, UpstreamSpec, UpstreamTransport};
pub use validate::SYSTEM_LABEL;
pub use watch::{ConfigWatcher, Nudge, Reload, SharedEnv, WatchError};
