//! Writes invalidate by tags: a read right after a write misses, across-resource listings are
//! invalidated too, and a fetch that started before a write never stores its older answer.

use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::oneshot;

fn write_tags(op: &Operation) -> Vec<String> {
    op.spec().write_tags(&op.resource())
}

fn search(project: Option<&str>) -> Operation {
    let arguments = match project {
        Some(project) => json!({ "project": project }),
        None => json!({}),
    };
    operation(OpId::PmIssuesSearch, arguments)
}

#[tokio::test(start_paused = true)]
async fn a_read_right_after_a_write_misses() {
    let cache = cache();
    let context = local();
    let list = issues_of("acme/api");
    let one = operation(
        OpId::GitIssuesGet,
        json!({ "repo": "acme/api", "number": 7 }),
    );
    let pulls = operation(OpId::GitPullsList, json!({ "repo": "acme/api" }));
    let elsewhere = issues_of("acme/web");
    for op in [&list, &pulls, &elsewhere] {
        put(
            &cache,
            &key_for(&context, op),
            CacheClass::Standard,
            fill(op, "gh", "v1"),
        )
        .await;
    }
    let one_output = Output::from_json(
        OpId::GitIssuesGet,
        json!({ "id": "1", "number": 7, "title": "t", "body": null, "state": "open",
                "author": null, "assignees": [], "labels": [], "comments": 0,
                "created_at": null, "updated_at": null, "web_url": "https://example.test/7" }),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let one_fill = Fill {
        output: Arc::new(one_output),
        instance: "gh".into(),
        tags: vec![one.spec().read_tag(&one.resource())],
        jurisdiction: None,
    };
    put(
        &cache,
        &key_for(&context, &one),
        CacheClass::Standard,
        one_fill,
    )
    .await;

    let create = operation(
        OpId::GitIssuesCreate,
        json!({ "repo": "acme/api", "title": "bug" }),
    );
    cache.invalidate_tags(&write_tags(&create)).await;

    assert!(is_miss(&cache.lookup(&key_for(&context, &list)).await));
    assert!(is_miss(&cache.lookup(&key_for(&context, &one)).await));
    assert!(
        is_fresh(&cache.lookup(&key_for(&context, &pulls)).await),
        "other collection"
    );
    assert!(
        is_fresh(&cache.lookup(&key_for(&context, &elsewhere)).await),
        "other repository"
    );
    assert_eq!(cache.stats().invalidations, 1);
}

#[tokio::test(start_paused = true)]
async fn a_write_invalidates_listings_across_resources() {
    let cache = cache();
    let context = local();
    let across = search(None);
    let proj = search(Some("PROJ"));
    let other = search(Some("OTHER"));
    assert_eq!(across.spec().read_tag(&across.resource()), "pm:*:workitems");
    for op in [&across, &proj, &other] {
        put(
            &cache,
            &key_for(&context, op),
            CacheClass::Standard,
            fill(op, "jira", "v1"),
        )
        .await;
    }

    let transition = operation(
        OpId::PmIssuesTransition,
        json!({ "key": "PROJ-12", "to": "Done" }),
    );
    cache.invalidate_tags(&write_tags(&transition)).await;

    assert!(is_miss(&cache.lookup(&key_for(&context, &across)).await));
    assert!(is_miss(&cache.lookup(&key_for(&context, &proj)).await));
    assert!(is_fresh(&cache.lookup(&key_for(&context, &other)).await));
}

#[tokio::test(start_paused = true)]
async fn invalidated_answers_are_not_served_stale_and_are_reclaimed() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    put(&cache, &key, CacheClass::Standard, fill(&op, "gh", "v1")).await;
    cache.run_pending_tasks().await;
    assert_eq!(cache.stats().entries, 1);

    let create = operation(
        OpId::GitIssuesCreate,
        json!({ "repo": "acme/api", "title": "bug" }),
    );
    cache.invalidate_tags(&write_tags(&create)).await;
    cache.run_pending_tasks().await;
    assert_eq!(cache.stats().entries, 0);

    let served = cache
        .get_or_fetch(&key, CacheClass::Standard, || async {
            Err::<Fill, _>(Upstream("down"))
        })
        .await;
    assert_eq!(served.err().as_deref(), Some(&Upstream("down")));
}

#[tokio::test(start_paused = true)]
async fn a_fetch_that_started_before_a_write_does_not_store_its_answer() {
    let cache = cache();
    let op = issues_of("acme/api");
    let key = key_for(&local(), &op);
    let (started_tx, started_rx) = oneshot::channel::<()>();
    let (release_tx, release_rx) = oneshot::channel::<()>();

    let reader = tokio::spawn({
        let (cache, key, fill) = (cache.clone(), key.clone(), fill(&op, "gh", "before-write"));
        async move {
            cache
                .get_or_fetch(&key, CacheClass::Standard, || async move {
                    let _ = started_tx.send(());
                    let _ = release_rx.await;
                    Ok::<_, Upstream>(fill)
                })
                .await
        }
    });
    started_rx
        .await
        .unwrap_or_else(|_| panic!("the fetch never started"));
    let create = operation(
        OpId::GitIssuesCreate,
        json!({ "repo": "acme/api", "title": "bug" }),
    );
    cache.invalidate_tags(&write_tags(&create)).await;
    let _ = release_tx.send(());

    let served = reader.await.unwrap_or_else(|error| panic!("{error}"));
    let served = served.unwrap_or_else(|error| panic!("{error:?}"));
    assert!(
        matches!(served.origin, Origin::Fetched),
        "its caller still gets it"
    );
    assert!(is_miss(&cache.lookup(&key).await), "but it is not stored");

    // A fetch that starts after the write is stored as usual.
    let fetches = AtomicUsize::new(0);
    for _ in 0..2 {
        let served = cache
            .get_or_fetch(&key, CacheClass::Standard, || async {
                fetches.fetch_add(1, Ordering::SeqCst);
                Ok::<_, Upstream>(fill(&op, "gh", "after-write"))
            })
            .await;
        assert_eq!(
            served.map(|served| marker(&served)).ok().as_deref(),
            Some("after-write")
        );
    }
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
}
