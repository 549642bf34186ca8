//! The MCP client side of one upstream connection: what the gateway says about itself when it
//! connects, and the one notification it acts on, `notifications/tools/list_changed`, which
//! wakes the supervisor to read the tool list again.

use rmcp::model::{ClientCapabilities, ClientConfig, Implementation};
use rmcp::service::NotificationContext;
use rmcp::{ClientHandler, RoleClient};
use std::sync::Arc;
use tokio::sync::Notify;

/// The client handler of one connection.
#[derive(Clone)]
pub(crate) struct Listener {
    /// Woken on every `notifications/tools/list_changed`.
    pub(crate) tools_changed: Arc<Notify>,
}

impl ClientHandler for Listener {
    fn get_info(&self) -> ClientConfig {
        // No roots, sampling or elicitation: the gateway answers none of an upstream's requests
        // on behalf of its own callers.
        ClientConfig::new(
            ClientCapabilities::default(),
            Implementation::new("mosaic", env!("CARGO_PKG_VERSION")),
        )
    }

    fn on_tool_list_changed(
        &self,
        _context: NotificationContext<RoleClient>,
    ) -> impl Future<Output = ()> + Send + '_ {
        self.tools_changed.notify_one();
        std::future::ready(())
    }
}
