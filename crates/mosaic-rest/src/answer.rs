//! Successful answers as HTTP responses: the body is exactly the operation's output; how it
//! was served travels in headers; reads are cacheable by HTTP caches (`ETag`, `Cache-Control`,
//! `304` on `If-None-Match`), writes are not.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_core::CacheClass;
use mosaic_gateway::{CallAnswer, Source};
use sha2::{Digest, Sha256};

/// How long HTTP caches may keep a read of each cache class, in seconds. The gateway's own
/// cache TTLs are configurable; these are the defaults, short enough that a shared cache in
/// front never serves much older data than the gateway itself would.
pub fn max_age(class: CacheClass) -> u32 {
    match class {
        CacheClass::NoStore => 0,
        CacheClass::Volatile => 5,
        CacheClass::Standard => 30,
        CacheClass::Stable => 300,
    }
}

/// A read's answer with `ETag` and `Cache-Control`, or `304 Not Modified` when the caller's
/// `If-None-Match` names the current entity tag.
pub fn read(class: CacheClass, answer: &CallAnswer, request: &HeaderMap) -> Response {
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
    // `private`: answers are scoped to the caller's tenant and credentials (DESIGN.md, Caching),
    // so only the caller's own cache may keep them.
    if let Ok(value) = HeaderValue::from_str(&format!("private, max-age={}", max_age(class))) {
        headers.insert(header::CACHE_CONTROL, value);
    }
    headers.insert(header::VARY, HeaderValue::from_static("authorization"));
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
