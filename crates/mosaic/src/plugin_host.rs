//! The plugins a configuration file is read against: the built-in ones and the manifests of
//! the file's `plugins.dir`. The folder is read before the rest of the file, whose providers
//! may name its plugins; `serve` and `stdio` then watch it, so that a manifest added, changed
//! or removed changes the set while calls run, and the configuration is loaded again against
//! the new set (instances of a changed plugin are rebuilt; calls in flight finish on the
//! instances they started on).

use mosaic_config::ConfigErrors;
use mosaic_gateway::{Gateway, ReloadWatch};
use mosaic_plugin::{PluginSet, Plugins};
use mosaic_plugin_folder::{Applied, FolderWatch, Loader, PluginFolder};
use std::path::Path;
use std::sync::Arc;

/// The plugin set of one configuration file, and its folder when it has one.
pub struct PluginHost {
    set: PluginSet,
    folder: Option<PluginFolder>,
    watch: bool,
}

impl PluginHost {
    /// The plugins of the configuration at `config_path`: every built-in plugin, and each
    /// manifest of its folder that loads (a refused one is logged with every error and left
    /// out). `Err` holds the errors of the `plugins` section itself.
    pub fn for_config(config_path: &Path) -> Result<Self, ConfigErrors> {
        let set = mosaic_providers::builtin_set();
        let section = match std::fs::read_to_string(config_path) {
            Ok(text) => mosaic_config::plugins_section(&text, &|name| std::env::var(name).ok())?,
            // The whole load reports an unreadable file, in the same words as before.
            Err(_) => mosaic_config::PluginsConfig::default(),
        };
        let folder = section.dir.map(|dir| {
            let mut folder = PluginFolder::new(dir, set.clone(), loader());
            folder.scan();
            folder
        });
        Ok(Self {
            set,
            folder,
            watch: section.watch,
        })
    }

    /// The plugins as they are now.
    pub fn plugins(&self) -> Arc<Plugins> {
        self.set.snapshot()
    }

    /// The live set, for the configuration watch.
    pub fn set(&self) -> PluginSet {
        self.set.clone()
    }

    /// Shows the folder in `gateway`'s status and, when it is watched, applies each change of
    /// it, then has `reload` load the configuration again against the new set. Dropping the
    /// returned watch stops watching.
    pub fn serve(
        self,
        gateway: &Gateway,
        reload: &ReloadWatch,
    ) -> anyhow::Result<Option<FolderWatch>> {
        let Some(folder) = self.folder else {
            return Ok(None);
        };
        gateway.set_plugin_folder(folder.report());
        if !self.watch {
            return Ok(None);
        }
        let gateway = gateway.clone();
        let nudge = reload.nudge();
        let watch = FolderWatch::spawn(
            folder,
            Box::new(move |applied: &Applied, report| {
                gateway.set_plugin_folder(report);
                if applied.changed_set() {
                    nudge.reload();
                }
            }),
        )?;
        Ok(Some(watch))
    }
}

/// Manifests become plugins through `mosaic-manifest`; each error keeps its path in the file.
fn loader() -> Loader {
    Arc::new(|text: &str, origin: &Path| {
        mosaic_manifest::load(text, origin)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    })
}
