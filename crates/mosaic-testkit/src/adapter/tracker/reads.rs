//! Reads every tracker must answer alike on the tracker seed: a project's work items and
//! the projects in pages, the unified search narrowed by every field, text that stays a
//! value, and cursors the tracker did not issue.

use super::{keys, search_all};
use crate::adapter::suite::TrackerSuite;
use crate::adapter::{all_pages, call};
use mosaic_core::{OpId, ProviderError};
use serde_json::{Value, json};

/// `PLAT`'s 45 work items in three pages of at most twenty, each once.
pub async fn a_project_pages_through_every_item_once(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let (items, pages) = all_pages(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "per_page": 20}),
    )
    .await;
    assert_eq!(pages, 3);
    assert_eq!(items.len(), 45);
    assert_eq!(keys(&items).len(), 45, "no item twice");
    assert!(items.iter().all(|item| item["project"] == "PLAT"));
}

/// The three projects in pages of two.
pub async fn projects_page_through_to_the_end(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
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
}

/// Every status category selects its nine of `PLAT`, several their union; labels and an
/// assignee (by e-mail or name) narrow further.
pub async fn the_search_narrows_by_status_category_label_and_assignee(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let search = |arguments: Value| search_all(provider, arguments);
    let of = |status: &[&str]| json!({"project": "PLAT", "status": status, "per_page": 100});
    for (category, state) in [
        ("backlog", "Backlog"),
        ("todo", "Todo"),
        ("in_progress", "In Progress"),
        ("done", "Done"),
        ("cancelled", "Won't Do"),
    ] {
        let items = search(of(&[category])).await;
        assert_eq!(items.len(), 9, "{category}");
        assert!(
            items
                .iter()
                .all(|item| item["status"] == state && item["status_category"] == category),
            "{category}: {items:?}"
        );
    }
    assert_eq!(search(of(&["backlog", "in_progress"])).await.len(), 18);
    // Even numbers carry `bug`, every third is Ben's: the multiples of six.
    let both = json!({"project": "PLAT", "labels": ["bug"], "assignee": "ben@example.com", "per_page": 100});
    let found = search(both).await;
    assert_eq!(
        keys(&found),
        (1..=7).map(|n| format!("PLAT-{}", 6 * n)).collect()
    );
    let by_name = json!({"project": "PLAT", "assignee": "ben", "per_page": 100});
    assert_eq!(search(by_name).await.len(), 15);
}

/// Text that would change a query (JQL, GraphQL, a query string) if it were pasted into one
/// matches nothing, and every query reached the tracker valid.
pub async fn hostile_search_text_stays_a_value(suite: &TrackerSuite) {
    let (server, provider) = suite.subject.seeded().await;
    for text in [
        "a\" OR project = \"WEB",
        "x\") OR (project = \"WEB",
        "ORDER BY key",
        "\\\" OR 1=1",
        "\") { __schema { types { name } } } #",
        "\" } }, team: { key: { eq: \"WEB\" } } } ) {",
        "$filter",
        "... on Issue { id }",
        "pql=state&filters=x",
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
    let requests = server.state().requests();
    assert!(
        requests.iter().all(|seen| seen.status == 200),
        "{requests:?}"
    );
}

/// A cursor the tracker did not issue is `invalid_input`, malformed or well-formed.
pub async fn a_cursor_that_was_not_issued_is_refused(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    for cursor in ["two words", "forged"] {
        let error = call(
            provider.as_ref(),
            OpId::PmIssuesSearch,
            json!({"project": "PLAT", "cursor": cursor}),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(error, ProviderError::Invalid(_)),
            "{cursor:?}: {error:?}"
        );
    }
}
