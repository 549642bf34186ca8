use super::*;
use mosaic_core::{OpId, Output};
use mosaic_gateway::{Attempt, Served};
use serde_json::json;
use std::sync::Arc;

fn answer(source: Source, stale: bool) -> CallAnswer {
    CallAnswer {
        output: Arc::new(Output::from_json(OpId::KbSpacesList, json!({"items": []})).unwrap()),
        served: Served {
            instance: "confluence".into(),
            source,
            age_ms: 2500,
            stale,
            rule: Some("kb".into()),
            reasons: Vec::new(),
            failed_over: vec![Attempt {
                instance: "notion".into(),
                code: "unavailable",
                message: "down".into(),
            }],
        },
    }
}

fn conditional(tags: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(tags).unwrap());
    headers
}

#[test]
fn reads_carry_a_validator_and_revalidate_weakly() {
    let fresh = read(
        CacheClass::Stable,
        &answer(Source::Provider, false),
        &HeaderMap::new(),
    );
    assert_eq!(fresh.status(), StatusCode::OK);
    let headers = fresh.headers();
    assert_eq!(headers[header::CACHE_CONTROL], "private, max-age=300");
    assert_eq!(headers["x-mosaic-cache"], "miss");
    assert_eq!(headers["x-mosaic-failed-over"], "notion");
    assert_eq!(headers[header::AGE], "2");
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");
    for tags in [
        etag.clone(),
        format!("W/{etag}"),
        format!("\"other\", {etag}"),
        "*".into(),
    ] {
        let again = read(
            CacheClass::Stable,
            &answer(Source::L1, false),
            &conditional(&tags),
        );
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{tags}");
        assert_eq!(again.headers()[header::ETAG], etag.as_str());
        assert_eq!(again.headers()["x-mosaic-cache"], "hit");
    }
    let changed = read(
        CacheClass::Stable,
        &answer(Source::L1, true),
        &conditional("\"other\""),
    );
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(changed.headers()["x-mosaic-cache"], "stale");
}

#[test]
fn an_answer_from_the_cache_names_its_tier() {
    let none = HeaderMap::new();
    let fetched = read(
        CacheClass::Standard,
        &answer(Source::Provider, false),
        &none,
    );
    assert!(fetched.headers().get("x-mosaic-cache-tier").is_none());
    for (source, tier) in [(Source::L1, "l1"), (Source::L2, "l2")] {
        let hit = read(CacheClass::Standard, &answer(source, false), &none);
        assert_eq!(hit.headers()["x-mosaic-cache"], "hit");
        assert_eq!(hit.headers()["x-mosaic-cache-tier"], tier);
        let stale = read(CacheClass::Standard, &answer(source, true), &none);
        assert_eq!(stale.headers()["x-mosaic-cache"], "stale");
        assert_eq!(stale.headers()["x-mosaic-cache-tier"], tier);
    }
}

#[test]
fn writes_are_never_stored() {
    let response = write(&answer(Source::Provider, false));
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    assert!(response.headers().get(header::ETAG).is_none());
    assert_eq!(max_age(CacheClass::Volatile), 5);
    assert_eq!(max_age(CacheClass::Standard), 30);
}
