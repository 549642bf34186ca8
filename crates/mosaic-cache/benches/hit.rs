//! What a cache hit costs in process, on a warm cache of 10,000 answers: the lookup alone with
//! a key at hand, the key built from a typed operation plus the lookup (what the gateway does
//! per read), and the whole `get_or_fetch` hit path.

use criterion::{Criterion, criterion_group, criterion_main};
use mosaic_cache::{AnswerCache, CacheKey, CacheSettings, Fill, Lookup};
use mosaic_core::{CacheClass, OpId, Operation, Output, RequestContext};
use serde_json::json;
use std::hint::black_box;
use std::sync::Arc;
use tokio::runtime::Runtime;

const ENTRIES: usize = 10_000;

fn operation(n: usize) -> Operation {
    let arguments = json!({ "repo": format!("acme/repo-{n}"), "labels": ["bug"], "per_page": 50 });
    Operation::parse(OpId::GitIssuesList, arguments).unwrap_or_else(|error| panic!("{error}"))
}

fn warm_cache(runtime: &Runtime, context: &RequestContext) -> AnswerCache {
    let cache = AnswerCache::new(CacheSettings {
        max_entries: 2 * ENTRIES as u64,
        ..CacheSettings::default()
    });
    let output = Arc::new(
        Output::from_json(OpId::GitIssuesList, json!({ "items": [] }))
            .unwrap_or_else(|error| panic!("{error}")),
    );
    runtime.block_on(async {
        for n in 0..ENTRIES {
            let key = CacheKey::for_call(context, &operation(n), &["github"]);
            let fill = Fill {
                output: Arc::clone(&output),
                instance: "github".into(),
                tags: vec![format!("git:acme/repo-{n}:issues")],
                jurisdiction: None,
            };
            let filled = cache
                .get_or_fetch(&key, CacheClass::Standard, || async { Ok::<_, ()>(fill) })
                .await;
            assert!(filled.is_ok());
        }
    });
    cache
}

fn hit(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let context = RequestContext::local("bench");
    let cache = warm_cache(&runtime, &context);
    let op = operation(ENTRIES / 2);
    let key = CacheKey::for_call(&context, &op, &["github"]);

    c.bench_function("lookup_hit_prebuilt_key", |b| {
        b.to_async(&runtime).iter(|| async {
            let found = cache.lookup(black_box(&key)).await;
            assert!(matches!(found, Lookup::Fresh { .. }));
        })
    });
    c.bench_function("key_build_and_lookup_hit", |b| {
        b.to_async(&runtime).iter(|| async {
            let key = CacheKey::for_call(&context, black_box(&op), &["github"]);
            let found = cache.lookup(&key).await;
            assert!(matches!(found, Lookup::Fresh { .. }));
        })
    });
    c.bench_function("get_or_fetch_hit", |b| {
        b.to_async(&runtime).iter(|| async {
            let served = cache
                .get_or_fetch(black_box(&key), CacheClass::Standard, || async {
                    Err::<Fill, ()>(())
                })
                .await;
            assert!(served.is_ok());
        })
    });
}

/// The design choice behind `CacheKey`: a full-text key with its hash computed once, against
/// a plain `String` key that moka hashes in full on every lookup.
fn key_kinds(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let context = RequestContext::local("bench");
    let keys: Vec<CacheKey> = (0..ENTRIES)
        .map(|n| CacheKey::for_call(&context, &operation(n), &["github"]))
        .collect();
    let by_key = moka::future::Cache::<CacheKey, u64>::new(2 * ENTRIES as u64);
    let by_text = moka::future::Cache::<String, u64>::new(2 * ENTRIES as u64);
    runtime.block_on(async {
        for (n, key) in keys.iter().enumerate() {
            by_key.insert(key.clone(), n as u64).await;
            by_text.insert(key.as_str().to_owned(), n as u64).await;
        }
    });
    let key = &keys[ENTRIES / 2];
    let text = key.as_str().to_owned();
    c.bench_function("moka_get_cache_key", |b| {
        b.to_async(&runtime)
            .iter(|| async { assert!(by_key.get(black_box(key)).await.is_some()) })
    });
    c.bench_function("moka_get_string_key", |b| {
        b.to_async(&runtime)
            .iter(|| async { assert!(by_text.get(black_box(&text)).await.is_some()) })
    });
}

criterion_group!(benches, hit, key_kinds);
criterion_main!(benches);
