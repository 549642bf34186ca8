//! `mosaic demo`: the gateway with simulated providers for all four kinds and example routes,
//! from the built-in `examples/demo.yaml`, printing how to connect once it is ready.

use crate::http;
use mosaic_gateway::Gateway;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

const DEMO_CONFIG: &str = include_str!("../../../../examples/demo.yaml");

pub async fn run(listen: SocketAddr, data: PathBuf) -> anyhow::Result<ExitCode> {
    let data_dir = data.display().to_string();
    let env = |name: &str| match name {
        "MOSAIC_DATA" => Some(data_dir.clone()),
        other => std::env::var(other).ok(),
    };
    let mut config =
        mosaic_config::load(DEMO_CONFIG, &env, &mosaic_providers::builtin()).map_err(|errors| {
            anyhow::anyhow!("the built-in demo configuration is invalid:\n{errors}")
        })?;
    config.server.listen = listen;
    let gateway = Gateway::start(config).await?;
    gateway.install_plugins(mosaic_providers::builtin_set());
    http::serve(gateway, listen, |local| println!("{}", instructions(local))).await?;
    Ok(ExitCode::SUCCESS)
}

fn instructions(local: SocketAddr) -> String {
    format!(
        r#"MosAIc demo is ready: simulated GitHub-like forges, CI, knowledge bases and trackers.

  MCP (streamable HTTP):  http://{local}/mcp
  REST:                   http://{local}/v1/git.issues.list?repo=acme/api
  OpenAPI:                http://{local}/openapi.json
  Metrics:                http://{local}/metrics

Connect Claude Code:   claude mcp add --transport http mosaic http://{local}/mcp
Try with curl:         curl 'http://{local}/v1/pm.issues.search?status=in_progress'
Explain a route:       mosaic route explain --config examples/demo.yaml git.issues.list --args '{{"repo":"acme/internal-tools"}}'

Press Ctrl-C to stop."#
    )
}
