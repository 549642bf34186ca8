//! [`ManifestPlugin`]: a compiled manifest as a plugin — its descriptor (every operation of its
//! kinds supported where the manifest maps it, "not in this manifest" otherwise), the pure
//! check of an instance's settings, and the build of a running instance.

use crate::client::Client;
use crate::compile::Compiled;
use crate::instance::{ManifestInstance, support};
use crate::settings::{self, Connection};
use mosaic_core::{BuildError, FieldError, Provider};
use mosaic_plugin::{BuildContext, InstanceBuilder, Plugin, PluginDescriptor};
use std::sync::Arc;

/// A plugin read from a manifest.
pub struct ManifestPlugin {
    descriptor: PluginDescriptor,
    manifest: Arc<Compiled>,
}

impl ManifestPlugin {
    /// The plugin of a compiled manifest.
    pub fn new(manifest: Compiled) -> Self {
        let descriptor = PluginDescriptor::new(
            manifest.name.clone(),
            manifest.version.clone(),
            manifest.description.clone(),
            manifest.kinds.clone(),
            settings::schema(&manifest),
            |op| support(&manifest, op),
        )
        .with_example(settings::example(&manifest));
        Self {
            descriptor,
            manifest: Arc::new(manifest),
        }
    }

    /// The compiled manifest.
    pub fn manifest(&self) -> &Compiled {
        &self.manifest
    }
}

impl Plugin for ManifestPlugin {
    fn descriptor(&self) -> &PluginDescriptor {
        &self.descriptor
    }

    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>> {
        let connection = settings::validate(&self.manifest, settings)?;
        Ok(Box::new(ManifestBuilder {
            manifest: Arc::clone(&self.manifest),
            connection,
        }))
    }
}

/// Checked settings, waiting for the build.
#[derive(Debug)]
struct ManifestBuilder {
    manifest: Arc<Compiled>,
    connection: Connection,
}

#[async_trait::async_trait]
impl InstanceBuilder for ManifestBuilder {
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError> {
        let client = Client::new(context, &self.manifest, self.connection).map_err(|message| {
            BuildError {
                instance: context.instance().to_owned(),
                message,
            }
        })?;
        Ok(Arc::new(ManifestInstance {
            manifest: self.manifest,
            client,
        }))
    }
}
