//! `mosaic stdio`: MCP over standard input and output; logs go to standard error.

use mosaic_gateway::Gateway;
use std::path::PathBuf;
use std::process::ExitCode;

pub async fn run(config_path: PathBuf) -> anyhow::Result<ExitCode> {
    let registry = mosaic_providers::builtin();
    let Some(config) = super::load_config(&config_path, &registry) else {
        return Ok(ExitCode::FAILURE);
    };
    let gateway = Gateway::start(config).await?;
    let _watcher = gateway.watch(config_path, mosaic_providers::builtin_set())?;
    mosaic_mcp::serve_stdio(gateway.clone()).await?;
    gateway.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
