//! `mosaic stdio`: MCP over standard input and output; logs go to standard error.

use mosaic_gateway::Gateway;
use std::path::PathBuf;
use std::process::ExitCode;

pub async fn run(config_path: PathBuf) -> anyhow::Result<ExitCode> {
    let Some((config, plugins)) = super::load_with_plugins(&config_path) else {
        return Ok(ExitCode::FAILURE);
    };
    let gateway = Gateway::start(config).await?;
    let watcher = gateway.watch(config_path, plugins.set())?;
    let _folder_watch = plugins.serve(&gateway, &watcher)?;
    mosaic_mcp::serve_stdio(gateway.clone()).await?;
    gateway.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
