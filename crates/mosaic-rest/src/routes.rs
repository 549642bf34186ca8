//! The axum router and its handlers.

use crate::errors::{ApiError, bad_request};
use crate::guard;
use crate::openapi::openapi_document;
use crate::query;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router, middleware};
use metrics_exporter_prometheus::PrometheusHandle;
use mosaic_core::{CacheClass, OpId, RequestContext};
use mosaic_gateway::{CallAnswer, CallError, CallRequest, Gateway, Source};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

#[derive(Clone)]
struct AppState {
    gateway: Gateway,
    metrics: Option<PrometheusHandle>,
}

/// The REST application over `gateway`; `/metrics` renders `metrics` when given.
pub fn router(gateway: Gateway, metrics: Option<PrometheusHandle>) -> Router {
    let options = Arc::new(gateway.http_options());
    let state = AppState { gateway, metrics };
    let api = Router::new()
        .route("/v1/providers", get(providers))
        .route("/v1/route/explain", get(explain))
        .route("/v1/{operation}", get(read).post(call_with_body))
        .route(
            "/openapi.json",
            get(|| async { Json(openapi_document().clone()) }),
        )
        .layer(RequestBodyLimitLayer::new(options.max_body_bytes))
        .layer(middleware::from_fn_with_state(options, guard::check));
    // Probes and scrapes come from the orchestrator by pod address, not a configured host name.
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(render_metrics))
        .merge(api)
        .with_state(state)
}

fn caller(gateway: &Gateway, headers: &HeaderMap) -> Result<RequestContext, ApiError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let bearer = mosaic_gateway::auth::bearer_token(authorization);
    let mut ctx = gateway.authenticate(bearer).map_err(ApiError)?;
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    mosaic_gateway::auth::apply_routing_hints(
        &mut ctx,
        text(mosaic_gateway::auth::REGION_HEADER),
        text(mosaic_gateway::auth::LABELS_HEADER),
    )
    .map_err(ApiError)?;
    Ok(ctx)
}

fn operation(name: &str) -> Result<OpId, ApiError> {
    OpId::from_name(name)
        .or_else(|| OpId::from_tool_name(name))
        .ok_or_else(|| ApiError(CallError::UnknownOperation(name.to_owned())))
}

async fn read(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let op = match operation(&name) {
        Ok(op) => op,
        Err(error) => return error.into_response(),
    };
    if !op.spec().is_read() {
        let message = format!(
            "{} changes data: send it as POST with a JSON body",
            op.name()
        );
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "POST")],
            message,
        )
            .into_response();
    }
    let (arguments, provider) = match query::arguments(op, pairs) {
        Ok(parsed) => parsed,
        Err(error) => return bad_request(&error.path, &error.message),
    };
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    match state
        .gateway
        .call(
            &ctx,
            CallRequest {
                op,
                arguments,
                provider,
            },
        )
        .await
    {
        Ok(answer) => cacheable(op, &answer, &headers),
        Err(error) => ApiError(error).into_response(),
    }
}

async fn call_with_body(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let op = match operation(&name) {
        Ok(op) => op,
        Err(error) => return error.into_response(),
    };
    let mut arguments: Value = if body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(value) => value,
            Err(error) => return bad_request(".", &format!("the body is not valid JSON: {error}")),
        }
    };
    let provider = match arguments
        .as_object_mut()
        .map(|object| object.remove("provider"))
    {
        Some(Some(Value::String(name))) => Some(name),
        Some(None | Some(Value::Null)) | None => None,
        Some(Some(_)) => return bad_request("provider", "must be a string"),
    };
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    match state
        .gateway
        .call(
            &ctx,
            CallRequest {
                op,
                arguments,
                provider,
            },
        )
        .await
    {
        Ok(answer) => {
            let mut response = (StatusCode::OK, Json(answer.output.to_json())).into_response();
            provenance(response.headers_mut(), &answer);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => ApiError(error).into_response(),
    }
}

/// A read's answer with `ETag` and `Cache-Control`, or `304` when the caller has it already.
fn cacheable(op: OpId, answer: &CallAnswer, request: &HeaderMap) -> Response {
    let body = answer.output.to_json().to_string();
    let etag = format!("\"{}\"", hex(&Sha256::digest(body.as_bytes())[..16]));
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    let headers = response.headers_mut();
    provenance(headers, answer);
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    // `private`: answers are scoped to the caller's tenant and credentials (DESIGN.md, Caching).
    let max_age = match op.spec().cache {
        CacheClass::NoStore => 0,
        CacheClass::Volatile => 5,
        CacheClass::Standard => 30,
        CacheClass::Stable => 300,
    };
    if let Ok(value) = HeaderValue::from_str(&format!("private, max-age={max_age}")) {
        headers.insert(header::CACHE_CONTROL, value);
    }
    headers.insert(header::VARY, HeaderValue::from_static("authorization"));
    response
}

fn provenance(headers: &mut HeaderMap, answer: &CallAnswer) {
    let served = &answer.served;
    if let Ok(value) = HeaderValue::from_str(&served.instance) {
        headers.insert("x-mosaic-instance", value);
    }
    let cache = match (served.source, served.stale) {
        (_, true) => "stale",
        (Source::L1, false) => "hit",
        (Source::Provider, false) => "miss",
    };
    headers.insert("x-mosaic-cache", HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&(served.age_ms / 1000).to_string()) {
        headers.insert(header::AGE, value);
    }
    if let Some(rule) = served
        .rule
        .as_deref()
        .and_then(|rule| HeaderValue::from_str(rule).ok())
    {
        headers.insert("x-mosaic-rule", rule);
    }
    if !served.failed_over.is_empty() {
        let tried: Vec<&str> = served
            .failed_over
            .iter()
            .map(|attempt| attempt.instance.as_str())
            .collect();
        if let Ok(value) = HeaderValue::from_str(&tried.join(", ")) {
            headers.insert("x-mosaic-failed-over", value);
        }
    }
}

async fn providers(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(error) = caller(&state.gateway, &headers) {
        return error.into_response();
    }
    Json(json!({ "instances": state.gateway.providers_status().await })).into_response()
}

async fn explain(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    let Some((_, name)) = pairs.iter().find(|(key, _)| key == "operation") else {
        return bad_request("operation", "is required");
    };
    let op = match operation(name) {
        Ok(op) => op,
        Err(error) => return error.into_response(),
    };
    let rest = pairs
        .iter()
        .filter(|(key, _)| key != "operation")
        .cloned()
        .collect();
    let (arguments, provider) = match query::arguments(op, rest) {
        Ok(parsed) => parsed,
        Err(error) => return bad_request(&error.path, &error.message),
    };
    match state.gateway.explain(
        &ctx,
        &CallRequest {
            op,
            arguments,
            provider,
        },
    ) {
        Ok(explanation) => Json(explanation).into_response(),
        Err(error) => ApiError(error).into_response(),
    }
}

async fn ready(State(state): State<AppState>) -> Response {
    if state.gateway.ready() {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready").into_response()
    }
}

async fn render_metrics(State(state): State<AppState>) -> Response {
    match &state.metrics {
        Some(handle) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            "metrics are not enabled in this process",
        )
            .into_response(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
