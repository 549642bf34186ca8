//! How the adapter behaves against the Plane fake: paging work items and projects, the
//! filters applied on the client, searches across projects, cursors, rate limits, error
//! statuses and transitions that do not exist.

use crate::{API_KEY, instance_with, seeded};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_fake_kit::tracker::Tracker;
use mosaic_plane_fake as plane;
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

fn keys(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|item| item["key"].as_str().unwrap().to_owned())
        .collect()
}

async fn search_all(provider: &dyn mosaic_core::Provider, arguments: Value) -> Vec<Value> {
    all_pages(provider, OpId::PmIssuesSearch, arguments).await.0
}

#[tokio::test]
async fn a_project_pages_through_every_item_in_key_order() {
    let (server, provider) = seeded(json!({})).await;
    let (items, pages) = all_pages(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "per_page": 20}),
    )
    .await;
    assert_eq!(pages, 3);
    let expected: Vec<String> = (1..=45).map(|n| format!("PLAT-{n}")).collect();
    assert_eq!(
        keys(&items),
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
async fn projects_page_by_offset_whatever_the_page_size() {
    let (_server, provider) = seeded(json!({})).await;
    let (projects, pages) = all_pages(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"per_page": 2}),
    )
    .await;
    assert_eq!(pages, 2);
    assert_eq!(keys(&projects), ["PLAT", "WEB", "OPS"]);
    assert!(
        projects[0]["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/issues")
    );
    // A cursor from pages of 2 read with pages of 1 goes on where it stopped.
    let first = call(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"per_page": 2}),
    )
    .await
    .unwrap();
    let rest = call(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"per_page": 1, "cursor": first["next_cursor"]}),
    )
    .await
    .unwrap();
    assert_eq!(keys(rest["items"].as_array().unwrap()), ["OPS"]);
    assert_eq!(rest.get("next_cursor"), None);
}

#[tokio::test]
async fn filters_plane_lacks_are_applied_on_the_client() {
    let (server, provider) = seeded(json!({})).await;
    let provider = provider.as_ref();
    let cancelled = search_all(
        provider,
        json!({"project": "PLAT", "status": ["cancelled"], "per_page": 4}),
    )
    .await;
    assert_eq!(cancelled.len(), 9);
    assert!(cancelled.iter().all(|i| i["status"] == "Won't Do"));
    for (status, count) in [
        (json!(["backlog"]), 9),
        (json!(["todo", "in_progress"]), 18),
        (json!(["done"]), 9),
    ] {
        let found = search_all(
            provider,
            json!({"project": "PLAT", "status": status, "per_page": 100}),
        )
        .await;
        assert_eq!(found.len(), count, "{status}");
    }
    // Even numbers that are multiples of three: 6, 12, …, 42.
    let labelled = search_all(
        provider,
        json!({"project": "PLAT", "labels": ["BUG"], "assignee": "ben@example.com"}),
    )
    .await;
    assert_eq!(
        keys(&labelled),
        [
            "PLAT-6", "PLAT-12", "PLAT-18", "PLAT-24", "PLAT-30", "PLAT-36", "PLAT-42"
        ]
    );
    let by_name = search_all(provider, json!({"project": "PLAT", "assignee": "ben"})).await;
    assert_eq!(by_name.len(), 15);
    let text = search_all(provider, json!({"project": "PLAT", "text": "ITEM 45"})).await;
    assert_eq!(keys(&text), ["PLAT-45"]);
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
    assert_eq!(keys(&recent), ["PLAT-1", "PLAT-45"]);
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
    let server = plane::start(tracker, API_KEY).await;
    let provider = instance_with(&server.base_url(), json!({})).await;
    // Of 605 items only OPS-3 is done; one call reads at most 5 pages of 100.
    let first = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "OPS", "status": ["done"], "per_page": 10}),
    )
    .await
    .unwrap();
    assert_eq!(keys(first["items"].as_array().unwrap()), ["OPS-3"]);
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
    let (_server, provider) = seeded(json!({})).await;
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
    assert_eq!(keys(&items)[45], "WEB-1");
    let done = search_all(
        provider.as_ref(),
        json!({"status": ["done"], "per_page": 3}),
    )
    .await;
    assert_eq!(done.len(), 11, "9 in PLAT, one each in WEB and OPS");
}

