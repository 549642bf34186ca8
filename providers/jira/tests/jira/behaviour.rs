//! What only Jira does, against its fake (what every tracker does is the shared suite of
//! `shared.rs`): both search endpoints, newest change first, project links, Jira's own
//! refusals, and where a work item can go when a transition does not exist.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::tracker::keys;
use mosaic_testkit::adapter::{all_pages, call};
use serde_json::json;

#[tokio::test]
async fn search_pages_through_every_item_newest_first_with_either_endpoint() {
    for (search, path) in [
        ("jql", "/rest/api/3/search/jql"),
        ("legacy", "/rest/api/3/search"),
    ] {
        let (server, provider) = suite()
            .subject
            .seeded_with(json!({ "search": search }))
            .await;
        let (items, pages) = all_pages(
            provider.as_ref(),
            OpId::PmIssuesSearch,
            json!({"project": "PLAT", "per_page": 20}),
        )
        .await;
        assert_eq!(pages, 3, "{search}");
        assert_eq!(keys(&items).len(), 45, "{search}: no item twice");
        // Newest change first.
        let updated: Vec<&str> = items
            .iter()
            .map(|i| i["updated_at"].as_str().unwrap())
            .collect();
        assert!(
            updated.windows(2).all(|pair| pair[0] >= pair[1]),
            "{search}"
        );
        let requests = server.state().requests();
        assert!(
            requests.iter().all(|seen| seen.path == path),
            "{search}: {requests:?}"
        );
    }
}

#[tokio::test]
async fn projects_link_to_their_board() {
    let (_server, provider) = suite().subject.seeded().await;
    let page = call(provider.as_ref(), OpId::PmProjectsList, json!({}))
        .await
        .unwrap();
    let ops = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|project| project["key"] == "OPS")
        .unwrap();
    assert!(ops["web_url"].as_str().unwrap().ends_with("/browse/OPS"));
}

#[tokio::test]
async fn a_token_jira_did_not_issue_is_refused_by_jira() {
    let (_server, provider) = suite().subject.seeded().await;
    // Well-formed, but not issued: Jira's own 400.
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
async fn jiras_own_refusals_keep_its_message() {
    let (_server, provider) = suite().subject.seeded().await;
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
    let (server, provider) = suite().subject.seeded().await;
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
