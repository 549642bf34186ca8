use super::*;
use rmcp::model::CallToolRequestParams;
use serde_json::json;

/// Only callers with the key `s3cret` (its SHA-256 below).
const KEYED: &str = r#"
store: { url: "sqlite::memory:" }
auth:
  api_keys:
    - { name: test, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: agent }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-stdio } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

async fn gateway() -> Gateway {
    let config = mosaic_config::load(KEYED, &|_| None, &mosaic_providers::builtin()).unwrap();
    Gateway::start(config).await.unwrap()
}

#[tokio::test]
async fn a_client_on_the_byte_stream_calls_tools_as_the_keys_owner() {
    let (server_side, client_side) = tokio::io::duplex(64 * 1024);
    let server = tokio::spawn(serve_transport(
        gateway().await,
        Some("s3cret".into()),
        server_side,
    ));
    let client = rmcp::ServiceExt::serve((), client_side).await.unwrap();
    let arguments = json!({"key": "PLAT-1"}).as_object().unwrap().clone();
    let result = client
        .call_tool(CallToolRequestParams::new("pm_issues_get").with_arguments(arguments))
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(false), "{result:?}");
    assert_eq!(result.structured_content.unwrap()["key"], "PLAT-1");
    client.cancel().await.unwrap();
    // The client closing the stream ends the server cleanly.
    assert!(server.await.unwrap().is_ok());
}

#[tokio::test]
async fn a_key_the_configuration_does_not_know_fails_at_start() {
    let (server_side, _client_side) = tokio::io::duplex(1024);
    let error = serve_transport(gateway().await, Some("guess".into()), server_side)
        .await
        .unwrap_err();
    assert!(matches!(error, StdioError::Unauthenticated(_)));
    assert!(error.to_string().contains(API_KEY_VAR), "{error}");
    let (server_side, _client_side) = tokio::io::duplex(1024);
    let error = serve_transport(gateway().await, None, server_side)
        .await
        .unwrap_err();
    assert!(matches!(error, StdioError::Unauthenticated(_)), "{error}");
}