#[tokio::test]
async fn a_cursor_that_was_not_issued_is_refused() {
    let (server, provider) = seeded(json!({})).await;
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

#[tokio::test]
async fn too_many_requests_carries_retry_after_and_quota_is_read() {
    let (server, provider) = seeded(json!({})).await;
    server
        .state()
        .knobs
        .set_quota(60, 40, Duration::from_secs(60));
    call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap();
    let quota = provider.quota().expect("a quota was read");
    assert_eq!(quota.remaining, 39);
    assert!(
        quota
            .resets_in
            .is_some_and(|wait| wait <= Duration::from_secs(60))
    );
    server.state().knobs.fail_next(Scripted {
        status: 429,
        retry_after: Some(7),
        body: plane::detail_body("Request was throttled. Expected available in 7 seconds."),
    });
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    // A spent quota is answered 429 with the wait until the window resets.
    server
        .state()
        .knobs
        .set_quota(60, 0, Duration::from_secs(30));
    let error = call(provider.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ProviderError::RateLimited { retry_after: Some(wait) } if wait <= Duration::from_secs(30)),
        "{error:?}"
    );
}

#[tokio::test]
async fn error_statuses_become_typed_errors_with_planes_message() {
    let server = plane::start(Tracker::seeded(), API_KEY).await;
    let wrong = instance_with(&server.base_url(), json!({"api_key": "wrong"})).await;
    let error = call(wrong.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ProviderError::Unauthenticated(_)),
        "{error:?}"
    );
    assert!(matches!(
        wrong.health().await,
        mosaic_core::Health::Unhealthy { .. }
    ));

    let elsewhere = instance_with(&server.base_url(), json!({"workspace": "globex"})).await;
    let error = call(
        elsewhere.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Forbidden("You do not have permission to perform this action.".into())
    );

    let provider = instance_with(&server.base_url(), json!({})).await;
    assert_eq!(provider.health().await, mosaic_core::Health::Healthy);
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-999"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::NotFound("work item `PLAT-999`".into())
    );
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "NOPE"}),
    )
    .await
    .unwrap_err();
    assert_eq!(error, ProviderError::NotFound("project `NOPE`".into()));

    server.state().knobs.fail_next(Scripted {
        status: 400,
        retry_after: None,
        body: json!({"error": "Please provide valid detail"}),
    });
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("Please provide valid detail".into())
    );

    server.state().knobs.fail_next(Scripted {
        status: 503,
        retry_after: None,
        body: json!({"error": "Something went wrong please try again later"}),
    });
    let error = call(provider.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap_err();
    assert!(matches!(error, ProviderError::Unavailable(_)), "{error:?}");
}

#[tokio::test]
async fn a_transition_that_does_not_exist_explains_where_the_item_can_go() {
    let (server, provider) = seeded(json!({})).await;
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "QA"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Conflict(
            "no transition takes PLAT-1 from `Todo` to state `QA`; it can move to: Backlog, In Progress, In Review, Done, Won't Do".into()
        )
    );
    let mut tracker = Tracker::seeded();
    let ops = tracker
        .projects
        .iter_mut()
        .find(|p| p.key == "OPS")
        .unwrap();
    ops.states.retain(|state| state.name != "Won't Do");
    drop(server);
    let server = plane::start(tracker, API_KEY).await;
    let provider = instance_with(&server.base_url(), json!({})).await;
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesTransition,
        json!({"key": "OPS-1", "to": "cancelled"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Conflict(m) if m.contains("to status category `cancelled`")),
        "{error:?}"
    );
    assert!(
        !server
            .state()
            .requests()
            .iter()
            .any(|seen| seen.method == "PATCH"),
        "nothing was attempted"
    );
}
