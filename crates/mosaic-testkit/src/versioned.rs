//! A plugin under another version number: the same code and settings with a descriptor that
//! says `1.1.0`, so that tests can load two versions of one plugin side by side (and route a
//! split between them) with the plugins this build has.

use mosaic_core::FieldError;
use mosaic_plugin::{InstanceBuilder, Plugin, PluginDescriptor};
use std::sync::Arc;

/// `plugin`, described as `version`.
pub fn at_version(plugin: Arc<dyn Plugin>, version: &str) -> Arc<dyn Plugin> {
    let mut descriptor = plugin.descriptor().clone();
    descriptor.version = version.to_owned();
    Arc::new(Versioned {
        inner: plugin,
        descriptor,
    })
}

struct Versioned {
    inner: Arc<dyn Plugin>,
    descriptor: PluginDescriptor,
}

impl Plugin for Versioned {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        self.inner.validate(settings)
    }
}
