//! The axum router and its handlers.
//!
//! One uniform scheme, generated from the catalog: the operation id is the path
//! (`/v1/git.issues.list`, or its tool name `/v1/git_issues_list`); reads are `GET` with their
//! arguments in the query string, so HTTP caches work; writes are `POST` with a JSON body.
//! `provider` pins an instance (a query parameter for reads, a body field for writes).

use crate::answer;
use crate::errors::{ApiError, bad_request};
use crate::openapi::openapi_document;
use crate::plugins;
use crate::query;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, middleware};
use metrics_exporter_prometheus::PrometheusHandle;
use mosaic_core::{Fault, OpId, RequestContext};
use mosaic_edge::body::{self, BodyLimits};
use mosaic_edge::error::envelope;
use mosaic_edge::{EdgeError, admission, net};
use mosaic_gateway::auth::Hints;
use mosaic_gateway::{CallError, CallRequest, Gateway};
use serde_json::{Value, json};
use std::sync::Arc;

#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) gateway: Gateway,
    metrics: Option<PrometheusHandle>,
}

/// The REST application over `gateway`; `/metrics` renders `metrics` when given (404 when not).
///
/// The Host/Origin rules and the body limits come from the configuration's `server` section,
/// read once here: a change to them takes effect on restart. Every error, the edge's own
/// included, is answered in the envelope; a method a resource does not take is `405` with
/// exactly the methods it takes in `Allow`.
pub fn router(gateway: Gateway, metrics: Option<PrometheusHandle>) -> Router {
    let options = Arc::new(gateway.http_options());
    let limits = BodyLimits::from(options.as_ref());
    let state = AppState { gateway, metrics };
    let api = Router::new()
        .route("/v1/providers", get(providers).fallback(only_reads))
        .route("/v1/route/explain", get(explain).fallback(only_reads))
        .route("/v1/plugins", get(plugins::status).fallback(only_reads))
        .route(
            "/v1/plugins/canaries/{instance}/promote",
            post(plugins::promote).fallback(only_writes),
        )
        .route(
            "/v1/plugins/canaries/{instance}/rollback",
            post(plugins::roll_back).fallback(only_writes),
        )
        .route(
            "/v1/{operation}",
            get(read).post(write).fallback(operation_method),
        )
        .route(
            "/openapi.json",
            get(|| async { Json(openapi_document().clone()) }).fallback(only_reads),
        )
        .layer(middleware::from_fn_with_state(limits, body::buffer))
        .layer(middleware::from_fn_with_state(options, admission::guard));
    // Probes and scrapes come from the orchestrator by pod address, not a configured host name,
    // and carry no data worth a DNS-rebinding attack.
    Router::new()
        .route("/healthz", get(|| async { "ok" }).fallback(only_reads))
        .route("/readyz", get(ready).fallback(only_reads))
        .route("/metrics", get(render_metrics).fallback(only_reads))
        .merge(api)
        .fallback(not_found)
        .layer(middleware::from_fn(body::limit_uri))
        .layer(middleware::from_fn(net::envelope_errors))
        .with_state(state)
}

/// The methods a read takes; HEAD is answered like GET, without the body.
const READ_METHODS: &str = "GET, HEAD";
/// The method a write takes.
const WRITE_METHODS: &str = "POST";

/// `405` for a resource that only takes `POST`.
async fn only_writes(method: Method) -> Response {
    EdgeError::MethodNotAllowed {
        method: method.to_string(),
        allow: WRITE_METHODS,
    }
    .into_response()
}

/// `405` for a resource that is only read.
async fn only_reads(method: Method) -> Response {
    EdgeError::MethodNotAllowed {
        method: method.to_string(),
        allow: READ_METHODS,
    }
    .into_response()
}

/// `405` for `/v1/{operation}` with a method other than GET, HEAD or POST: the operation's
/// own method is the one allowed.
async fn operation_method(Path(name): Path<String>) -> Response {
    match operation(&name) {
        Ok(op) if op.spec().is_read() => wrong_method(op, READ_METHODS, READS),
        Ok(op) => wrong_method(op, WRITE_METHODS, WRITES),
        Err(error) => error.into_response(),
    }
}

/// `404` for a path no route serves.
async fn not_found(uri: Uri) -> Response {
    EdgeError::NotFound {
        path: uri.path().to_owned(),
    }
    .into_response()
}

pub(crate) fn caller(gateway: &Gateway, headers: &HeaderMap) -> Result<RequestContext, ApiError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let bearer = mosaic_gateway::auth::bearer_token(authorization);
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let hints = Hints {
        region: text(mosaic_gateway::auth::REGION_HEADER),
        labels: text(mosaic_gateway::auth::LABELS_HEADER),
    };
    gateway
        .authenticate_with_hints(bearer, hints)
        .map_err(ApiError)
}

/// A call of `op` with its arguments (and pinned provider) from query pairs.
fn query_request(op: OpId, pairs: Vec<(String, String)>) -> Result<CallRequest, Box<Response>> {
    let (arguments, provider) = query::arguments(op, pairs)
        .map_err(|error| Box::new(bad_request(&error.path, &error.message)))?;
    Ok(CallRequest {
        op,
        arguments,
        provider,
    })
}

