//! MCP over standard input and output (`mosaic stdio`), for clients that start the gateway as
//! a child process. There is no HTTP request to carry a key, so the caller is the API key in
//! `MOSAIC_API_KEY`, or anonymous where the configuration allows it.

use crate::handler::McpHandler;
use mosaic_gateway::{CallError, Gateway};
use rmcp::ServiceExt;
use rmcp::transport::IntoTransport;

/// The environment variable holding the API key that stdio calls are made with.
pub const API_KEY_VAR: &str = "MOSAIC_API_KEY";

/// Why serving over stdio ended with an error.
#[derive(Debug, thiserror::Error)]
pub enum StdioError {
    /// The key in `MOSAIC_API_KEY` (or its absence) is not accepted by the configuration.
    #[error(
        "MCP over stdio cannot authenticate ({0}); set {API_KEY_VAR} to one of the configured API keys, or configure `auth.anonymous`"
    )]
    Unauthenticated(#[source] CallError),
    /// The MCP session could not be initialized.
    #[error("MCP over stdio could not start: {0}")]
    Initialize(String),
    /// The session ended abnormally.
    #[error("MCP over stdio ended abnormally: {0}")]
    Run(String),
}

/// Serves MCP over standard input and output until the client closes the stream.
pub async fn serve_stdio(gateway: Gateway) -> Result<(), StdioError> {
    let key = std::env::var(API_KEY_VAR).ok();
    serve_transport(gateway, key, rmcp::transport::stdio()).await
}

/// Serves MCP over any byte-stream transport, calling as the owner of `key`. The key is
/// checked before the first message so a wrong one fails at start, not at the first call.
pub(crate) async fn serve_transport<T, E, A>(
    gateway: Gateway,
    key: Option<String>,
    transport: T,
) -> Result<(), StdioError>
where
    T: IntoTransport<rmcp::RoleServer, E, A>,
    E: std::error::Error + Send + Sync + 'static,
{
    gateway
        .authenticate(key.as_deref())
        .map_err(StdioError::Unauthenticated)?;
    let running = McpHandler::with_key(gateway, key)
        .serve(transport)
        .await
        .map_err(|error| StdioError::Initialize(error.to_string()))?;
    running
        .waiting()
        .await
        .map_err(|error| StdioError::Run(error.to_string()))?;
    Ok(())
}

#[cfg(test)]
#[path = "stdio_tests.rs"]
mod tests;
