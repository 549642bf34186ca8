//! Stateful flows of the kb kind: search with excerpts, pages created and versioned.

use super::*;
use OpId::*;

fn titles(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|p| p["title"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn search_ignores_case_puts_title_hits_first_and_excerpts_the_hit() {
    let sim = instance(json!({})).await;
    let spaces = ok(&*sim, KbSpacesList, json!({})).await;
    assert_eq!(
        spaces["items"][1],
        json!({"id": spaces["items"][1]["id"], "key": "OPS", "name": "Operations", "web_url": "https://sim.local/wiki/OPS"})
    );
    let hits = ok(&*sim, KbPagesSearch, json!({"query": "ON-CALL"})).await;
    assert_eq!(
        titles(&hits),
        ["On-call guide", "Incident response runbook"]
    );
    let excerpt = hits["items"][1]["excerpt"].as_str().unwrap_or_default();
    assert!(
        excerpt.contains("on-call engineer") && !excerpt.contains('\n'),
        "{excerpt}"
    );
    let in_eng = ok(
        &*sim,
        KbPagesSearch,
        json!({"query": "on-call", "space": "ENG"}),
    )
    .await;
    assert_eq!(titles(&in_eng), Vec::<String>::new());
    let (all, pages) = all_pages(&*sim, KbPagesSearch, json!({"query": "e"}), 2).await;
    assert_eq!((all.len(), pages), (9, 5));
    let error = fails(&*sim, KbPagesSearch, json!({"query": "x", "space": "HR"})).await;
    assert_eq!(error, ProviderError::NotFound("space `HR`".into()));
}

#[tokio::test]
async fn pages_are_created_found_and_updated_by_version() {
    let sim = instance(json!({})).await;
    let parent = ok(
        &*sim,
        KbPagesSearch,
        json!({"query": "Engineering handbook"}),
    )
    .await["items"][0]["id"]
        .clone();
    let page = ok(&*sim, KbPagesCreate, json!({"space": "ENG", "title": "Sim testing", "body": "How the simulator fakes providers.", "parent_id": parent})).await;
    assert_eq!(
        (page["version"].clone(), page["parent_id"].clone()),
        (json!(1), parent)
    );
    let id = page["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        page["web_url"],
        format!("https://sim.local/wiki/ENG/pages/{id}")
    );
    assert_eq!(
        ok(&*sim, KbPagesGet, json!({"space": "ENG", "page_id": id})).await,
        page
    );
    let found = ok(&*sim, KbPagesSearch, json!({"query": "fakes PROVIDERS"})).await;
    assert_eq!(titles(&found), ["Sim testing"]);
    let updated = ok(
        &*sim,
        KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "body": "Rewritten.", "version": 1}),
    )
    .await;
    assert_eq!(
        (
            updated["version"].clone(),
            updated["body"].clone(),
            updated["title"].clone()
        ),
        (json!(2), json!("Rewritten."), json!("Sim testing"))
    );
    let stale = fails(
        &*sim,
        KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "title": "Late", "version": 1}),
    )
    .await;
    assert_eq!(
        stale,
        ProviderError::Conflict(format!(
            "page `{id}` is at version 2, the update was based on version 1"
        ))
    );
    let unversioned = ok(
        &*sim,
        KbPagesUpdate,
        json!({"space": "ENG", "page_id": id, "title": "Sim tests"}),
    )
    .await;
    assert_eq!(unversioned["version"], 3);
    let nothing = fails(&*sim, KbPagesUpdate, json!({"space": "ENG", "page_id": id})).await;
    assert_eq!(nothing.code(), "invalid_input");
}

#[tokio::test]
async fn missing_spaces_pages_and_parents_are_not_found() {
    let sim = instance(json!({})).await;
    let error = fails(
        &*sim,
        KbPagesGet,
        json!({"space": "ENG", "page_id": "999999"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound("page `999999` in space ENG".into())
    );
    let error = fails(
        &*sim,
        KbPagesCreate,
        json!({"space": "HR", "title": "x", "body": ""}),
    )
    .await;
    assert_eq!(error, ProviderError::NotFound("space `HR`".into()));
    let error = fails(
        &*sim,
        KbPagesCreate,
        json!({"space": "OPS", "title": "x", "body": "", "parent_id": "1"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::NotFound("parent page `1` in space OPS".into())
    );
    let ops_page = ok(&*sim, KbPagesSearch, json!({"query": "Deploy checklist"})).await["items"][0]
        ["id"]
        .clone();
    let error = fails(
        &*sim,
        KbPagesGet,
        json!({"space": "ENG", "page_id": ops_page}),
    )
    .await;
    assert_eq!(error.code(), "not_found");
}
