//! What `/mcp` refuses, and how: JSON-RPC error objects with the request's id where the
//! request was JSON-RPC, the envelope everywhere else, each with its HTTP status.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

/// The defaults of the `server` section: a loopback listener and no origin list.
const LOOPBACK: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: mcp-test } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-loopback } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

/// The same on all interfaces, any host.
const PUBLIC: &str = r#"
store: { url: "sqlite::memory:" }
server: { listen: "0.0.0.0:8080", allowed_hosts: [] }
auth: { anonymous: { tenant: default, principal: mcp-test } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-public } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

fn assert_rpc_error(status: StatusCode, answer: &Value, expected: (StatusCode, i64, Value)) {
    assert_eq!(status, expected.0, "{answer}");
    assert_eq!(answer["jsonrpc"], "2.0", "{answer}");
    assert_eq!(answer["error"]["code"], expected.1, "{answer}");
    assert_eq!(answer["id"], expected.2, "{answer}");
    assert!(answer["error"]["message"].is_string(), "{answer}");
}

fn assert_envelope(status: StatusCode, answer: &Value, expected: (StatusCode, &str)) {
    assert_eq!(status, expected.0, "{answer}");
    assert_eq!(answer["error"]["code"], expected.1, "{answer}");
    assert!(answer["error"]["fault"].is_string(), "{answer}");
    assert!(answer["error"]["message"].is_string(), "{answer}");
}

#[tokio::test]
async fn valid_json_that_is_not_json_rpc_is_an_invalid_request() {
    let app = open_app().await;
    let cases = [
        (json!({"hello": "world"}), Value::Null),
        (
            json!([{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}]),
            Value::Null,
        ),
        (json!({"jsonrpc": "2.0", "id": 9, "params": {}}), json!(9)),
        (
            json!({"jsonrpc": "2.0", "id": "x", "method": "tools/list", "params": "all"}),
            json!("x"),
        ),
    ];
    for (body, id) in cases {
        let (status, answer) = send(&app, post(body.to_string(), "tools/list", "localhost")).await;
        assert_rpc_error(status, &answer, (StatusCode::BAD_REQUEST, -32600, id));
    }
}

#[tokio::test]
async fn tool_arguments_that_are_not_an_object_are_invalid_params() {
    let app = open_app().await;
    let (status, answer) = send(&app, tool_call("git_repos_get", json!([1, 2]))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    assert_eq!(answer["id"], 1);
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.contains("arguments"), "{message}");
}

#[tokio::test]
async fn other_methods_are_405_in_the_envelope_allowing_what_mcp_takes() {
    let app = open_app().await;
    for method in ["PUT", "PATCH", "OPTIONS", "HEAD"] {
        let request = Request::builder()
            .method(method)
            .uri("/mcp")
            .header(header::HOST, "localhost")
            .body(Body::empty())
            .unwrap();
        let (status, headers, answer) = exchange(&app, request).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(headers[header::ALLOW], "GET, POST, DELETE", "{method}");
        if method != "HEAD" {
            assert_envelope(
                status,
                &answer,
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            );
        }
    }
}

#[tokio::test]
async fn bodies_over_the_limit_and_targets_too_long_are_refused_in_the_envelope() {
    let app = open_app().await;
    let big = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": "kb_pages_search", "arguments": {"query": "x".repeat(10_000)}, "_meta": meta()}});
    let (status, answer) = send(&app, post(big.to_string(), "tools/call", "localhost")).await;
    assert_envelope(
        status,
        &answer,
        (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"),
    );
    let mut long = tools_list();
    *long.uri_mut() = format!("/mcp?{}", "q".repeat(9000)).parse().unwrap();
    let (status, answer) = send(&app, long).await;
    assert_envelope(status, &answer, (StatusCode::URI_TOO_LONG, "uri_too_long"));
}

#[tokio::test]
async fn a_body_that_is_not_declared_json_is_415_in_the_envelope() {
    let app = open_app().await;
    let mut request = tools_list();
    request
        .headers_mut()
        .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
    let (status, answer) = send(&app, request).await;
    assert_envelope(
        status,
        &answer,
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
    );
}

#[tokio::test]
async fn the_sdks_own_refusals_of_a_json_rpc_request_come_as_json_rpc_errors() {
    let app = open_app().await;
    let mut request = tools_list();
    request
        .headers_mut()
        .insert(header::ACCEPT, "text/html".parse().unwrap());
    let (status, answer) = send(&app, request).await;
    assert_rpc_error(
        status,
        &answer,
        (StatusCode::NOT_ACCEPTABLE, -32600, json!(1)),
    );
}

#[tokio::test]
async fn host_and_origin_refusals_are_json_rpc_errors_for_json_rpc_and_the_envelope_otherwise() {
    let app = open_app().await;
    let mut foreign = tools_list();
    foreign
        .headers_mut()
        .insert(header::HOST, "evil.example".parse().unwrap());
    let (status, answer) = send(&app, foreign).await;
    assert_rpc_error(status, &answer, (StatusCode::FORBIDDEN, -32000, json!(1)));
    assert_eq!(answer["error"]["data"]["code"], "host_not_allowed");
    let stream = Request::get("/mcp")
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::ACCEPT, "text/event-stream")
        .body(Body::empty())
        .unwrap();
    let (status, answer) = send(&app, stream).await;
    assert_envelope(
        status,
        &answer,
        (StatusCode::FORBIDDEN, "origin_not_allowed"),
    );
}

#[tokio::test]
async fn a_missing_key_is_401_with_a_challenge_in_json_rpc() {
    let app = keyed_app().await;
    let (status, headers, answer) = exchange(&app, tools_list()).await;
    assert_rpc_error(
        status,
        &answer,
        (StatusCode::UNAUTHORIZED, -32000, json!(1)),
    );
    assert_eq!(answer["error"]["data"]["code"], "unauthenticated");
    assert!(
        headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
}

/// `tools/list` from a page of `origin`.
fn from_origin(origin: &str) -> Request<Body> {
    let mut request = tools_list();
    request
        .headers_mut()
        .insert(header::ORIGIN, origin.parse().unwrap());
    request
}

#[tokio::test]
async fn without_an_origin_list_a_loopback_server_accepts_loopback_pages_on_any_port() {
    let app = app_of(LOOPBACK).await;
    for origin in [
        "http://localhost:8080",
        "http://localhost:6274",
        "http://127.0.0.1:5173",
    ] {
        let (status, answer) = send(&app, from_origin(origin)).await;
        assert_eq!(status, StatusCode::OK, "{origin}: {answer}");
    }
    let (status, answer) = send(&app, from_origin("http://evil.example")).await;
    assert_rpc_error(status, &answer, (StatusCode::FORBIDDEN, -32000, json!(1)));
    assert_eq!(answer["error"]["data"]["code"], "origin_not_allowed");
}

#[tokio::test]
async fn without_an_origin_list_any_other_server_refuses_every_origin_naming_the_key() {
    let app = app_of(PUBLIC).await;
    let (status, answer) = send(&app, from_origin("http://localhost:8080")).await;
    assert_rpc_error(status, &answer, (StatusCode::FORBIDDEN, -32000, json!(1)));
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.contains("server.allowed_origins"), "{message}");
    assert_eq!(send(&app, tools_list()).await.0, StatusCode::OK);
}