fn operation(name: &str) -> Result<OpId, ApiError> {
    OpId::from_name(name)
        .or_else(|| OpId::from_tool_name(name))
        .ok_or_else(|| ApiError(CallError::UnknownOperation(name.to_owned())))
}

const READS: &str = "reads data: send it as GET with query parameters";
const WRITES: &str = "changes data: send it as POST with a JSON body";

/// `405` naming the method the operation takes.
fn wrong_method(op: OpId, allow: &'static str, how: &str) -> Response {
    let message = format!("{} {how}", op.name());
    let body = envelope("method_not_allowed", &message, Fault::Caller, None);
    (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::ALLOW, allow), (header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response()
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
        return wrong_method(op, WRITE_METHODS, WRITES);
    }
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    let request = match query_request(op, pairs) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    match state.gateway.call(&ctx, request).await {
        Ok(answer) => answer::read(
            state.gateway.cache_policy(op.spec().cache),
            &answer,
            &headers,
        ),
        Err(error) => ApiError(error).into_response(),
    }
}

async fn write(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let op = match operation(&name) {
        Ok(op) => op,
        Err(error) => return error.into_response(),
    };
    if op.spec().is_read() {
        return wrong_method(op, READ_METHODS, READS);
    }
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    // Arguments are JSON; a form or text body would be misread, so it is refused unread.
    if !body.is_empty() && !net::is_json(headers.get(header::CONTENT_TYPE)) {
        return EdgeError::UnsupportedMediaType {
            found: headers
                .get(header::CONTENT_TYPE)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .unwrap_or_default(),
            expected: "the arguments as a JSON object with `Content-Type: application/json`",
        }
        .into_response();
    }
    // An empty body is an empty argument object: the gateway then names the missing fields.
    let parsed = if body.is_empty() {
        Ok(json!({}))
    } else {
        serde_json::from_slice::<Value>(&body)
    };
    let mut arguments = match parsed {
        Ok(Value::Object(object)) => object,
        Ok(_) => return bad_request(".", "the body must be a JSON object of arguments"),
        Err(error) => return bad_request(".", &format!("the body is not valid JSON: {error}")),
    };
    let provider = match arguments.remove("provider") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name),
        Some(_) => return bad_request("provider", "must be a string naming a provider instance"),
    };
    let request = CallRequest {
        op,
        arguments: Value::Object(arguments),
        provider,
    };
    match state.gateway.call(&ctx, request).await {
        Ok(answer) => answer::write(&answer),
        Err(error) => ApiError(error).into_response(),
    }
}

/// `GET /v1/providers`: the meta operation `mosaic.providers.status`, under policy and audit.
async fn providers(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    match state.gateway.providers_status(&ctx).await {
        Ok(instances) => {
            let mut status = json!({
                "instances": instances,
                "cache": state.gateway.cache_tiers(),
            });
            if let Some(warming) = state.gateway.cache_warming() {
                status["warming"] = json!(warming);
            }
            if let Some(folder) = state.gateway.plugin_folder() {
                status["plugins"] = json!(*folder);
            }
            no_store(Json(status).into_response())
        }
        Err(error) => ApiError(error).into_response(),
    }
}

/// `GET /v1/route/explain?operation=git.issues.list&repo=acme/api`: the plan of a call,
/// without executing it; the other parameters are the call's arguments, as for a read. The
/// meta operation `mosaic.route.explain`, under policy and audit.
async fn explain(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let ctx = match caller(&state.gateway, &headers) {
        Ok(ctx) => ctx,
        Err(error) => return error.into_response(),
    };
    let (named, rest): (Vec<_>, Vec<_>) =
        pairs.into_iter().partition(|(key, _)| key == "operation");
    let [(_, name)] = named.as_slice() else {
        return bad_request(
            "operation",
            "is required once: an operation id such as git.issues.list",
        );
    };
    let op = match operation(name) {
        Ok(op) => op,
        Err(error) => return error.into_response(),
    };
    let request = match query_request(op, rest) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    match state.gateway.explain(&ctx, &request).await {
        Ok(explanation) => no_store(Json(explanation).into_response()),
        Err(error) => ApiError(error).into_response(),
    }
}

/// Meta answers depend on the caller's policy and on live state: no HTTP cache may keep them.
pub(crate) fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

async fn ready(State(state): State<AppState>) -> Response {
    if state.gateway.ready() {
        (StatusCode::OK, "ready").into_response()
    } else {
        let body = envelope("not_ready", "shutting down", Fault::Gateway, None);
        (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
    }
}

async fn render_metrics(State(state): State<AppState>) -> Response {
    match &state.metrics {
        Some(handle) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => {
            let message = "metrics are not enabled in this process";
            let body = envelope("metrics_disabled", message, Fault::Gateway, None);
            (StatusCode::NOT_FOUND, Json(body)).into_response()
        }
    }
}
