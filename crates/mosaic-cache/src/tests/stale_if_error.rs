//! When every candidate fails, an answer past its TTL but within `stale_for` is served, marked
//! stale with the error; past `stale_for`, or with no answer at all, the error is returned.

use super::*;
use std::time::Duration;
use tokio::time::advance;

async fn fail(cache: &AnswerCache, key: &CacheKey) -> Result<Served<Upstream>, Arc<Upstream>> {
    cache
        .get_or_fetch(key, CacheClass::Standard, || async {
            Err::<Fill, _>(Upstream("github: 503"))
        })
        .await
}

#[tokio::test(start_paused = true)]
async fn a_stale_answer_is_served_when_the_fetch_fails() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    advance(Duration::from_secs(45)).await;

    let served = fail(&cache, &key)
        .await
        .unwrap_or_else(|error| panic!("{error:?}"));
    match &served.origin {
        Origin::Stale { age, error, .. } => {
            assert_eq!(*age, Duration::from_secs(45));
            assert_eq!(**error, Upstream("github: 503"));
        }
        other => panic!("expected stale, got {other:?}"),
    }
    assert!(served.origin.from_cache());
    assert_eq!(marker(&served), "v1");
    assert_eq!(served.answer.instance, "gh");
    assert_eq!(cache.stats().stale_serves, 1);
}

#[tokio::test(start_paused = true)]
async fn a_refresh_that_succeeds_replaces_the_stale_answer() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    advance(Duration::from_secs(45)).await;

    let served = cache
        .get_or_fetch(&key, CacheClass::Standard, || async {
            Ok::<_, Upstream>(fill(&op, "gitea-mirror", "v2"))
        })
        .await
        .unwrap_or_else(|error| panic!("{error:?}"));
    assert!(matches!(served.origin, Origin::Fetched));
    assert_eq!(served.answer.instance, "gitea-mirror");

    advance(Duration::from_secs(29)).await;
    assert!(
        is_fresh(&cache.lookup(&key).await),
        "the new answer lives a full TTL"
    );
}

#[tokio::test(start_paused = true)]
async fn past_its_stale_window_the_error_is_returned() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    advance(Duration::from_secs(330)).await;

    let error = fail(&cache, &key).await.err();
    assert_eq!(error.as_deref(), Some(&Upstream("github: 503")));
    assert_eq!(cache.stats().stale_serves, 0);
}

#[tokio::test(start_paused = true)]
async fn with_nothing_cached_the_error_is_returned() {
    let cache = cache();
    let key = key_for(&local(), &issues_of("acme/api"));
    let error = fail(&cache, &key).await.err();
    assert_eq!(error.as_deref(), Some(&Upstream("github: 503")));
}
