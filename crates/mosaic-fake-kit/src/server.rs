//! Serving a fake on a loopback port, with what every provider does around its routes.
//!
//! The middleware, in order: log the request; check the credentials (401); wait the configured
//! delay; answer the next scripted failure if one is queued (or one an applied write set off);
//! refuse when the quota is spent; run the route; after an applied write, set
//! off what waits for one and replace its answer when a garbled one is queued; on a successful
//! GET, tag the answer with an `ETag` and answer `304 Not Modified` when the request's
//! `If-None-Match` names it (a 304 costs no quota, as on GitHub); count the request against
//! the quota and send the rate-limit headers.
//!
//! What a test can change while a fake runs is in `knobs.rs`. A fake can also be mounted below
//! a path on a listener of the caller's ([`mounted`]): `mosaic-fakes serve` puts every
//! provider's fake on one port that way.

use crate::forge::Forge;
use crate::knobs::{DEFAULT_WINDOW, unix_now};
pub use crate::knobs::{Knobs, Scripted};
pub use crate::state::{FakeState, Seen};
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use mosaic_provider_kit::rfc3339::civil_from_days;
use serde_json::{Value, json};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::task::JoinHandle;

/// How one provider speaks around its routes.
#[derive(Clone, Debug)]
pub struct Style {
    /// Path prefix the API is served below (`/api/v1`), or empty.
    pub prefix: String,
    /// The header carrying credentials, lower case (`authorization`, `private-token`).
    pub auth_header: &'static str,
    /// The values of that header that are accepted (`Bearer T`, `token T`).
    pub accepted: Vec<String>,
    /// Prefix of the rate-limit headers (`x-ratelimit-` or `ratelimit-`).
    pub rate_limit_prefix: &'static str,
    /// Status answered when the quota is spent (GitHub 403, others 429).
    pub quota_status: StatusCode,
    /// The quota a fresh server starts with, per window; `None` sends no rate-limit headers.
    pub quota: Option<u64>,
    /// Whether successful GETs carry an `ETag` and honour `If-None-Match`.
    pub etags: bool,
    /// Paths below the prefix that cost no quota and answer even when it is spent (GitHub's
    /// `/rate_limit`).
    pub unmetered: Vec<&'static str>,
    /// The JSON body of the middleware's own refusals (bad credentials, spent quota), from
    /// their message: the forges' `{"message": …}` is [`message_body`].
    pub error_body: fn(&str) -> Value,
    /// How `…-reset` is written: the provider's own way.
    pub reset: ResetWritten,
    /// Whether a request (method and body) may change the provider's data: what the
    /// write-triggered knobs wait for. REST APIs: [`method_writes`].
    pub writes: fn(&Method, &[u8]) -> bool,
}

/// How a fake writes the time its quota window resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetWritten {
    /// Unix seconds (GitHub, Gitea, GitLab, Plane).
    UnixSeconds,
    /// Unix milliseconds (Linear's `X-RateLimit-Requests-Reset`).
    UnixMillis,
    /// A UTC time, `yyyy-MM-ddTHH:mm:ssZ` (Jira Cloud's ISO 8601 `X-RateLimit-Reset`).
    UtcTime,
}

/// A REST request writes unless its method is GET, HEAD or OPTIONS.
pub fn method_writes(method: &Method, _body: &[u8]) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `{"message": …}`, the error body of the Git forges.
pub fn message_body(message: &str) -> Value {
    json!({ "message": message })
}

/// The largest request body a fake reads; adapters send far less.
const MAX_LOGGED_BODY: usize = 16 * 1024 * 1024;

/// A running fake; stops when dropped.
pub struct FakeServer<D = Forge> {
    state: Arc<FakeState<D>>,
    task: JoinHandle<()>,
}

