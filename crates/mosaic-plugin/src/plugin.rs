//! The [`Plugin`] trait: a provider type at a version, and the two steps that turn settings
//! into a running instance.
//!
//! Building is split in two, like Vector's sinks: a pure [`Plugin::validate`] (no network, no
//! files, no secrets resolved), so `mosaic config check` reports every error before any
//! traffic, and an effectful [`InstanceBuilder::build`] that gets everything the gateway
//! shares with its instances in a [`BuildContext`].

use crate::context::BuildContext;
use crate::descriptor::PluginDescriptor;
use mosaic_core::{BuildError, FieldError, Provider};
use std::sync::Arc;

/// A provider type at a version.
pub trait Plugin: Send + Sync + 'static {
    /// What the plugin is and what it implements.
    fn descriptor(&self) -> &PluginDescriptor;

    /// Checks an instance's settings without touching the network, files or secrets, and
    /// reports every problem at once.
    fn validate(
        &self,
        settings: &serde_json::Value,
    ) -> Result<Box<dyn InstanceBuilder>, Vec<FieldError>>;
}

/// Validated settings, ready to be turned into a running instance. `Debug` is required so
/// that validated settings can be shown: every credential in them is a
/// [`mosaic_core::Secret`], which prints as `***`.
#[async_trait::async_trait]
pub trait InstanceBuilder: Send + Sync + std::fmt::Debug {
    /// Starts the instance: resolves secrets, opens clients.
    async fn build(
        self: Box<Self>,
        context: &BuildContext,
    ) -> Result<Arc<dyn Provider>, BuildError>;
}
