//! The built-in plugin set: every native provider plugin compiled into this build. Each
//! provider is a crate of its own under `providers/` and a cargo feature here (all on by
//! default), so a slim build leaves out what it does not need. The list is written by
//! `build.rs` from the features that are on: adding a provider is its lines in this crate's
//! Cargo.toml.
//!
//! With the `fakes` feature, [`fakes`] re-exports the stateful fake of every provider that has
//! one and lists what the fakes server mounts.

use mosaic_plugin::{Plugin, PluginSet, Plugins};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The plugins built into this build, in the order the coverage table lists them: plugins of
/// one kind grouped by kind, in the catalog's order (git, ci, kb, pm), then by name; plugins
/// of several kinds (the simulator) last.
pub fn builtin() -> Plugins {
    let mut plugins = compiled();
    plugins.sort_by_cached_key(|plugin| {
        let descriptor = plugin.descriptor();
        (
            descriptor.kinds.len() != 1,
            descriptor.kinds.first().copied(),
            descriptor.name.clone(),
        )
    });
    plugins.into_iter().collect()
}

/// A live plugin set holding the built-in plugins, to which plugins found at run time are
/// added.
pub fn builtin_set() -> PluginSet {
    PluginSet::new(builtin())
}
