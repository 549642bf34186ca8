//! The `plugins` section: the folder of declarative plugin manifests.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where plugin manifests are read from. Every `.yaml` or `.yml` file in the folder is a
/// plugin (see `mosaic plugins schema`), usable by providers as `plugin: name@version`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PluginsSection {
    /// The folder, relative to the directory MosAIc runs in (as the store's path is). Read
    /// at start; a change of this setting takes effect on restart. Default: no folder, only
    /// the built-in plugins.
    #[serde(default)]
    pub dir: Option<String>,
    /// Whether the folder is watched: a manifest added, changed or removed changes the
    /// plugin set while MosAIc runs, and instances of a changed plugin are rebuilt.
    #[serde(default = "watch_by_default")]
    pub watch: bool,
}

fn watch_by_default() -> bool {
    true
}

impl Default for PluginsSection {
    fn default() -> Self {
        Self {
            dir: None,
            watch: watch_by_default(),
        }
    }
}
