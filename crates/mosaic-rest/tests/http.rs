//! REST against a real gateway with sim providers: conditional GETs, writes then reads,
//! error statuses, pinning, health and the OpenAPI document.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mosaic_gateway::Gateway;
use serde_json::{Value, json};
use tower::ServiceExt;

const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
auth: { anonymous: { tenant: default, principal: rest-test } }
policies:
  - { name: read-only-ops, effect: deny, operations: ["ci.runs.trigger"] }
  - { name: all, effect: allow }
providers:
  - { name: main, plugin: sim, settings: { dataset: rest-http } }
  - { name: down, plugin: sim, settings: { kinds: [kb], dataset: rest-down, down: true } }
routes:
  - { name: kb, kinds: [kb], targets: [{ instance: down }] }
  - { name: pm-eu, kinds: [pm], regions: [eu], labels: { team: web }, targets: [{ instance: main }] }
  - { name: all, targets: [{ instance: main }] }
"#;

async fn app() -> axum::Router {
    let config =
        mosaic_config::load(CONFIG, &|_| None, &mosaic_providers::Registry::builtin()).unwrap();
    mosaic_rest::router(Gateway::start(config).await.unwrap(), None)
}

async fn send(
    app: &axum::Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    (
        parts.status,
        parts.headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap()
}

fn post(uri: &str, body: Value) -> Request<Body> {
    Request::post(uri)
        .header(header::HOST, "localhost")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn reads_carry_etags_and_revalidate_with_304() {
    let app = app().await;
    let (status, headers, body) = send(&app, get("/v1/git.repos.get?repo=acme/api")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["full_name"], "acme/api");
    assert_eq!(headers["x-mosaic-instance"], "main");
    assert_eq!(headers[header::CACHE_CONTROL], "private, max-age=300");
    let etag = headers[header::ETAG].clone();
    let mut conditional = get("/v1/git.repos.get?repo=acme/api");
    conditional
        .headers_mut()
        .insert(header::IF_NONE_MATCH, etag);
    let (status, headers, _) = send(&app, conditional).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert_eq!(headers["x-mosaic-cache"], "hit");
}

#[tokio::test]
async fn a_write_then_a_read_sees_it() {
    let app = app().await;
    let (status, _, created) = send(
        &app,
        post(
            "/v1/pm.issues.create",
            json!({"project": "WEB", "title": "Dark mode"}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let key = created["key"].as_str().unwrap();
    let (status, _, read) = send(&app, get(&format!("/v1/pm.issues.get?key={key}"))).await;
    assert_eq!(
        (status, read["title"].as_str()),
        (StatusCode::OK, Some("Dark mode"))
    );
}

#[tokio::test]
async fn errors_have_statuses_codes_and_paths() {
    let app = app().await;
    let (status, _, body) = send(&app, get("/v1/git.issues.list?repo=acme/api&per_page=500")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        (
            body["error"]["path"].as_str(),
            body["error"]["fault"].as_str()
        ),
        (Some("per_page"), Some("caller"))
    );
    let (status, _, body) = send(&app, get("/v1/git.issues.get?repo=acme/api&number=9999")).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, _, _) = send(&app, get("/v1/git.issues.teleport")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = send(
        &app,
        post(
            "/v1/ci.runs.trigger",
            json!({"repo": "acme/api", "pipeline": "1", "ref": "main"}),
        ),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("denied"))
    );
    let (status, _, body) = send(
        &app,
        post(
            "/v1/kb.pages.create",
            json!({"space": "ENG", "title": "t", "body": "b"}),
        ),
    )
    .await;
    assert_eq!(
        (status, body["error"]["fault"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("provider"))
    );
    let (status, _, _) = send(&app, get("/v1/git.issues.create?repo=acme/api")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let bad_json = Request::post("/v1/git.issues.create")
        .header(header::HOST, "localhost")
        .body(Body::from("{"))
        .unwrap();
    let (status, _, body) = send(&app, bad_json).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_arguments"))
    );
}

#[tokio::test]
async fn health_readiness_openapi_and_explain() {
    let app = app().await;
    assert_eq!(send(&app, get("/healthz")).await.0, StatusCode::OK);
    assert_eq!(send(&app, get("/readyz")).await.0, StatusCode::OK);
    let (status, _, document) = send(&app, get("/openapi.json")).await;
    assert_eq!(
        (status, document["openapi"].as_str()),
        (StatusCode::OK, Some("3.1.0"))
    );
    let (status, _, plan) = send(
        &app,
        get("/v1/route/explain?operation=kb.pages.get&space=ENG&page_id=1"),
    )
    .await;
    assert_eq!(
        (status, plan["rule"].as_str()),
        (StatusCode::OK, Some("kb"))
    );
    let (status, _, _) = send(
        &app,
        Request::get("/healthz")
            .header(header::HOST, "pod-10-0-0-1")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "probes are not host-checked");
    let (status, _, _) = send(
        &app,
        Request::get("/v1/providers")
            .header(header::HOST, "evil.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn region_and_label_headers_reach_the_router() {
    let app = app().await;
    let uri = "/v1/route/explain?operation=pm.issues.get&key=WEB-1";
    let (_, _, plan) = send(&app, get(uri)).await;
    assert_eq!(plan["rule"], "all");
    let mut hinted = get(uri);
    hinted
        .headers_mut()
        .insert("x-mosaic-region", "eu".parse().unwrap());
    hinted
        .headers_mut()
        .insert("x-mosaic-labels", "team=web".parse().unwrap());
    let (_, _, plan) = send(&app, hinted).await;
    assert_eq!(plan["rule"], "pm-eu");
    let mut broken = get(uri);
    broken
        .headers_mut()
        .insert("x-mosaic-labels", "team".parse().unwrap());
    let (status, _, body) = send(&app, broken).await;
    assert_eq!(
        (status, body["error"]["path"].as_str()),
        (StatusCode::BAD_REQUEST, Some("x-mosaic-labels"))
    );
}