impl<D: Send + 'static> FakeServer<D> {
    /// Binds a loopback port and serves `routes` below `style.prefix`, on the current tokio
    /// runtime.
    pub async fn start(style: Style, data: D, routes: Router<Arc<FakeState<D>>>) -> Self {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("bind a loopback port for a fake");
        let address = listener
            .local_addr()
            .expect("a bound listener has an address");
        let (state, app) = app(style, data, routes, format!("http://{address}"));
        let task = tokio::spawn(async move {
            // Serving ends when the listener fails or the task is aborted on drop.
            let _ = axum::serve(listener, app).await;
        });
        Self { state, task }
    }

    /// The shared state: data, knobs, request log.
    pub fn state(&self) -> &Arc<FakeState<D>> {
        &self.state
    }

    /// The base URL to configure an adapter with (prefix included).
    pub fn base_url(&self) -> String {
        self.state.base_url()
    }
}

impl<D> Drop for FakeServer<D> {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A fake to serve on a listener of the caller's, below a path of its own: `routes` below
/// `style.prefix` with the middleware a [`FakeServer`] wraps them in, as a router to mount
/// with `Router::nest_service` (`mosaic-fakes serve` puts every provider's fake on one port,
/// `/github`, `/gitea`, ...). `origin` is where the mount is reached
/// (`http://127.0.0.1:8090/github`): the links and URLs in answers start there, and the
/// state's [`FakeState::base_url`] is what an adapter is configured with.
pub fn mounted<D: Send + 'static>(
    style: Style,
    data: D,
    routes: Router<Arc<FakeState<D>>>,
    origin: String,
) -> (Arc<FakeState<D>>, Router) {
    let (state, app) = app(style, data, routes, origin);
    // The router this one is nested in recorded the path with the mount in `OriginalUri`; the
    // fakes write their `Link` headers from `origin` and `OriginalUri`, and `origin` already
    // names the mount, so the path they see must be the one below it.
    let app = app.layer(middleware::map_request(|mut request: Request| async move {
        let below_mount = OriginalUri(request.uri().clone());
        request.extensions_mut().insert(below_mount);
        request
    }));
    (state, app)
}

/// The state of a fake reached at `origin` and its routes below `style.prefix`, wrapped in the
/// middleware described in the module docs.
fn app<D: Send + 'static>(
    style: Style,
    data: D,
    routes: Router<Arc<FakeState<D>>>,
    origin: String,
) -> (Arc<FakeState<D>>, Router) {
    let quota = style.quota;
    let state = Arc::new(FakeState::new(style, data, origin));
    if let Some(limit) = quota {
        state.knobs.set_quota(limit, limit, DEFAULT_WINDOW);
    }
    let routes = if state.style.prefix.is_empty() {
        routes
    } else {
        Router::new().nest(&state.style.prefix, routes)
    };
    let app = routes
        .fallback(not_found::<D>)
        .layer(middleware::from_fn_with_state(state.clone(), around))
        .with_state(state.clone());
    (state, app)
}

/// A JSON error answer `{"message": …}`, as the forges send them.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "message": message.into() }))).into_response()
}

async fn not_found<D>(State(state): State<Arc<FakeState<D>>>) -> Response {
    refusal(&state.style, StatusCode::NOT_FOUND, "Not Found")
}

/// The middleware described in the module docs.
async fn around<D>(
    State(state): State<Arc<FakeState<D>>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    // The body is kept for the log (a contract test replays what an adapter wrote) and handed
    // on unchanged.
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_LOGGED_BODY).await.unwrap_or_default();
    let logged_body = (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned());
    let write = (state.style.writes)(&method, &bytes);
    let request = Request::from_parts(parts, Body::from(bytes));
    let response = answer(&state, request, next, if_none_match.as_ref(), write).await;
    state.record(Seen {
        method: method.to_string(),
        path,
        query,
        conditional: if_none_match.is_some(),
        status: response.status().as_u16(),
        body: logged_body,
        write,
    });
    response
}

