//! What only Plane does of searches, against its fake (what every tracker does is the shared
//! suite of `shared.rs`): work items in key order with Plane's own cursors, the filters Plane
//! lacks applied on the client, searches across projects, and cursors it did not issue.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::tracker::Tracker;
use mosaic_testkit::adapter::tracker::{keys_in_order, search_all};
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::{Value, json};
use std::collections::BTreeSet;

#[tokio::test]
async fn a_project_pages_through_every_item_in_key_order() {
    let (server, provider) = suite().subject.seeded().await;
    let (items, pages) = all_pages(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "per_page": 20}),
    )
    .await;
    assert_eq!(pages, 3);
    let expected: Vec<String> = (1..=45).map(|n| format!("PLAT-{n}")).collect();
    assert_eq!(
        keys_in_order(&items),
        expected,
        "every item once, oldest number first"
    );
    // Unfiltered pages are exactly Plane's pages: one request each, cursors `20:PAGE:0`.
    let cursors: Vec<String> = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.ends_with("/work-items/"))
        .filter_map(|seen| seen.query.clone())
        .collect();
    assert_eq!(cursors.len(), 3, "{cursors:?}");
    assert!(cursors[2].contains("per_page=20") && cursors[2].contains("cursor=20%3A2%3A0"));
    let item = &items[5];
    assert_eq!(item["status"], "Todo");
    assert_eq!(item["status_category"], "todo");
    assert_eq!(item["labels"], json!(["bug"]));
    assert_eq!(item["assignee"], "ben@example.com");
    assert_eq!(item["priority"], "urgent");
    assert_eq!(item["description"], Value::Null);
    let web_url = item["web_url"].as_str().unwrap();
    assert!(
        web_url.starts_with(&format!("{}/acme/projects/", server.state().origin)),
        "{web_url}"
    );
    assert!(web_url.contains("/issues/"), "{web_url}");
}

#[tokio::test]
async fn filters_plane_lacks_are_applied_on_the_client() {
    let (server, provider) = suite().subject.seeded().await;
    let provider = provider.as_ref();
    let cancelled = search_all(
        provider,
        json!({"project": "PLAT", "status": ["cancelled"], "per_page": 4}),
    )
    .await;
    assert_eq!(cancelled.len(), 9);
    assert!(cancelled.iter().all(|i| i["status"] == "Won't Do"));
    // Even numbers that are multiples of three: 6, 12, …, 42.
    let labelled = search_all(
        provider,
        json!({"project": "PLAT", "labels": ["BUG"], "assignee": "ben@example.com"}),
    )
    .await;
    assert_eq!(
        keys_in_order(&labelled),
        [
            "PLAT-6", "PLAT-12", "PLAT-18", "PLAT-24", "PLAT-30", "PLAT-36", "PLAT-42"
        ]
    );
    let text = search_all(provider, json!({"project": "PLAT", "text": "ITEM 45"})).await;
    assert_eq!(keys_in_order(&text), ["PLAT-45"]);
    // User text is compared, never sent.
    let hostile = search_all(
        provider,
        json!({"project": "PLAT", "text": "pql=state&filters=x"}),
    )
    .await;
    assert!(hostile.is_empty());
    assert!(server.state().requests().iter().all(|seen| {
        seen.status == 200 && !seen.query.as_deref().unwrap_or("").contains("pql")
    }));
    let last = server
        .state()
        .data()
        .item("PLAT-45")
        .unwrap()
        .updated_at
        .clone();
    let recent = search_all(provider, json!({"project": "PLAT", "updated_since": last})).await;
    // PLAT-1's comments came after PLAT-45 was made.
    assert_eq!(keys_in_order(&recent), ["PLAT-1", "PLAT-45"]);
    let none = search_all(
        provider,
        json!({"project": "PLAT", "updated_since": "2030-01-01"}),
    )
    .await;
    assert!(none.is_empty());
}

#[tokio::test]
async fn a_filtered_page_may_be_short_while_the_cursor_goes_on() {
    let mut tracker = Tracker::seeded();
    for n in 0..600 {
        tracker.create_item("OPS", &format!("filler {n}"));
    }
    let (server, provider) = suite().subject.start(tracker).await;
    // Of 605 items only OPS-3 is done; one call reads at most 5 pages of 100.
    let first = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "OPS", "status": ["done"], "per_page": 10}),
    )
    .await
    .unwrap();
    assert_eq!(keys_in_order(first["items"].as_array().unwrap()), ["OPS-3"]);
    let cursor = first["next_cursor"].as_str().expect("more to read");
    assert!(cursor.ends_with(":500"), "{cursor}");
    let rest = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "OPS", "status": ["done"], "per_page": 10, "cursor": cursor}),
    )
    .await
    .unwrap();
    assert_eq!(rest["items"], json!([]));
    assert_eq!(rest.get("next_cursor"), None);
    let pages = server
        .state()
        .requests()
        .iter()
        .filter(|seen| seen.path.ends_with("/work-items/"))
        .count();
    assert_eq!(pages, 7, "5 pages of 100, then 2");
}

#[tokio::test]
async fn without_a_project_the_search_walks_every_project() {
    let (_server, provider) = suite().subject.seeded().await;
    let (items, pages) = all_pages(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"per_page": 20}),
    )
    .await;
    assert_eq!(items.len(), 55);
    assert_eq!(pages, 3);
    let projects: BTreeSet<&str> = items
        .iter()
        .map(|i| i["project"].as_str().unwrap())
        .collect();
    assert_eq!(projects, ["OPS", "PLAT", "WEB"].into());
    assert_eq!(keys_in_order(&items)[45], "WEB-1");
    let done = search_all(
        provider.as_ref(),
        json!({"status": ["done"], "per_page": 3}),
    )
    .await;
    assert_eq!(done.len(), 11, "9 in PLAT, one each in WEB and OPS");
}

#[tokio::test]
async fn a_cursor_that_was_not_issued_is_refused() {
    let (server, provider) = suite().subject.seeded().await;
    for cursor in ["20:1:0", "items:nope:0", "items:x", "projects:3"] {
        let error = call(
            provider.as_ref(),
            OpId::PmIssuesSearch,
            json!({"project": "PLAT", "cursor": cursor}),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(error, ProviderError::Invalid(_)),
            "{cursor}: {error:?}"
        );
    }
    // A cursor of WEB's search does not page PLAT's.
    let web = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "WEB", "per_page": 2}),
    )
    .await
    .unwrap();
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "cursor": web["next_cursor"]}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("project")),
        "{error:?}"
    );
    let error = call(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"cursor": "items:a:1"}),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, ProviderError::Invalid(_)), "{error:?}");
    assert!(
        server
            .state()
            .requests()
            .iter()
            .all(|seen| seen.status == 200)
    );
}
