//! The built-in plugin set: every native provider plugin compiled into this build. Each
//! provider is a crate of its own under `providers/` and a cargo feature here (all on by
//! default), so a slim build leaves out what it does not need. Adding a provider is one line
//! here and its feature.

use mosaic_plugin::{Plugin, PluginSet, Plugins};
use std::sync::Arc;

/// The plugins built into this build, in the order the coverage table lists them.
pub fn builtin() -> Plugins {
    let plugins: Vec<Arc<dyn Plugin>> = vec![
        #[cfg(feature = "sim")]
        mosaic_sim::plugin(),
        #[cfg(feature = "github")]
        mosaic_github::plugin(),
        #[cfg(feature = "gitea")]
        mosaic_gitea::plugin(),
        #[cfg(feature = "gitlab")]
        mosaic_gitlab::plugin(),
        #[cfg(feature = "jira")]
        mosaic_jira::plugin(),
        #[cfg(feature = "linear")]
        mosaic_linear::plugin(),
        #[cfg(feature = "plane")]
        mosaic_plane::plugin(),
    ];
    plugins.into_iter().collect()
}

/// A live plugin set holding the built-in plugins, to which plugins found at run time are
/// added.
pub fn builtin_set() -> PluginSet {
    PluginSet::new(builtin())
}
