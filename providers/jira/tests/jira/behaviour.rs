//! How the adapter behaves against the Jira fake: paging both search endpoints and projects,
//! the unified query's statuses and escaping, rate limits, error statuses and transitions that
//! do not exist.

use crate::{TOKEN, instance_with, seeded};
use mosaic_core::{OpId, ProviderError};
use mosaic_fake_kit::server::Scripted;
use mosaic_fake_kit::tracker::Tracker;
use mosaic_jira_fake as jira;
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;

fn keys(items: &[Value]) -> BTreeSet<String> {
    items
        .iter()
        .map(|item| item["key"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn search_pages_through_every_item_with_either_endpoint() {
    for search in ["jql", "legacy"] {
        let (_server, provider) = seeded(json!({ "search": search })).await;
        let (items, pages) = all_pages(
            provider.as_ref(),
            OpId::PmIssuesSearch,
            json!({"project": "PLAT", "per_page": 20}),
        )
        .await;
        assert_eq!(pages, 3, "{search}");
        assert_eq!(items.len(), 45, "{search}: no item twice");
        assert_eq!(keys(&items).len(), 45, "{search}");
        // Newest change first.
        let updated: Vec<&str> = items
            .iter()
            .map(|i| i["updated_at"].as_str().unwrap())
            .collect();
        assert!(
            updated.windows(2).all(|pair| pair[0] >= pair[1]),
            "{search}"
        );
    }
}

#[tokio::test]
async fn projects_page_by_offset() {
    let (_server, provider) = seeded(json!({})).await;
    let (projects, pages) = all_pages(
        provider.as_ref(),
        OpId::PmProjectsList,
        json!({"per_page": 2}),
    )
    .await;
    assert_eq!(pages, 2);
    assert_eq!(
        keys(&projects),
        ["OPS", "PLAT", "WEB"].map(String::from).into()
    );
    assert!(
        projects[0]["web_url"]
            .as_str()
            .unwrap()
            .ends_with("/browse/OPS")
    );
}

#[tokio::test]
async fn status_categories_select_by_category_and_resolution() {
    let (_server, provider) = seeded(json!({"backlog_statuses": ["Backlog"]})).await;
    let count = |status: Value| {
        let provider = provider.clone();
        async move {
            let (items, _) = all_pages(
                provider.as_ref(),
                OpId::PmIssuesSearch,
                json!({"project": "PLAT", "status": status, "per_page": 100}),
            )
            .await;
            items
        }
    };
    let cancelled = count(json!(["cancelled"])).await;
    assert_eq!(cancelled.len(), 9);
    assert!(
        cancelled
            .iter()
            .all(|i| i["status"] == "Won't Do" && i["status_category"] == "cancelled")
    );
    let done = count(json!(["done"])).await;
    assert_eq!(done.len(), 9);
    assert!(done.iter().all(|i| i["status"] == "Done"));
    assert_eq!(count(json!(["backlog"])).await.len(), 9);
    assert_eq!(count(json!(["todo"])).await.len(), 9);
    assert_eq!(count(json!(["backlog", "in_progress"])).await.len(), 18);
    let labelled = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "labels": ["bug"], "assignee": "ben@example.com", "per_page": 100}),
    )
    .await
    .unwrap();
    // Even numbers that are multiples of three: 6, 12, …, 42.
    assert_eq!(labelled["items"].as_array().unwrap().len(), 7);
}

#[tokio::test]
async fn hostile_text_stays_one_literal() {
    let (server, provider) = seeded(json!({})).await;
    for text in [
        "a\" OR project = \"WEB",
        "x\") OR (project = \"WEB",
        "ORDER BY key",
        "\\\" OR 1=1",
    ] {
        let page = call(
            provider.as_ref(),
            OpId::PmIssuesSearch,
            json!({"project": "PLAT", "text": text}),
        )
        .await
        .unwrap_or_else(|error| panic!("{text}: {error}"));
        assert_eq!(page["items"], json!([]), "{text}");
    }
    // Every query reached Jira as valid JQL (the fake answers 400 otherwise).
    assert!(
        server
            .state()
            .requests()
            .iter()
            .all(|seen| seen.status == 200)
    );
}

#[tokio::test]
async fn a_cursor_that_was_not_issued_is_refused() {
    let (_server, provider) = seeded(json!({})).await;
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "cursor": "not a token"}),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, ProviderError::Invalid(_)), "{error:?}");
    // A well-formed token Jira did not issue: Jira's own 400.
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "cursor": "forged"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("next page token")),
        "{error:?}"
    );
}

#[tokio::test]
async fn too_many_requests_carries_retry_after_and_quota_is_read() {
    let (server, provider) = seeded(json!({})).await;
    server
        .state()
        .knobs
        .set_quota(100, 40, Duration::from_secs(60));
    call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-1"}),
    )
    .await
    .unwrap();
    let quota = provider.quota().expect("a quota was read");
    assert_eq!((quota.limit, quota.remaining), (100, 39));
    server.state().knobs.fail_next(Scripted {
        status: 429,
        retry_after: Some(7),
        body: jira::error_body("Rate limit exceeded."),
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
}

#[tokio::test]
async fn error_statuses_become_typed_errors_with_jiras_message() {
    let server = jira::start(Tracker::seeded(), TOKEN).await;
    let wrong = instance_with(&server.base_url(), json!({"token": "wrong"})).await;
    let error = call(wrong.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ProviderError::Unauthenticated(_)),
        "{error:?}"
    );

    let provider = instance_with(&server.base_url(), json!({})).await;
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

    server.state().knobs.fail_next(Scripted {
        status: 403,
        retry_after: None,
        body: jira::error_body("You do not have permission to browse PLAT."),
    });
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Forbidden("You do not have permission to browse PLAT.".into())
    );

    let error = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "NOPE"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("'NOPE' does not exist")),
        "{error:?}"
    );

    let error = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "issue_type": "Saga"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("issuetype: Specify a valid issue type".into())
    );
}

#[tokio::test]
async fn a_transition_that_does_not_exist_explains_where_the_item_can_go() {
    let (server, provider) = seeded(json!({})).await;
    // PLAT-1 is in Todo; PLAT's workflow reaches Done only from a started status.
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "done"}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Conflict(
            "no transition takes PLAT-1 from `Todo` to status category `done`; it can move to: Backlog, In Progress, In Review, Won't Do".into()
        )
    );
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "QA"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Conflict(m) if m.contains("to state `QA`")),
        "{error:?}"
    );
    assert!(
        !server
            .state()
            .requests()
            .iter()
            .any(|seen| seen.method == "POST"),
        "nothing was attempted"
    );
}