async fn answer<D>(
    state: &FakeState<D>,
    request: Request,
    next: Next,
    if_none_match: Option<&HeaderValue>,
    write: bool,
) -> Response {
    let style = &state.style;
    let authorized = request
        .headers()
        .get(style.auth_header)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| style.accepted.iter().any(|accepted| accepted == value));
    if !authorized {
        return refusal(style, StatusCode::UNAUTHORIZED, "Bad credentials");
    }
    if let Some(delay) = state.knobs.delay() {
        tokio::time::sleep(delay).await;
    }
    if let Some(failure) = state.knobs.next_scripted(request.uri().path()) {
        state.knobs.spend();
        let mut response = (
            StatusCode::from_u16(failure.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            axum::Json(failure.body),
        )
            .into_response();
        if let Some(wait) = failure.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        }
        add_rate_headers(state, response.headers_mut());
        return response;
    }
    let path = request.uri().path();
    let unmetered = style
        .unmetered
        .iter()
        .any(|free| path.strip_prefix(style.prefix.as_str()) == Some(free));
    if unmetered {
        let mut response = next.run(request).await;
        add_rate_headers(state, response.headers_mut());
        return response;
    }
    if let Some(quota) = state.knobs.current_quota()
        && quota.remaining == 0
    {
        let mut response = refusal(style, style.quota_status, "API rate limit exceeded");
        if style.quota_status == StatusCode::TOO_MANY_REQUESTS {
            let wait = quota.resets_at.saturating_sub(unix_now());
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        }
        add_rate_headers(state, response.headers_mut());
        return response;
    }
    let is_get = request.method() == Method::GET;
    let mut response = next.run(request).await;
    if write && response.status().is_success() {
        response = applied(state, response);
    }
    if !(is_get && style.etags && response.status() == StatusCode::OK) {
        state.knobs.spend();
        let mut response = response;
        add_rate_headers(state, response.headers_mut());
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let etag = etag_of(&bytes);
    let unchanged = if_none_match
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    parts.headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("an ETag of hex digits is a header value"),
    );
    if unchanged {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
            .headers_mut()
            .insert(header::ETAG, parts.headers[header::ETAG].clone());
        add_rate_headers(state, response.headers_mut());
        return response;
    }
    state.knobs.spend();
    add_rate_headers(state, &mut parts.headers);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// The answer to a write the route applied: what waits for a write is set off, and a garbled
/// body queued for it replaces the route's (same status and headers).
fn applied<D>(state: &FakeState<D>, response: Response) -> Response {
    let Some(garbled) = state.knobs.write_applied() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(garbled))
}

/// One of the middleware's own refusals, in the provider's error shape.
fn refusal(style: &Style, status: StatusCode, message: &str) -> Response {
    (status, axum::Json((style.error_body)(message))).into_response()
}

fn add_rate_headers<D>(state: &FakeState<D>, headers: &mut HeaderMap) {
    let Some(quota) = state.knobs.current_quota() else {
        return;
    };
    let prefix = state.style.rate_limit_prefix;
    let reset = match state.style.reset {
        ResetWritten::UnixSeconds => quota.resets_at.to_string(),
        ResetWritten::UnixMillis => (quota.resets_at * 1000).to_string(),
        ResetWritten::UtcTime => utc_time(quota.resets_at),
    };
    for (name, value) in [
        ("limit", quota.limit.to_string()),
        ("remaining", quota.remaining.to_string()),
        ("reset", reset),
    ] {
        let name = axum::http::HeaderName::try_from(format!("{prefix}{name}"))
            .expect("rate-limit header names are valid");
        headers.insert(
            name,
            HeaderValue::try_from(value).expect("numbers and times are header values"),
        );
    }
}

/// Unix seconds as `yyyy-MM-ddTHH:mm:ssZ`.
fn utc_time(unix_seconds: u64) -> String {
    let (year, month, day) = civil_from_days((unix_seconds / 86_400) as i64);
    let of_day = unix_seconds % 86_400;
    let (hour, minute, second) = (of_day / 3600, (of_day % 3600) / 60, of_day % 60);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

fn etag_of(body: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

#[cfg(test)]
#[path = "server_tests.rs"]
mod tests;
