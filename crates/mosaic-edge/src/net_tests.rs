use super::*;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use tower::ServiceExt;

async fn through_the_net(answer: fn() -> Response) -> (StatusCode, axum::http::HeaderMap, String) {
    let app = Router::new()
        .route("/", get(move || async move { answer() }))
        .layer(axum::middleware::from_fn(envelope_errors));
    let response = app
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 16).await.unwrap();
    (
        parts.status,
        parts.headers,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

#[tokio::test]
async fn plain_text_and_empty_errors_become_the_envelope_keeping_status_and_headers() {
    let text = || {
        (
            StatusCode::BAD_REQUEST,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "Failed to deserialize query string",
        )
            .into_response()
    };
    let (status, headers, body) = through_the_net(text).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(headers[header::WWW_AUTHENTICATE], "Bearer");
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body["error"]["message"],
        "Failed to deserialize query string"
    );
    assert_eq!(body["error"]["fault"], "caller");

    let (status, _, body) =
        through_the_net(|| StatusCode::SERVICE_UNAVAILABLE.into_response()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"]["message"], "Service Unavailable");
    assert_eq!(body["error"]["fault"], "gateway");
}

#[tokio::test]
async fn json_errors_and_successes_pass_untouched() {
    let json = || {
        (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({"error": {"code": "not_found"}})),
        )
            .into_response()
    };
    let (_, _, body) = through_the_net(json).await;
    assert_eq!(body, r#"{"error":{"code":"not_found"}}"#);
    let (status, _, body) = through_the_net(|| "ok".into_response()).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
}

#[test]
fn json_content_types_are_recognised_with_parameters_and_suffixes() {
    let is = |value: &'static str| is_json(Some(&HeaderValue::from_static(value)));
    assert!(is("application/json"));
    assert!(is("Application/JSON; charset=utf-8"));
    assert!(is("application/problem+json"));
    assert!(!is("text/plain; charset=utf-8"));
    assert!(!is("application/jsonl"));
    assert!(!is_json(None));
}
