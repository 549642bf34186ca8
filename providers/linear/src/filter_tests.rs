//! The unified search as an `IssueFilter`, and cursors and page sizes.

use super::*;
use crate::documents::{IssueSearch, issue_search};
use graphql_client::GraphQLQuery;
use mosaic_core::model::StatusCategory;

#[test]
fn nothing_to_narrow_is_no_filter() {
    assert_eq!(issue_filter(&IssuesSearch::default()), None);
    let blank = IssuesSearch {
        text: Some("  ".into()),
        ..IssuesSearch::default()
    };
    assert_eq!(issue_filter(&blank), None);
}

#[test]
fn every_field_becomes_its_condition() {
    let input = IssuesSearch {
        project: Some("WEB".into()),
        text: Some("checkout".into()),
        status: vec![
            StatusCategory::Todo,
            StatusCategory::Backlog,
            StatusCategory::Todo,
        ],
        assignee: Some("ben@example.com".into()),
        labels: vec!["bug".into(), "ui".into()],
        updated_since: Some("2026-11-01".into()),
        ..IssuesSearch::default()
    };
    assert_eq!(
        issue_filter(&input).unwrap(),
        json!({
            "team": { "key": { "eq": "WEB" } },
            "searchableContent": { "contains": "checkout" },
            "state": { "type": { "in": ["unstarted", "triage", "backlog"] } },
            "assignee": { "email": { "eq": "ben@example.com" } },
            "and": [
                { "labels": { "some": { "name": { "eq": "bug" } } } },
                { "labels": { "some": { "name": { "eq": "ui" } } } }
            ],
            "updatedAt": { "gte": "2026-11-01" }
        })
    );
    let by_name = IssuesSearch {
        assignee: Some("ben".into()),
        ..IssuesSearch::default()
    };
    assert_eq!(
        issue_filter(&by_name).unwrap(),
        json!({ "assignee": { "displayName": { "eq": "ben" } } })
    );
}

#[test]
fn hostile_text_stays_a_variable_and_the_document_a_constant() {
    let hostile = "\") { __schema { types { name } } } # $filter ...on Issue";
    let input = IssuesSearch {
        project: Some("WEB\" } } }".into()),
        text: Some(hostile.into()),
        ..IssuesSearch::default()
    };
    let body = serde_json::to_value(IssueSearch::build_query(issue_search::Variables {
        filter: issue_filter(&input),
        first: 30,
        after: None,
    }))
    .unwrap();
    assert_eq!(body["query"], issue_search::QUERY);
    assert_eq!(body["operationName"], "IssueSearch");
    assert_eq!(
        body["variables"]["filter"]["searchableContent"]["contains"],
        hostile
    );
    assert_eq!(
        body["variables"]["filter"]["team"]["key"]["eq"],
        "WEB\" } } }"
    );
    assert!(!issue_search::QUERY.contains("__schema"));
    // No `after` on a first page: absent, not null.
    assert!(body["variables"].get("after").is_none(), "{body}");
}

#[test]
fn page_sizes_and_cursors() {
    assert_eq!(page_size(None).unwrap(), 30);
    assert_eq!(page_size(Some(100)).unwrap(), 100);
    assert_eq!(after(None).unwrap(), None);
    assert_eq!(
        after(Some("YWZ0ZXI6MTI=")).unwrap(),
        Some("YWZ0ZXI6MTI=".to_owned())
    );
    for bad in [
        "",
        "two words",
        "new\nline",
        "é",
        &"x".repeat(MAX_CURSOR_LEN + 1),
    ] {
        let error = after(Some(bad)).unwrap_err();
        assert!(matches!(error, ProviderError::Invalid(_)), "{bad:?}");
    }
}
