//! 2025-11-25 sessions under limits: per key and overall, ended by DELETE or by idling, and
//! private to the key that opened them.

use crate::support::*;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use serde_json::{Value, json};
use std::time::Duration;

/// Two keys, two sessions per key, three in all, sessions idle for 300 ms ended.
const LIMITED: &str = r#"
store: { url: "sqlite::memory:" }
server: { allowed_hosts: [], sessions: { max: 3, max_per_key: 2, idle_timeout: 300ms } }
auth:
  api_keys:
    - { name: test, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: agent }
    - { name: other, key_sha256: 580843d03d2216ff1a275d0991bad66e4d1af871171d929e9de604b7959f9bca, tenant: acme, principal: other }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-sessions } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

const OTHER_KEY: &str = "other-key";

/// A 2025-11-25 request with `key`, in `session` when given.
fn legacy(method: &str, body: Option<Value>, key: &str, session: Option<&str>) -> Request<Body> {
    let mut request = Request::builder()
        .method(method)
        .uri("/mcp")
        .header("host", "localhost")
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .header(header::AUTHORIZATION, format!("Bearer {key}"));
    if let Some(session) = session {
        request = request
            .header("mcp-session-id", session)
            .header("mcp-protocol-version", "2025-11-25");
    }
    let body = body.map_or_else(Body::empty, |body| Body::from(body.to_string()));
    request.body(body).unwrap()
}

fn initialize() -> Value {
    json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {},
        "clientInfo": {"name": "legacy", "version": "1"}}})
}

fn ping() -> Value {
    json!({"jsonrpc": "2.0", "id": 1, "method": "ping"})
}

/// Opens a session for `key`: the answer's status, headers and body.
async fn open(app: &axum::Router, key: &str) -> (StatusCode, HeaderMap, Value) {
    exchange(app, legacy("POST", Some(initialize()), key, None)).await
}

async fn opened(app: &axum::Router, key: &str) -> String {
    let (status, headers, answer) = open(app, key).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    headers["mcp-session-id"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_key_over_its_session_limit_is_refused_with_429_and_retry_after() {
    let app = app_of(LIMITED).await;
    opened(&app, KEY).await;
    opened(&app, KEY).await;
    let (status, headers, answer) = open(&app, KEY).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{answer}");
    assert_eq!(headers[header::RETRY_AFTER], "1");
    assert_eq!(answer["id"], 0, "{answer}");
    assert_eq!(answer["error"]["data"]["code"], "too_many_sessions");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.contains("server.sessions.max_per_key"), "{message}");
    // Another key still gets one, until the server-wide limit.
    opened(&app, OTHER_KEY).await;
    let (status, headers, answer) = open(&app, OTHER_KEY).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer}");
    assert!(headers.contains_key(header::RETRY_AFTER));
    assert_eq!(answer["error"]["data"]["code"], "sessions_exhausted");
    assert_eq!(answer["error"]["data"]["fault"], "gateway");
}

#[tokio::test]
async fn delete_ends_a_known_session_with_204_and_an_unknown_one_is_404() {
    let app = app_of(LIMITED).await;
    let first = opened(&app, KEY).await;
    opened(&app, KEY).await;
    let (status, _, answer) = exchange(&app, legacy("DELETE", None, KEY, Some(&first))).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{answer}");
    // The ended session is gone for good, and its place is free again.
    let (status, _, answer) = exchange(&app, legacy("POST", Some(ping()), KEY, Some(&first))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert_eq!(answer["error"]["code"], -32001, "{answer}");
    assert_eq!(answer["id"], 1);
    opened(&app, KEY).await;
    let (status, headers, answer) = exchange(&app, legacy("DELETE", None, KEY, Some(&first))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(answer["error"]["code"], "session_not_found", "{answer}");
    let (status, _, answer) = exchange(&app, legacy("DELETE", None, KEY, Some("made-up"))).await;
    assert_eq!(
        (status, &answer["error"]["fault"]),
        (StatusCode::NOT_FOUND, &json!("caller"))
    );
    let (status, _, answer) = exchange(&app, legacy("DELETE", None, KEY, None)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["error"]["code"], "session_required");
}

#[tokio::test]
async fn a_session_exists_only_for_the_key_that_opened_it() {
    let app = app_of(LIMITED).await;
    let mine = opened(&app, KEY).await;
    let (status, _, answer) =
        exchange(&app, legacy("POST", Some(ping()), OTHER_KEY, Some(&mine))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    let (status, _, _) = exchange(&app, legacy("DELETE", None, OTHER_KEY, Some(&mine))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, answer) = exchange(&app, legacy("POST", Some(ping()), KEY, Some(&mine))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

#[tokio::test]
async fn idle_sessions_are_ended_and_give_their_places_back() {
    let app = app_of(LIMITED).await;
    let first = opened(&app, KEY).await;
    opened(&app, KEY).await;
    // Sessions idle for 300 ms are ended. Asking for a third session touches neither of the
    // two, and is refused until they are gone; wait for that, within a generous bound.
    let reopened = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            let (status, headers, _) = open(&app, KEY).await;
            if status == StatusCode::OK {
                return headers["mcp-session-id"].to_str().unwrap().to_owned();
            }
            assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await
    .expect("the idle sessions were never ended");
    assert_ne!(reopened, first);
    let (status, _, answer) = exchange(&app, legacy("POST", Some(ping()), KEY, Some(&first))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
}
