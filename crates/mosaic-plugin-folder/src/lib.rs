//! The plugins folder: manifest files read into the live plugin set when MosAIc starts, then
//! watched, so that adding, changing or removing a manifest changes the set while calls run,
//! without a restart.
//!
//! - `folder.rs`: [`PluginFolder`], the folder's files kept in step with a [`PluginSet`]:
//!   what loads goes in, what is refused is reported while the file's previous version keeps
//!   serving, what is gone leaves.
//! - `watch.rs`: [`FolderWatch`], the folder watched, each settled change applied and told to
//!   whoever must rebuild from the new set.
//!
//! How a manifest becomes a plugin is the caller's [`Loader`]; this crate knows only files.
//!
//! [`PluginSet`]: mosaic_plugin::PluginSet

mod folder;
mod watch;

pub use folder::{Applied, Loader, PluginFolder, Snapshot, is_manifest, read_snapshot};
pub use watch::{FolderWatch, FolderWatchError, OnChange};
