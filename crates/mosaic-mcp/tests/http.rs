//! MCP over streamable HTTP against a real gateway with sim providers: tool listing, calls in
//! both protocol modes, and every kind of bad input answered clearly.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use mosaic_gateway::Gateway;
use serde_json::{Value, json};
use tower::ServiceExt;

const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
server: { allowed_hosts: [localhost, 127.0.0.1], allowed_origins: ["http://localhost:3000"], max_body_bytes: 4096 }
auth: { anonymous: { tenant: default, principal: mcp-test } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-http } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

async fn app() -> axum::Router {
    let config =
        mosaic_config::load(CONFIG, &|_| None, &mosaic_providers::Registry::builtin()).unwrap();
    mosaic_mcp::http_service(Gateway::start(config).await.unwrap())
}

fn meta() -> Value {
    json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "test", "version": "1"}
    })
}

fn post(body: impl Into<Body>, method: &str, host: &str) -> Request<Body> {
    Request::post("/mcp")
        .header("host", host)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2026-07-28")
        .header("mcp-method", method)
        .body(body.into())
        .unwrap()
}

fn tool_call(name: &str, arguments: Value) -> Request<Body> {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": name, "arguments": arguments, "_meta": meta()}});
    let mut request = post(body.to_string(), "tools/call", "localhost");
    request
        .headers_mut()
        .insert("mcp-name", name.parse().unwrap());
    request
}

async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // A JSON answer, or the `data:` line of an SSE answer.
    let json = text
        .lines()
        .find_map(|line| line.strip_prefix("data:"))
        .unwrap_or(&text)
        .trim()
        .to_owned();
    (
        status,
        serde_json::from_str(&json).unwrap_or(Value::String(text.into_owned())),
    )
}

#[tokio::test]
async fn tools_are_listed_in_catalog_order_with_schemas() {
    let app = app().await;
    let body =
        json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": meta()}});
    let (status, answer) = send(&app, post(body.to_string(), "tools/list", "localhost")).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let tools = answer["result"]["tools"].as_array().unwrap();
    assert_eq!(tools.len(), mosaic_core::OpId::ALL.len() + 2);
    assert_eq!(tools[0]["name"], "git_repos_list");
    assert_eq!(tools[0]["annotations"]["readOnlyHint"], true);
    assert!(
        tools
            .iter()
            .all(|tool| tool["outputSchema"]["type"] == "object")
    );
}

#[tokio::test]
async fn a_call_returns_structured_content_and_provenance() {
    let app = app().await;
    let (status, answer) = send(&app, tool_call("pm_issues_get", json!({"key": "PLAT-1"}))).await;
    assert_eq!(status, StatusCode::OK);
    let result = &answer["result"];
    assert_eq!(result["isError"], false, "{answer}");
    assert_eq!(result["structuredContent"]["key"], "PLAT-1");
    assert_eq!(result["_meta"]["mosaic/served"]["instance"], "sim");
}

#[tokio::test]
async fn arguments_that_violate_the_schema_name_the_field() {
    let app = app().await;
    let (_, answer) = send(
        &app,
        tool_call(
            "git_issues_list",
            json!({"repo": "acme/api", "per_page": "ten"}),
        ),
    )
    .await;
    assert_eq!(answer["result"]["isError"], true, "{answer}");
    assert_eq!(
        answer["result"]["_meta"]["mosaic/error"]["path"],
        "per_page"
    );
    let text = answer["result"]["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("per_page"), "{text}");
}

#[tokio::test]
async fn an_unknown_tool_is_a_protocol_error() {
    let app = app().await;
    let (_, answer) = send(&app, tool_call("git_issues_teleport", json!({}))).await;
    assert!(answer["error"]["code"].is_i64(), "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("git_issues_teleport"),
        "{answer}"
    );
}

#[tokio::test]
async fn malformed_json_rpc_gets_a_parse_error() {
    let app = app().await;
    let (status, answer) = send(&app, post("{not json", "tools/call", "localhost")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let app = app().await;
    let big = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": "kb_pages_search", "arguments": {"query": "x".repeat(10_000)}, "_meta": meta()}});
    let (status, _) = send(&app, post(big.to_string(), "tools/call", "localhost")).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn hosts_and_origins_outside_the_allow_lists_are_refused() {
    let app = app().await;
    let body =
        json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": meta()}});
    let (status, _) = send(&app, post(body.to_string(), "tools/list", "evil.example")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut request = post(body.to_string(), "tools/list", "localhost");
    request
        .headers_mut()
        .insert("origin", "http://evil.example".parse().unwrap());
    let (status, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut request = post(body.to_string(), "tools/list", "localhost");
    request
        .headers_mut()
        .insert("origin", "http://localhost:3000".parse().unwrap());
    let (status, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
}
