//! The validators store: answers found only under the scope and URL that kept them, forgotten
//! on request, bounded by bytes for every instance together, and counted.

use super::*;
use bytes::Bytes;
use mosaic_plugin::ValidatorScope;

const ISSUE: &str = "https://api.github.com/repos/acme/api/issues/1";

fn scope(fingerprint: &str) -> ValidatorScope {
    ValidatorScope::new("github", fingerprint)
}

fn validated(etag: &str, body: &'static [u8]) -> Validated {
    Validated {
        etag: etag.to_owned(),
        body: Bytes::from_static(body),
        next_cursor: Some("2".into()),
    }
}

#[tokio::test]
async fn an_answer_is_found_under_its_scope_and_url_only() {
    let store = ValidatorStore::new(1024 * 1024);
    let key = scope("token-a").key(ISSUE);
    store
        .keep(key.clone(), validated("\"v1\"", b"{\"n\":1}"))
        .await;

    let found = store.get(&key).await;
    assert_eq!(found.as_deref(), Some(&validated("\"v1\"", b"{\"n\":1}")));
    assert_eq!(store.get(&scope("token-b").key(ISSUE)).await, None);
    let other_instance = ValidatorScope::new("gitea", "token-a").key(ISSUE);
    assert_eq!(store.get(&other_instance).await, None);
    assert_eq!(
        store
            .get(&scope("token-a").key(format!("{ISSUE}?page=2")))
            .await,
        None
    );

    store.forget(&key).await;
    assert_eq!(store.get(&key).await, None);
}

#[tokio::test]
async fn one_bound_in_bytes_holds_for_every_instance_together() {
    const BODY: &[u8] = &[b'x'; 1000];
    let store = ValidatorStore::new(10_000);
    for n in 0..40 {
        let scope = ValidatorScope::new(format!("forge-{}", n % 4), "f");
        store
            .keep(
                scope.key(format!("{ISSUE}?n={n}")),
                validated("\"e\"", BODY),
            )
            .await;
    }
    store.run_pending_tasks().await;
    let stats = store.stats();
    assert!(stats.bytes <= 10_000, "{stats:?}");
    assert!(stats.entries < 40, "{stats:?}");
    assert!(stats.entries > 0, "{stats:?}");
}

#[tokio::test]
async fn a_zero_bound_keeps_nothing() {
    let store = ValidatorStore::new(0);
    let key = scope("f").key(ISSUE);
    store.keep(key.clone(), validated("\"v1\"", b"{}")).await;
    assert_eq!(store.get(&key).await, None);
}

#[tokio::test]
async fn hits_and_revalidations_are_counted() {
    let store = ValidatorStore::new(1024 * 1024);
    let key = scope("f").key(ISSUE);
    assert_eq!(store.get(&key).await, None);
    store.keep(key.clone(), validated("\"v1\"", b"{}")).await;
    assert!(store.get(&key).await.is_some());
    store.revalidated(&key);
    store.run_pending_tasks().await;

    let stats = store.stats();
    assert_eq!((stats.hits, stats.revalidations, stats.entries), (1, 1, 1));
    assert!(stats.bytes >= ISSUE.len() as u64, "{stats:?}");
}
