//! When the gateway begins shutting down: a session's stream ends so its connection can
//! drain, and calls in progress are still answered.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use std::time::Duration;
use tower::ServiceExt;

/// A provider that takes half a second to answer.
const SLOW: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: mcp-test } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-drain, latency: { distribution: constant, mean: 500ms } } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

const PATIENCE: Duration = Duration::from_secs(20);

#[tokio::test]
async fn a_call_in_progress_is_answered_after_shutdown_began() {
    let (gateway, app) = gateway_and_app(SLOW).await;
    let call = tokio::spawn({
        let app = app.clone();
        async move {
            send(
                &app,
                tool_call("git_repos_get", json!({"repo": "acme/api"})),
            )
            .await
        }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    gateway.begin_shutdown();
    let (status, answer) = tokio::time::timeout(PATIENCE, call).await.unwrap().unwrap();
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(
        answer["result"]["structuredContent"]["full_name"], "acme/api",
        "{answer}"
    );
}

#[tokio::test]
async fn a_sessions_stream_ends_when_shutdown_begins() {
    let (gateway, app) = gateway_and_app(SLOW).await;
    let initialize = json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "legacy", "version": "1"}}});
    let request = Request::post("/mcp")
        .header("host", "localhost")
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .body(Body::from(initialize.to_string()))
        .unwrap();
    let (status, headers, _) = exchange(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    let session = headers["mcp-session-id"].to_str().unwrap().to_owned();
    let stream = Request::get("/mcp")
        .header("host", "localhost")
        .header("accept", "text/event-stream")
        .header("mcp-session-id", &session)
        .header("mcp-protocol-version", "2025-11-25")
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(stream).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = tokio::spawn(axum::body::to_bytes(response.into_body(), 1 << 20));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!body.is_finished(), "the stream ended before shutdown");
    gateway.begin_shutdown();
    let ended = tokio::time::timeout(PATIENCE, body).await;
    assert!(ended.is_ok(), "the stream outlived the start of shutdown");
}
