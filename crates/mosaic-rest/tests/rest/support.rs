//! A real gateway over sim providers, and requests as REST clients send them.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mosaic_gateway::Gateway;
use serde_json::Value;
use tower::ServiceExt;

/// The key the configuration accepts besides anonymous access (its SHA-256 is below).
pub const KEY: &str = "s3cret";

/// One main instance for everything, a knowledge base that is down, a rate-limited CI, a forge
/// that cannot merge, and a policy that denies triggering runs to anonymous callers, who may
/// say they are in the EU and on the web team.
const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
server: { allowed_hosts: [localhost], allowed_origins: ["https://dash.example.com"], max_body_bytes: 2048 }
auth:
  anonymous: { tenant: default, principal: rest-test, regions: [eu], labels: { team: [web] } }
policies:
  - { name: no-triggers, effect: deny, principals: [rest-test], operations: ["ci.runs.trigger"] }
  - { name: all, effect: allow }
providers:
  - { name: main, plugin: sim, settings: { dataset: rest-main } }
  - { name: down, plugin: sim, settings: { kinds: [kb], dataset: rest-down, down: true } }
  - { name: metered, plugin: sim, settings: { kinds: [ci], dataset: rest-metered, rate_limit: { requests: 1, per: 1m } } }
  - { name: nomerge, plugin: sim, settings: { kinds: [git], dataset: rest-main, unsupported: [git.pulls.merge] } }
routes:
  - { name: kb, kinds: [kb], targets: [{ instance: down }] }
  - { name: pm-eu, kinds: [pm], regions: [eu], labels: { team: web }, targets: [{ instance: main }] }
  - { name: ci, kinds: [ci], targets: [{ instance: metered }] }
  - { name: merges, operations: ["git.pulls.merge"], targets: [{ instance: nomerge }] }
  - { name: all, targets: [{ instance: main }] }
"#;

/// The same, but every caller needs the key.
const KEYED: &str = r#"
store: { url: "sqlite::memory:" }
auth:
  api_keys:
    - { name: test, key_sha256: 1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0, tenant: acme, principal: ci-bot }
policies: [{ name: all, effect: allow }]
providers:
  - { name: main, plugin: sim, settings: { dataset: rest-keyed } }
routes:
  - { name: all, targets: [{ instance: main }] }
"#;

/// A gateway of the main configuration.
pub async fn gateway() -> Gateway {
    start(CONFIG).await
}

/// A gateway of `yaml`.
pub async fn start(yaml: &str) -> Gateway {
    let config = mosaic_config::load(yaml, &|_| None, &mosaic_providers::builtin()).unwrap();
    Gateway::start(config).await.unwrap()
}

/// The REST app of the main configuration, without metrics.
pub async fn app() -> axum::Router {
    mosaic_rest::router(gateway().await, None)
}

/// The REST app of the keyed configuration.
pub async fn keyed_app() -> axum::Router {
    mosaic_rest::router(start(KEYED).await, None)
}

/// An answer: status, headers and the body as JSON (`Null` when it is not JSON).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

pub async fn send(app: &axum::Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap()
}

pub fn post(uri: &str, body: impl ToString) -> Request<Body> {
    Request::post(uri)
        .header(header::HOST, "localhost")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// `request` with one more header.
pub fn with(mut request: Request<Body>, name: header::HeaderName, value: &str) -> Request<Body> {
    request.headers_mut().insert(name, value.parse().unwrap());
    request
}
