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
                #[cfg(feature = "sim")]
                Arc::new(mosaic_sim::SimPlugin),
                #[cfg(feature = "github")]
                Arc::new(mosaic_github::GitHubPlugin),
                #[cfg(feature = "gitea")]
                Arc::new(mosaic_gitea::GiteaPlugin),
                #[cfg(feature = "gitlab")]
                Arc::new(mosaic_gitlab::GitLabPlugin),
                #[cfg(feature = "jira")]
                Arc::new(mosaic_jira::JiraPlugin),
                #[cfg(feature = "linear")]
                Arc::new(mosaic_linear::LinearPlugin),
                #[cfg(feature = "plane")]
                Arc::new(mosaic_plane::PlanePlugin),
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
