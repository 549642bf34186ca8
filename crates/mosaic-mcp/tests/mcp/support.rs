//! A real gateway over sim providers, and requests as MCP clients put them on the wire.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use mosaic_gateway::Gateway;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The key the keyed configuration accepts (its SHA-256 is in the configuration).
pub const KEY: &str = "s3cret";

/// Anonymous callers allowed; hosts and one browser origin allow-listed; a small body limit.
const OPEN: &str = r#"
store: { url: "sqlite::memory:" }
server: { allowed_hosts: [localhost, 127.0.0.1], allowed_origins: ["http://localhost:3000"], max_body_bytes: 4096 }
auth: { anonymous: { tenant: default, principal: mcp-test } }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-open } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

/// Only callers with the API key; any host.
const KEYED: &str = r#"
store: { url: "sqlite::memory:" }
server: { allowed_hosts: [] }
auth:
  api_keys:
    - { name: test, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: agent }
policies: [{ name: all, effect: allow }]
providers:
  - { name: sim, plugin: sim, settings: { dataset: mcp-keyed } }
routes:
  - { name: all, targets: [{ instance: sim }] }
"#;

async fn gateway(yaml: &str) -> Gateway {
    let config = mosaic_config::load(yaml, &|_| None, &mosaic_providers::builtin()).unwrap();
    Gateway::start(config).await.unwrap()
}

/// The MCP app of the configuration `yaml`.
pub async fn app_of(yaml: &str) -> axum::Router {
    mosaic_mcp::http_service(gateway(yaml).await)
}

/// The gateway of the configuration `yaml` and its MCP app.
pub async fn gateway_and_app(yaml: &str) -> (Gateway, axum::Router) {
    let gateway = gateway(yaml).await;
    (gateway.clone(), mosaic_mcp::http_service(gateway))
}

/// The MCP app of the open configuration.
pub async fn open_app() -> axum::Router {
    mosaic_mcp::http_service(gateway(OPEN).await)
}

/// The MCP app of the keyed configuration.
pub async fn keyed_app() -> axum::Router {
    mosaic_mcp::http_service(gateway(KEYED).await)
}

/// The per-request metadata every 2026-07-28 request carries.
pub fn meta() -> Value {
    json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "test", "version": "1"}
    })
}

/// A stateless 2026-07-28 POST with the headers that protocol requires.
pub fn post(body: impl Into<Body>, method: &str, host: &str) -> Request<Body> {
    Request::post("/mcp")
        .header("host", host)
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2026-07-28")
        .header("mcp-method", method)
        .body(body.into())
        .unwrap()
}

/// `tools/list`, stateless.
pub fn tools_list() -> Request<Body> {
    let body =
        json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": meta()}});
    post(body.to_string(), "tools/list", "localhost")
}

/// `tools/call` of `name`, stateless.
pub fn tool_call(name: &str, arguments: Value) -> Request<Body> {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": name, "arguments": arguments, "_meta": meta()}});
    let mut request = post(body.to_string(), "tools/call", "localhost");
    request
        .headers_mut()
        .insert("mcp-name", name.parse().unwrap());
    request
}

/// Sends one request; the answer as JSON (the message of an SSE answer), or as a string
/// when it is not JSON.
pub async fn send(app: &axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = exchange(app, request).await;
    (status, body)
}

/// Like [`send`], with the response headers.
pub async fn exchange(
    app: &axum::Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let json = text
        .lines()
        .filter_map(|line| line.strip_prefix("data:"))
        // Session streams open with an empty priming event.
        .find(|data| !data.trim().is_empty())
        .unwrap_or(&text)
        .trim()
        .to_owned();
    let value = serde_json::from_str(&json).unwrap_or(Value::String(text.into_owned()));
    (parts.status, parts.headers, value)
}

/// Valid arguments for every read of the catalog against the sim seed data, `run_id` a run
/// of `acme/api` as the gateway answered it (run ids are sealed to their instance).
pub fn read_calls(run_id: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("git_repos_list", json!({"owner": "acme"})),
        ("git_repos_get", json!({"repo": "acme/api"})),
        ("git_branches_list", json!({"repo": "acme/api"})),
        (
            "git_files_get",
            json!({"repo": "acme/api", "path": "README.md"}),
        ),
        ("git_commits_list", json!({"repo": "acme/api"})),
        (
            "git_issues_list",
            json!({"repo": "acme/api", "state": "all", "per_page": 2}),
        ),
        ("git_issues_get", json!({"repo": "acme/api", "number": 1})),
        (
            "git_pulls_list",
            json!({"repo": "acme/api", "state": "all"}),
        ),
        ("git_pulls_get", json!({"repo": "acme/api", "number": 11})),
        ("ci_pipelines_list", json!({"repo": "acme/api"})),
        ("ci_runs_list", json!({"repo": "acme/api"})),
        ("ci_runs_get", json!({"repo": "acme/api", "run_id": run_id})),
        (
            "ci_runs_logs",
            json!({"repo": "acme/api", "run_id": run_id, "offset": 0}),
        ),
        (
            "ci_runs_wait",
            json!({"repo": "acme/api", "run_id": run_id, "timeout_seconds": 1}),
        ),
        ("kb_spaces_list", json!({})),
        (
            "kb_pages_search",
            json!({"query": "on-call", "space": "OPS"}),
        ),
        ("kb_pages_get", json!({"space": "OPS", "page_id": "10006"})),
        ("pm_projects_list", json!({})),
        ("pm_issues_search", json!({"project": "PLAT"})),
        ("pm_issues_get", json!({"key": "PLAT-1"})),
    ]
}
