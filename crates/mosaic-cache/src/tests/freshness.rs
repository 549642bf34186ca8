//! Fresh, stale and expired by time and by cache class; scoping by tenant, credentials and
//! pinned instance.

use super::*;
use crate::{CacheSettings, ClassPolicies, ClassPolicy};
use std::time::Duration;
use tokio::time::advance;

#[tokio::test(start_paused = true)]
async fn an_answer_is_fresh_then_stale_then_gone() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(
        &cache,
        &key,
        CacheClass::Standard,
        fill(&op, "github", "v1"),
    )
    .await;

    advance(Duration::from_secs(29)).await;
    match cache.lookup(&key).await {
        Lookup::Fresh { answer, age } => {
            assert_eq!(age, Duration::from_secs(29));
            assert_eq!(answer.instance, "github");
            assert_eq!(marker_of(&answer.output), "v1");
        }
        other => panic!("expected fresh, got {other:?}"),
    }

    advance(Duration::from_secs(1)).await;
    assert!(is_stale(&cache.lookup(&key).await), "past the 30 s TTL");
    advance(Duration::from_secs(299)).await;
    assert!(is_stale(&cache.lookup(&key).await), "within 300 s stale");
    advance(Duration::from_secs(1)).await;
    assert!(is_miss(&cache.lookup(&key).await), "past TTL + stale_for");
}

#[tokio::test(start_paused = true)]
async fn each_class_keeps_its_own_ttl() {
    let cache = cache();
    let context = local();
    let runs = operation(OpId::CiRunsList, json!({ "repo": "acme/api" }));
    let issues = issues_of("acme/api");
    let pipelines = operation(OpId::CiPipelinesList, json!({ "repo": "acme/api" }));
    put(
        &cache,
        &key_for(&context, &runs),
        CacheClass::Volatile,
        fill(&runs, "gha", "r"),
    )
    .await;
    put(
        &cache,
        &key_for(&context, &issues),
        CacheClass::Standard,
        fill(&issues, "gh", "i"),
    )
    .await;
    put(
        &cache,
        &key_for(&context, &pipelines),
        CacheClass::Stable,
        fill(&pipelines, "gha", "p"),
    )
    .await;

    advance(Duration::from_secs(5)).await;
    assert!(is_stale(&cache.lookup(&key_for(&context, &runs)).await));
    assert!(is_fresh(&cache.lookup(&key_for(&context, &issues)).await));

    advance(Duration::from_secs(25)).await;
    assert!(is_stale(&cache.lookup(&key_for(&context, &issues)).await));
    assert!(is_fresh(
        &cache.lookup(&key_for(&context, &pipelines)).await
    ));

    advance(Duration::from_secs(36)).await;
    assert!(
        is_miss(&cache.lookup(&key_for(&context, &runs)).await),
        "volatile: 5 s + 60 s"
    );
    advance(Duration::from_secs(234)).await;
    assert!(
        is_stale(&cache.lookup(&key_for(&context, &pipelines)).await),
        "stable: 300 s"
    );
}

#[tokio::test(start_paused = true)]
async fn configured_durations_replace_the_defaults() {
    let settings = CacheSettings {
        max_entries: 100,
        classes: ClassPolicies {
            standard: ClassPolicy::new(Duration::from_secs(2), Duration::ZERO),
            ..ClassPolicies::default()
        },
        ..CacheSettings::default()
    };
    let cache = AnswerCache::new(settings);
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;

    advance(Duration::from_secs(1)).await;
    assert!(is_fresh(&cache.lookup(&key).await));
    advance(Duration::from_secs(1)).await;
    assert!(
        is_miss(&cache.lookup(&key).await),
        "no stale window configured"
    );
}

#[tokio::test(start_paused = true)]
async fn a_fresh_answer_is_served_without_fetching() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    advance(Duration::from_secs(3)).await;

    let served = cache
        .get_or_fetch(&key, CacheClass::Standard, || async {
            Err::<Fill, _>(Upstream("must not be called"))
        })
        .await;
    let served = served.unwrap_or_else(|error| panic!("expected a hit, got {error:?}"));
    assert!(matches!(served.origin, Origin::Hit { age, .. } if age == Duration::from_secs(3)));
    assert_eq!(marker(&served), "v1");
    let stats = cache.stats();
    assert_eq!((stats.hits, stats.fetches), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn no_store_answers_are_never_stored_nor_served() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    for round in ["one", "two"] {
        let served = cache
            .get_or_fetch(&key, CacheClass::NoStore, || async {
                Ok::<_, Upstream>(fill(&op, "gh", round))
            })
            .await;
        let served = served.unwrap_or_else(|error| panic!("{error:?}"));
        assert!(matches!(served.origin, Origin::Fetched));
        assert_eq!(marker(&served), round);
    }
    assert!(is_miss(&cache.lookup(&key).await));
    assert_eq!(cache.stats().fetches, 2);
}

#[tokio::test(start_paused = true)]
async fn answers_are_scoped_by_tenant_credentials_and_the_plans_instances() {
    let cache = cache();
    let op = issues_of("acme/api");
    let owner = local();
    put(
        &cache,
        &key_for(&owner, &op),
        CacheClass::Standard,
        fill(&op, "gh", "v1"),
    )
    .await;

    let other_tenant = RequestContext {
        tenant: "globex".into(),
        ..local()
    };
    let other_scope = RequestContext {
        credential_scope: "read-only-token".into(),
        ..local()
    };
    assert!(is_fresh(&cache.lookup(&key_for(&owner, &op)).await));
    assert!(is_miss(&cache.lookup(&key_for(&other_tenant, &op)).await));
    assert!(is_miss(&cache.lookup(&key_for(&other_scope, &op)).await));
    // Another plan (another rule, a pin): another instance answers it.
    let routed_elsewhere = CacheKey::for_call(&owner, &op, &["gitea"]);
    assert!(is_miss(&cache.lookup(&routed_elsewhere).await));
    assert!(is_miss(
        &cache.lookup(&key_for(&owner, &issues_of("acme/web"))).await
    ));
}
