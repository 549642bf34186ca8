//! The official Rust MCP client against the server on a real socket, in both lifecycles: the
//! 2025-11-25 `initialize` handshake with a session, and 2026-07-28 discovery, stateless.

use crate::support::{KEY, keyed_app};
use mosaic_core::OpId;
use rmcp::model::{CallToolRequestParams, ProtocolVersion};
use rmcp::service::RunningService;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{ClientLifecycleMode, ClientServiceExt, RoleClient, ServiceExt};
use serde_json::json;

/// Serves the keyed app on a free loopback port; the URL of its MCP endpoint.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = keyed_app().await;
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}/mcp")
}

/// A client transport to `url` that sends the API key.
fn keyed(url: &str) -> StreamableHttpClientTransportConfig {
    StreamableHttpClientTransportConfig::with_uri(url).auth_header(KEY)
}

/// Lists the tools and makes one call of each kind of answer through `client`.
async fn exercise(client: &RunningService<RoleClient, ()>) {
    let tools = client.list_all_tools().await.unwrap();
    assert_eq!(tools.len(), OpId::ALL.len() + 4);
    assert_eq!(tools[0].name, "git_repos_list");
    let arguments = json!({"repo": "acme/api", "state": "open"});
    let result = client
        .call_tool(
            CallToolRequestParams::new("git_issues_list")
                .with_arguments(arguments.as_object().unwrap().clone()),
        )
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(false));
    let content = result.structured_content.unwrap();
    assert!(
        content["items"]
            .as_array()
            .is_some_and(|items| !items.is_empty())
    );
    let served = &result.meta.unwrap().0["mosaic/served"];
    assert_eq!(served["instance"], "sim");
    let bad = client
        .call_tool(
            CallToolRequestParams::new("git_issues_get").with_arguments(
                json!({"repo": "acme/api", "number": -1})
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
        )
        .await
        .unwrap();
    assert_eq!(bad.is_error, Some(true));
    let unknown = client
        .call_tool(CallToolRequestParams::new("git_issues_teleport"))
        .await;
    assert!(unknown.is_err(), "{unknown:?}");
}

#[tokio::test]
async fn a_client_with_a_session_lists_and_calls_tools() {
    let url = serve().await;
    let client = ().serve(StreamableHttpClientTransport::from_config(keyed(&url))).await.unwrap();
    let info = client.peer_info().unwrap();
    let server = info.server_info.as_ref().unwrap();
    assert_eq!(server.name, "mosaic");
    assert_eq!(server.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(info.protocol_version, ProtocolVersion::V_2025_11_25);
    exercise(&client).await;
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_stateless_client_lists_and_calls_tools() {
    let url = serve().await;
    let lifecycle = ClientLifecycleMode::Discover {
        preferred_versions: vec![ProtocolVersion::V_2026_07_28],
    };
    let transport = StreamableHttpClientTransport::from_config(keyed(&url));
    let client = ().serve_with_lifecycle(transport, lifecycle).await.unwrap();
    let info = client.peer_info().unwrap();
    assert_eq!(info.protocol_version, ProtocolVersion::V_2026_07_28);
    exercise(&client).await;
    client.cancel().await.unwrap();
}

#[tokio::test]
async fn a_client_without_the_key_is_turned_away() {
    let url = serve().await;
    let anonymous = StreamableHttpClientTransport::from_uri(url);
    assert!(().serve(anonymous).await.is_err());
}
