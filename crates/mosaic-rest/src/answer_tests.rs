use super::*;
use mosaic_core::{OpId, Output};
use mosaic_gateway::{Attempt, Served};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// The default policy of the `stable` class: fresh 300 s, stale 3600 s.
const STABLE: Option<ClassPolicy> = Some(ClassPolicy::new(
    Duration::from_secs(300),
    Duration::from_secs(3600),
));
/// The default policy of the `standard` class: fresh 30 s, stale 300 s.
const STANDARD: Option<ClassPolicy> = Some(ClassPolicy::new(
    Duration::from_secs(30),
    Duration::from_secs(300),
));

fn public(mut answer: CallAnswer) -> CallAnswer {
    answer.sharing = Sharing {
        public: true,
        tags: vec!["kb:spaces".into()],
    };
    answer
}

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
        sharing: Sharing::default(),
    }
}

fn conditional(tags: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(tags).unwrap());
    headers
}

#[test]
fn reads_carry_a_validator_and_revalidate_weakly() {
    let fresh = read(STABLE, &answer(Source::Provider, false), &HeaderMap::new());
    assert_eq!(fresh.status(), StatusCode::OK);
    let headers = fresh.headers();
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "private, max-age=300, stale-while-revalidate=300, stale-if-error=3600"
    );
    assert_eq!(
        headers[header::VARY],
        "authorization, x-mosaic-region, x-mosaic-labels"
    );
    assert!(headers.get(SURROGATE_KEY_HEADER).is_none());
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
        let again = read(STABLE, &answer(Source::L1, false), &conditional(&tags));
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{tags}");
        assert_eq!(again.headers()[header::ETAG], etag.as_str());
        assert_eq!(again.headers()["x-mosaic-cache"], "hit");
    }
    let changed = read(STABLE, &answer(Source::L1, true), &conditional("\"other\""));
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(changed.headers()["x-mosaic-cache"], "stale");
}

#[test]
fn an_answer_from_the_cache_names_its_tier() {
    let none = HeaderMap::new();
    let fetched = read(STANDARD, &answer(Source::Provider, false), &none);
    assert!(fetched.headers().get("x-mosaic-cache-tier").is_none());
    for (source, tier) in [(Source::L1, "l1"), (Source::L2, "l2")] {
        let hit = read(STANDARD, &answer(source, false), &none);
        assert_eq!(hit.headers()["x-mosaic-cache"], "hit");
        assert_eq!(hit.headers()["x-mosaic-cache-tier"], tier);
        let stale = read(STANDARD, &answer(source, true), &none);
        assert_eq!(stale.headers()["x-mosaic-cache"], "stale");
        assert_eq!(stale.headers()["x-mosaic-cache-tier"], tier);
    }
}

#[test]
fn writes_are_never_stored() {
    let response = write(&answer(Source::Provider, false));
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    assert!(response.headers().get(header::ETAG).is_none());
}

#[test]
fn a_public_answer_is_shared_with_its_surrogate_keys_and_no_vary() {
    let response = read(
        STANDARD,
        &public(answer(Source::Provider, false)),
        &HeaderMap::new(),
    );
    let headers = response.headers();
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "public, max-age=30, s-maxage=30, stale-while-revalidate=30, stale-if-error=300"
    );
    assert_eq!(
        headers[SURROGATE_KEY_HEADER],
        mosaic_cache::surrogate_key("kb:spaces").as_str()
    );
    assert!(headers.get(header::VARY).is_none());
    // Revalidated alike: a shared cache's conditional request gets the same headers.
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    let again = read(
        STANDARD,
        &public(answer(Source::L1, false)),
        &conditional(&etag),
    );
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        again.headers()[header::CACHE_CONTROL],
        headers[header::CACHE_CONTROL]
    );
}

#[test]
fn stale_and_unstored_answers_are_not_reused_unchecked() {
    let stale = read(
        STANDARD,
        &public(answer(Source::L1, true)),
        &HeaderMap::new(),
    );
    assert_eq!(stale.headers()[header::CACHE_CONTROL], "private, no-cache");
    assert!(stale.headers().get(SURROGATE_KEY_HEADER).is_none());
    assert_eq!(
        stale.headers()[header::VARY],
        "authorization, x-mosaic-region, x-mosaic-labels"
    );
    let never = read(None, &answer(Source::Provider, false), &HeaderMap::new());
    assert_eq!(never.headers()[header::CACHE_CONTROL], "no-store");
}
