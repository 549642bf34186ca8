//! Datasets: shared by name between instances, separate otherwise, seeded or empty.

use super::*;
use OpId::*;

#[tokio::test]
async fn instances_naming_one_dataset_see_each_others_writes() {
    let dataset = fresh_dataset();
    let primary = build(json!({"dataset": dataset})).await;
    let mirror = build(json!({"dataset": dataset, "latency": {"mean": "1ms"}})).await;
    let other = instance(json!({})).await;
    let created = ok(
        &*primary,
        GitIssuesCreate,
        json!({"repo": "acme/web", "title": "Shared"}),
    )
    .await;
    let seen = ok(
        &*mirror,
        GitIssuesGet,
        json!({"repo": "acme/web", "number": created["number"]}),
    )
    .await;
    assert_eq!(seen, created);
    let error = fails(
        &*other,
        GitIssuesGet,
        json!({"repo": "acme/web", "number": created["number"]}),
    )
    .await;
    assert_eq!(error.code(), "not_found");
    ok(
        &*mirror,
        KbPagesCreate,
        json!({"space": "OPS", "title": "Mirror write", "body": "x"}),
    )
    .await;
    let found = ok(&*primary, KbPagesSearch, json!({"query": "Mirror write"})).await;
    assert_eq!(found["items"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_dataset_defaults_to_the_instance_name() {
    let builder = |seed: bool| {
        SimPlugin::default()
            .validate(&json!({"seed": seed}))
            .expect("valid")
    };
    let name = fresh_dataset();
    let first = builder(true)
        .build(&mosaic_plugin::BuildContext::new(name.as_str()))
        .await
        .expect("builds");
    let second = builder(false)
        .build(&mosaic_plugin::BuildContext::new(name.as_str()))
        .await
        .expect("builds");
    ok(
        &*first,
        PmIssuesCreate,
        json!({"project": "OPS", "title": "Named"}),
    )
    .await;
    let found = ok(&*second, PmIssuesSearch, json!({"text": "Named"})).await;
    assert_eq!(found["items"][0]["key"], "OPS-6");
}

#[tokio::test]
async fn an_unseeded_dataset_starts_empty() {
    let sim = instance(json!({"seed": false})).await;
    for (op, arguments) in [
        (GitReposList, json!({})),
        (KbSpacesList, json!({})),
        (PmProjectsList, json!({})),
        (PmIssuesSearch, json!({})),
    ] {
        let page = ok(&*sim, op, arguments).await;
        assert_eq!(page, json!({"items": []}), "{}", op.name());
    }
    assert_eq!(
        fails(&*sim, CiRunsList, json!({"repo": "acme/api"}))
            .await
            .code(),
        "not_found"
    );
}
