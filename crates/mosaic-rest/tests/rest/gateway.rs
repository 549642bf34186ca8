//! The gateway's own endpoints: health, readiness, metrics, provider status, route plans and
//! the OpenAPI document.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use metrics_exporter_prometheus::PrometheusBuilder;

#[tokio::test]
async fn health_is_unconditional_and_readiness_ends_with_shutdown() {
    let gateway = gateway().await;
    let app = mosaic_rest::router(gateway.clone(), None);
    // Probes come by pod address: they are not host-checked.
    let probe = Request::get("/healthz")
        .header(header::HOST, "10.0.0.7:8080")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, probe).await.status, StatusCode::OK);
    assert_eq!(send(&app, get("/readyz")).await.status, StatusCode::OK);
    gateway.shutdown().await;
    assert_eq!(
        send(&app, get("/readyz")).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(send(&app, get("/healthz")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn metrics_render_when_a_recorder_is_given() {
    assert_eq!(
        send(&app().await, get("/metrics")).await.status,
        StatusCode::NOT_FOUND
    );
    let recorder = PrometheusBuilder::new().build_recorder();
    let handle = recorder.handle();
    metrics::with_local_recorder(&recorder, || {
        metrics::counter!("mosaic_test_total").increment(3);
    });
    let app = mosaic_rest::router(gateway().await, Some(handle));
    let response = tower::ServiceExt::oneshot(app, get("/metrics"))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&text).contains("mosaic_test_total 3"));
}

#[tokio::test]
async fn providers_explain_and_the_openapi_document() {
    let app = app().await;
    let status = send(&app, get("/v1/providers")).await;
    let names: Vec<&str> = status.body["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|instance| instance["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["main", "down", "metered", "nomerge"]);
    let plan = send(
        &app,
        get("/v1/route/explain?operation=kb.pages.get&space=ENG&page_id=1"),
    )
    .await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
    assert_eq!(plan.body["rule"], "kb");
    assert_eq!(plan.body["candidates"][0]["instance"], "down");
    let pinned = send(
        &app,
        get("/v1/route/explain?operation=git_repos_get&repo=acme/api&provider=nomerge"),
    )
    .await;
    assert_eq!(
        pinned.body["candidates"][0]["instance"], "nomerge",
        "{}",
        pinned.body
    );
    let document = send(&app, get("/openapi.json")).await;
    assert_eq!(document.body["openapi"], "3.1.0");
    assert!(document.body["paths"]["/v1/git.issues.list"]["get"].is_object());
}
