//! The YAML configuration: raw form, validation into the internal form, env expansion and
//! JSON Schema.
//!
//! One file configures the whole gateway. [`load`] turns its text into a [`GatewayConfig`]
//! in four steps, each reporting every problem it finds with its path in the file:
//!
//! 1. YAML text to a generic tree (a syntax error names its line and column);
//! 2. `${VAR}` / `${VAR:-default}` / `$$` expansion on that tree's strings ([`env`]);
//! 3. each section and each list element deserialized on its own into the strict raw types
//!    ([`raw`]), so one broken entry does not hide the next one's errors;
//! 4. validation into the internal form ([`model`]): values, plugin settings (through each
//!    plugin's pure `validate`), routes (through the router's own compiler), policy globs.
//!
//! [`json_schema`] gives editors the file's schema, plugin settings included, and
//! [`ConfigWatcher`] reloads the file when it changes.

pub mod duration;
pub mod env;
pub mod error;
mod load;
pub mod model;
pub mod normalized;
mod parse;
pub mod raw;
mod schema;
mod validate;
pub mod watch;

pub use duration::{DurationText, format_duration, parse_duration};
pub use env::{EnvLookup, ExpandError, expand};
pub use error::{ConfigError, ConfigErrors};
pub use load::{load, load_file};
pub use model::{
    AnonymousConfig, ApiKeyConfig, AuditConfig, AuthConfig, BreakerConfig, CacheClassesConfig,
    CacheConfig, ClassTiming, Effect, ExecutorConfig, GatewayConfig, InstanceSpec, PolicyConfig,
    RetryConfig, ServerConfig, StoreConfig,
};
pub use normalized::Normalized;
pub use schema::{json_schema, json_schema_for};
pub use watch::{ConfigWatcher, Reload, SharedEnv, WatchError};
