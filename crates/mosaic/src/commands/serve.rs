//! `mosaic serve`: the gateway on HTTP, with the configuration file watched and hot-reloaded,
//! until SIGTERM or Ctrl-C drains it (`server.shutdown_timeout`).

use crate::http;
use mosaic_gateway::Gateway;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

pub async fn run(config_path: PathBuf, listen: Option<SocketAddr>) -> anyhow::Result<ExitCode> {
    let Some((mut config, plugins)) = super::load_with_plugins(&config_path) else {
        return Ok(ExitCode::FAILURE);
    };
    // The address actually listened on decides, for one, which browser origins are accepted.
    let listen = listen.unwrap_or(config.server.listen);
    config.server.listen = listen;
    let gateway = Gateway::start(config).await?;
    let watcher = gateway.watch(config_path.clone(), plugins.set())?;
    let _folder_watch = plugins.serve(&gateway, &watcher)?;
    http::serve(gateway, listen, |local| {
        tracing::info!(config = %config_path.display(), "MosAIc listening on http://{local} (MCP at /mcp, REST at /v1)");
        // A machine-readable line for scripts and tests that start the server on port 0.
        println!("listening on http://{local}");
    })
    .await?;
    Ok(ExitCode::SUCCESS)
}
