//! Stateful flows of the pm kind: search filters, work items created, updated and moved
//! through the workflow.

use super::*;
use OpId::*;

fn keys(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["key"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn search_applies_every_filter() {
    let sim = instance(json!({})).await;
    let projects = ok(&*sim, PmProjectsList, json!({})).await;
    assert_eq!(keys(&projects), ["PLAT", "WEB", "OPS"]);
    let (all, pages) = all_pages(&*sim, PmIssuesSearch, json!({}), 5).await;
    assert_eq!((all.len(), pages), (17, 4));
    let in_progress = ok(
        &*sim,
        PmIssuesSearch,
        json!({"status": ["in_progress"], "project": "PLAT"}),
    )
    .await;
    assert_eq!(keys(&in_progress), ["PLAT-7", "PLAT-4", "PLAT-1"]);
    assert_eq!(in_progress["items"][1]["status"], "In Review");
    let text = ok(&*sim, PmIssuesSearch, json!({"text": "ON-CALL"})).await;
    assert_eq!(keys(&text), ["OPS-1"]);
    let dmitri = ok(
        &*sim,
        PmIssuesSearch,
        json!({"assignee": "Dmitri", "labels": ["security"]}),
    )
    .await;
    assert_eq!(keys(&dmitri), ["OPS-3", "PLAT-5"]);
    let done_or_cancelled = ok(
        &*sim,
        PmIssuesSearch,
        json!({"status": ["done", "cancelled"], "project": "WEB"}),
    )
    .await;
    assert_eq!(keys(&done_or_cancelled), ["WEB-5", "WEB-3"]);
    let future = ok(
        &*sim,
        PmIssuesSearch,
        json!({"updated_since": "2100-01-01"}),
    )
    .await;
    assert_eq!(keys(&future), Vec::<String>::new());
    let since = ok(
        &*sim,
        PmIssuesSearch,
        json!({"updated_since": "2026-03-03T20:00:00+01:00", "project": "PLAT"}),
    )
    .await;
    assert_eq!(keys(&since), ["PLAT-7", "PLAT-6", "PLAT-5"]);
    let error = fails(
        &*sim,
        PmIssuesSearch,
        json!({"updated_since": "2026-02-29"}),
    )
    .await;
    assert_eq!(error.code(), "invalid_input");
    let error = fails(&*sim, PmIssuesSearch, json!({"project": "NOPE"})).await;
    assert_eq!(error, ProviderError::NotFound("project `NOPE`".into()));
}

#[tokio::test]
async fn work_items_are_created_updated_transitioned_and_commented() {
    let sim = instance(json!({})).await;
    let item = ok(
        &*sim,
        PmIssuesCreate,
        json!({"project": "PLAT", "title": "Sim item", "issue_type": "bug", "labels": ["sim"]}),
    )
    .await;
    assert_eq!(
        (
            item["key"].clone(),
            item["status"].clone(),
            item["status_category"].clone()
        ),
        (json!("PLAT-8"), json!("Todo"), json!("todo"))
    );
    assert_eq!(item["web_url"], "https://sim.local/browse/PLAT-8");
    assert_eq!(ok(&*sim, PmIssuesGet, json!({"key": "PLAT-8"})).await, item);
    let found = ok(&*sim, PmIssuesSearch, json!({"labels": ["sim"]})).await;
    assert_eq!(keys(&found), ["PLAT-8"]);
    let updated = ok(
        &*sim,
        PmIssuesUpdate,
        json!({"key": "PLAT-8", "assignee": "ana", "priority": "High"}),
    )
    .await;
    assert_eq!(
        (
            updated["assignee"].clone(),
            updated["priority"].clone(),
            updated["title"].clone()
        ),
        (json!("ana"), json!("High"), json!("Sim item"))
    );
    let review = ok(
        &*sim,
        PmIssuesTransition,
        json!({"key": "PLAT-8", "to": "In Review"}),
    )
    .await;
    assert_eq!(
        (review["status"].clone(), review["status_category"].clone()),
        (json!("In Review"), json!("in_progress"))
    );
    let done = ok(
        &*sim,
        PmIssuesTransition,
        json!({"key": "PLAT-8", "to": "done"}),
    )
    .await;
    assert_eq!(
        (done["status"].clone(), done["status_category"].clone()),
        (json!("Done"), json!("done"))
    );
    let by_name = ok(
        &*sim,
        PmIssuesTransition,
        json!({"key": "PLAT-8", "to": "canceled"}),
    )
    .await;
    assert_eq!(by_name["status_category"], "cancelled");
    let comment = ok(
        &*sim,
        PmIssuesComment,
        json!({"key": "PLAT-8", "body": "Closing."}),
    )
    .await;
    assert!(
        comment["web_url"]
            .as_str()
            .is_some_and(|url| url.starts_with("https://sim.local/browse/PLAT-8#comment-"))
    );
}

#[tokio::test]
async fn unknown_states_types_keys_and_projects_are_explained() {
    let sim = instance(json!({})).await;
    let error = fails(
        &*sim,
        PmIssuesTransition,
        json!({"key": "PLAT-1", "to": "Blocked"}),
    )
    .await;
    let ProviderError::Invalid(message) = &error else {
        panic!("{error}")
    };
    assert!(
        message.contains("`Blocked`")
            && message.contains("Backlog, Todo, In Progress, In Review, Done, Canceled")
            && message.contains("in_progress"),
        "{message}"
    );
    let error = fails(
        &*sim,
        PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "issue_type": "Saga"}),
    )
    .await;
    assert_eq!(
        error,
        ProviderError::Invalid(
            "unknown issue type `Saga`; this tracker has Task, Bug, Story, Epic".into()
        )
    );
    let error = fails(&*sim, PmIssuesGet, json!({"key": "PLAT-999"})).await;
    assert_eq!(
        error,
        ProviderError::NotFound("work item `PLAT-999`".into())
    );
    let error = fails(
        &*sim,
        PmIssuesCreate,
        json!({"project": "NOPE", "title": "x"}),
    )
    .await;
    assert_eq!(error, ProviderError::NotFound("project `NOPE`".into()));
    let error = fails(
        &*sim,
        PmIssuesComment,
        json!({"key": "OPS-99", "body": "x"}),
    )
    .await;
    assert_eq!(error.code(), "not_found");
}
