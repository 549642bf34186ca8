//! The plugins folder as status shows it. The folder is read and watched outside the gateway
//! (it only knows plugins once they are in the set); whoever reads it tells the gateway what
//! it found, and `GET /v1/providers` and `mosaic_providers_status` show it beside the
//! instances: which manifest serves which plugin, and every error of one that was refused.

use crate::gateway::Gateway;
use mosaic_plugin::FolderReport;
use std::sync::Arc;

impl Gateway {
    /// Records the plugins folder as it was just read.
    pub fn set_plugin_folder(&self, report: FolderReport) {
        self.shared.plugin_folder.store(Some(Arc::new(report)));
    }

    /// The plugins folder as last read; `None` when there is none.
    pub fn plugin_folder(&self) -> Option<Arc<FolderReport>> {
        self.shared.plugin_folder.load_full()
    }
}
