//! Successful answers as HTTP responses: the body is exactly the operation's output; how it
//! was served travels in headers; reads are cacheable by HTTP caches (`ETag`, `Cache-Control`
//! with the cache class's TTL and stale windows, `Vary`, `304` on `If-None-Match`), shared
//! caches included for answers the gateway found public (`mosaic_gateway::sharing`); writes
//! are not cacheable.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_cache::{ClassPolicy, SURROGATE_KEY_HEADER, surrogate_keys};
use mosaic_gateway::{CallAnswer, Sharing, Source};
use sha2::{Digest, Sha256};

/// The request headers a private answer depends on besides its URL: the credential (tenant,
/// principal and credential scope come from it) and the routing hints.
const PRIVATE_VARY: &str = "authorization, x-mosaic-region, x-mosaic-labels";

/// `Cache-Control` of a read, from the cache class's policy in the gateway (`None`: never
/// stored) and whether the answer may be shared (`Sharing`, decided by the gateway):
/// - public: `public, max-age=T, s-maxage=T, stale-while-revalidate=W, stale-if-error=S`;
/// - private: `private, max-age=T, stale-while-revalidate=W, stale-if-error=S`;
/// - never stored: `no-store`; served stale because every provider failed: `private,
///   no-cache` (kept only by the caller, and asked for again before any reuse).
///
/// `T` is the class's TTL, `S` its `stale_for` (as long as the gateway itself would serve it
/// when every provider fails), `W` the shorter of the two: a cache may answer at once with a
/// stale copy while it fetches a fresh one, for at most one more TTL.
pub fn cache_control(policy: Option<ClassPolicy>, sharing: &Sharing, stale: bool) -> String {
    let Some(policy) = policy else {
        return "no-store".to_owned();
    };
    if stale {
        return "private, no-cache".to_owned();
    }
    let ttl = policy.ttl.as_secs();
    let stale_for = policy.stale_for.as_secs();
    let revalidate = ttl.min(stale_for);
    let windows = format!("stale-while-revalidate={revalidate}, stale-if-error={stale_for}");
    if sharing.public {
        format!("public, max-age={ttl}, s-maxage={ttl}, {windows}")
    } else {
        format!("private, max-age={ttl}, {windows}")
    }
}

/// A read's answer with `ETag`, `Cache-Control` and `Vary` (and, when public, its surrogate
/// keys in `xkey`, so a write's purge reaches shared copies), or `304 Not Modified` when the
/// caller's `If-None-Match` names the current entity tag.
pub fn read(policy: Option<ClassPolicy>, answer: &CallAnswer, request: &HeaderMap) -> Response {
    let body = answer.output.to_json().to_string();
    // A strong validator: the same bytes always give the same tag, and any change a new one.
    let etag = format!("\"{}\"", hex(&Sha256::digest(body.as_bytes())[..16]));
    let mut response = if matches_etag(request, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    let headers = response.headers_mut();
    provenance(headers, answer);
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    let sharing = &answer.sharing;
    let control = cache_control(policy, sharing, answer.served.stale);
    if let Ok(value) = HeaderValue::from_str(&control) {
        headers.insert(header::CACHE_CONTROL, value);
    }
    if sharing.public && !answer.served.stale {
        // Shared alike by every caller: the answer depends on no request header.
        if let Ok(keys) = HeaderValue::from_str(&surrogate_keys(&sharing.tags)) {
            headers.insert(SURROGATE_KEY_HEADER, keys);
        }
    } else {
        headers.insert(header::VARY, HeaderValue::from_static(PRIVATE_VARY));
    }
    response
}

/// A write's answer: never stored by HTTP caches.
pub fn write(answer: &CallAnswer) -> Response {
    let mut response = axum::Json(answer.output.to_json()).into_response();
    let headers = response.headers_mut();
    provenance(headers, answer);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Whether `If-None-Match` names `etag` (or is `*`). The comparison is weak, as RFC 9110
/// §13.1.2 requires for `If-None-Match`: `W/"x"` matches `"x"`.
fn matches_etag(request: &HeaderMap, etag: &str) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|tags| tags.split(','))
        .map(|tag| tag.trim())
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

/// `X-Mosaic-Instance`, `X-Mosaic-Cache` (`hit`, `miss` or `stale`), `X-Mosaic-Cache-Tier`
/// (`l1` or `l2`, for an answer from the cache), `Age` (seconds since the provider answered),
/// `X-Mosaic-Rule` and `X-Mosaic-Failed-Over` (instances tried first).
fn provenance(headers: &mut HeaderMap, answer: &CallAnswer) {
    let served = &answer.served;
    if let Ok(value) = HeaderValue::from_str(&served.instance) {
        headers.insert("x-mosaic-instance", value);
    }
    let cache = match (served.source, served.stale) {
        (_, true) => "stale",
        (Source::L1 | Source::L2, false) => "hit",
        (Source::Provider, false) => "miss",
    };
    headers.insert("x-mosaic-cache", HeaderValue::from_static(cache));
    if served.source != Source::Provider {
        headers.insert(
            "x-mosaic-cache-tier",
            HeaderValue::from_static(served.source.as_str()),
        );
    }
    headers.insert(header::AGE, HeaderValue::from(served.age_ms / 1000));
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
#[path = "answer_tests.rs"]
mod tests;
