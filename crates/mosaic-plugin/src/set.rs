//! [`PluginSet`]: the plugins configuration is read against. It can change while the gateway
//! runs — a manifest appears in the plugins folder, a new version of a plugin is installed
//! beside the old one — so it is swapped whole: a reader takes a [`Plugins`] snapshot and
//! keeps seeing exactly that set, however the set changes meanwhile.

use crate::plugin::Plugin;
use arc_swap::ArcSwap;
use std::sync::Arc;

/// One state of the plugin set: every plugin, in the order it was added.
#[derive(Clone, Default)]
pub struct Plugins {
    list: Vec<Arc<dyn Plugin>>,
}

impl Plugins {
    /// Every plugin, in the order it was added.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<dyn Plugin>> {
        self.list.iter()
    }

    /// How many plugins there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The plugin called `name`, at `version` when one is asked for (`sim@1.0.0`); without a
    /// version, the one added first.
    pub fn find(&self, name: &str, version: Option<&str>) -> Option<&Arc<dyn Plugin>> {
        self.list.iter().find(|plugin| {
            let descriptor = plugin.descriptor();
            descriptor.name == name && version.is_none_or(|v| descriptor.version == v)
        })
    }

    fn position(&self, name: &str, version: &str) -> Option<usize> {
        self.list.iter().position(|plugin| {
            let descriptor = plugin.descriptor();
            descriptor.name == name && descriptor.version == version
        })
    }
}

impl FromIterator<Arc<dyn Plugin>> for Plugins {
    /// The plugins in order; a later one with the `name@version` of an earlier one is left
    /// out (use [`PluginSet::add`] to hear about it).
    fn from_iter<I: IntoIterator<Item = Arc<dyn Plugin>>>(plugins: I) -> Self {
        let mut set = Plugins::default();
        for plugin in plugins {
            let descriptor = plugin.descriptor();
            if set
                .position(&descriptor.name, &descriptor.version)
                .is_none()
            {
                set.list.push(plugin);
            }
        }
        set
    }
}

/// Why the plugin set refused a change.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PluginSetError {
    /// A plugin with this `name@version` is already in the set.
    #[error("plugin `{0}` is already installed; replace it or add another version")]
    Duplicate(String),
    /// No plugin with this `name@version` is in the set.
    #[error("no plugin `{0}` is installed")]
    Missing(String),
}

/// The live plugin set, shared: clones see the same set, and every change is atomic.
#[derive(Clone, Default)]
pub struct PluginSet {
    current: Arc<ArcSwap<Plugins>>,
}

impl PluginSet {
    /// A set holding `plugins`.
    pub fn new(plugins: Plugins) -> Self {
        Self {
            current: Arc::new(ArcSwap::from_pointee(plugins)),
        }
    }

    /// The set as it is now; it does not change under the caller.
    pub fn snapshot(&self) -> Arc<Plugins> {
        self.current.load_full()
    }

    /// Adds a plugin whose `name@version` is not in the set yet.
    pub fn add(&self, plugin: Arc<dyn Plugin>) -> Result<(), PluginSetError> {
        self.change(|plugins| {
            let descriptor = plugin.descriptor();
            if plugins
                .position(&descriptor.name, &descriptor.version)
                .is_some()
            {
                return Err(PluginSetError::Duplicate(descriptor.id()));
            }
            plugins.list.push(plugin.clone());
            Ok(())
        })
    }

    /// Puts `plugin` in place of the one with its `name@version` (keeping its position), or
    /// adds it; the plugin it replaced, if any.
    pub fn replace(&self, plugin: Arc<dyn Plugin>) -> Option<Arc<dyn Plugin>> {
        let mut replaced = None;
        let _ = self.change(|plugins| {
            let descriptor = plugin.descriptor();
            match plugins.position(&descriptor.name, &descriptor.version) {
                Some(at) => {
                    replaced = Some(std::mem::replace(&mut plugins.list[at], plugin.clone()))
                }
                None => plugins.list.push(plugin.clone()),
            }
            Ok::<_, PluginSetError>(())
        });
        replaced
    }

    /// Takes the plugin `name@version` out of the set.
    pub fn remove(&self, name: &str, version: &str) -> Result<Arc<dyn Plugin>, PluginSetError> {
        let mut removed = None;
        self.change(|plugins| match plugins.position(name, version) {
            Some(at) => {
                removed = Some(plugins.list.remove(at));
                Ok(())
            }
            None => Err(PluginSetError::Missing(format!("{name}@{version}"))),
        })?;
        Ok(removed.expect("set when the change succeeded"))
    }

    /// Applies `edit` to a copy of the current set and swaps the copy in, retrying when
    /// another change landed in between, so concurrent changes are never lost.
    fn change(
        &self,
        mut edit: impl FnMut(&mut Plugins) -> Result<(), PluginSetError>,
    ) -> Result<(), PluginSetError> {
        let mut outcome = Ok(());
        self.current.rcu(|current| {
            let mut next = Plugins::clone(current);
            outcome = edit(&mut next);
            match outcome {
                Ok(()) => Arc::new(next),
                Err(_) => Arc::clone(current),
            }
        });
        outcome
    }
}

#[cfg(test)]
#[path = "set_tests.rs"]
mod tests;
