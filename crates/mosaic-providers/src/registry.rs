//! The plugin registry: every plugin compiled into this build, found by name and version.

use mosaic_core::Plugin;
use std::sync::Arc;

/// The plugins available to configuration.
#[derive(Clone)]
pub struct Registry {
    plugins: Vec<Arc<dyn Plugin>>,
}

impl Registry {
    /// The plugins built into MosAIc.
    pub fn builtin() -> Self {
        Self {
            plugins: vec![
                Arc::new(crate::sim::SimPlugin),
                Arc::new(crate::github::GitHubPlugin),
                Arc::new(crate::gitea::GiteaPlugin),
                Arc::new(crate::gitlab::GitLabPlugin),
                Arc::new(crate::jira::JiraPlugin),
                Arc::new(crate::linear::LinearPlugin),
                Arc::new(crate::plane::PlanePlugin),
            ],
        }
    }

    /// Every plugin, in registration order.
    pub fn plugins(&self) -> &[Arc<dyn Plugin>] {
        &self.plugins
    }

    /// The plugin called `name`, at `version` when one is asked for (`sim@1.0.0`).
    pub fn find(&self, name: &str, version: Option<&str>) -> Option<&Arc<dyn Plugin>> {
        self.plugins
            .iter()
            .find(|plugin| plugin.name() == name && version.is_none_or(|v| plugin.version() == v))
    }
}
