//! An example configuration of `examples/` served as users serve it, for the end-to-end
//! estates (`hybrid`, `hybrid_pm`, `global_docs`): the file itself loaded with its variables
//! pointed at the test's fakes, the gateway behind the MCP front on a loopback port, and an
//! MCP client that calls its tools over HTTP.

use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{RoleClient, ServiceExt};
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;

/// The MCP front of a gateway on an example.
pub struct Served {
    /// The front itself, for requests a test builds by hand.
    #[allow(dead_code, reason = "only the estates that send raw requests read it")]
    pub app: axum::Router,
    /// Where it listens.
    pub address: SocketAddr,
}

/// Loads `yaml` (the example `examples/{name}`) with its `${…}` variables from `env`, starts
/// the gateway on it and serves its MCP front on a free loopback port.
pub async fn serve(name: &str, yaml: &str, env: HashMap<&str, String>) -> Served {
    let lookup = |variable: &str| env.get(variable).cloned();
    let config = mosaic_config::load(yaml, &lookup, &mosaic_providers::builtin())
        .unwrap_or_else(|errors| panic!("examples/{name}:\n{errors}"));
    let gateway = mosaic_gateway::Gateway::start(config).await.unwrap();
    let app = mosaic_mcp::http_service(gateway);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let served = app.clone();
    tokio::spawn(async move { axum::serve(listener, served).await });
    Served { app, address }
}

/// An MCP client of the front at `address` with the API key `key` and `headers` on every
/// request.
pub async fn client(
    address: SocketAddr,
    key: &str,
    headers: HashMap<http::HeaderName, http::HeaderValue>,
) -> RunningService<RoleClient, ()> {
    let transport = StreamableHttpClientTransportConfig::with_uri(format!("http://{address}/mcp"))
        .auth_header(key)
        .custom_headers(headers);
    ().serve(StreamableHttpClientTransport::from_config(transport))
        .await
        .unwrap()
}

/// Calls `tool` with `arguments` (a JSON object) and waits for its result.
pub async fn call(
    client: &RunningService<RoleClient, ()>,
    tool: &str,
    arguments: Value,
) -> CallToolResult {
    client
        .call_tool(
            CallToolRequestParams::new(tool.to_owned())
                .with_arguments(arguments.as_object().unwrap().clone()),
        )
        .await
        .unwrap()
}
