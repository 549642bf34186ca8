//! The plugin contract: what a provider plugin declares about itself, how its instances are
//! validated and built, the kind SDKs an instance is written against, and the plugin set the
//! configuration is read against. It depends on the core alone, so that the gateway, the
//! configuration and every provider agree on it without knowing one another.
//!
//! - `descriptor.rs`: [`PluginDescriptor`], owned, so a plugin found at run time is one too.
//! - `plugin.rs`: [`Plugin`] and [`InstanceBuilder`]: a pure validate, then an effectful build.
//! - `context.rs`: [`BuildContext`], what every build gets: HTTP clients, clock, state
//!   directory, secrets, metric labels, the validators store of conditional requests.
//! - `validators.rs`: [`Validators`], that store as a client sees it, and how it is scoped.
//! - `kinds/`: [`Instance`], its hooks with their defaults, one trait per resource of each
//!   service kind, and the one dispatch that answers "unsupported by this instance".
//! - `rate_limit.rs`: [`RateLimit`], a provider's documented request limit, which the
//!   descriptor can declare as its instances' default and the executor enforces.
//! - `set.rs`: [`PluginSet`], swapped atomically while calls run.
//! - `folder_report.rs`: [`FolderReport`], what the plugins folder holds, for status.
//! - [`Secret`] (the core's): a credential that never prints.
//! - `settings.rs`, `duration.rs`: reading a plugin's `settings` block, every error at once.

pub mod context;
pub mod descriptor;
pub mod duration;
pub mod folder_report;
pub mod kinds;
pub mod plugin;
pub mod rate_limit;
pub mod set;
pub mod settings;
pub mod validators;

pub use context::{BuildContext, Clock, HttpClients, SecretSource, SystemClock};
pub use descriptor::PluginDescriptor;
pub use folder_report::{FileState, FolderReport};
pub use kinds::{Instance, serve, unsupported};
pub use mosaic_core::{BuildError, FieldError, Health, Provider, Quota, Secret, Support};
pub use plugin::{InstanceBuilder, Plugin};
pub use rate_limit::RateLimit;
pub use set::{PluginSet, PluginSetError, Plugins};
pub use validators::{NoValidators, Validated, ValidatorKey, ValidatorScope, Validators};
