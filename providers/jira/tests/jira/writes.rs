//! What only Jira does of writes, against its fake (what every tracker does is the shared
//! suite of `shared.rs`): Markdown in and out through ADF with mentions, the starting
//! category of Jira's default settings, people by e-mail, display name or account id, and
//! comments linked to their work item.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::call;
use serde_json::json;

#[tokio::test]
async fn a_created_work_item_reads_back_as_written_through_adf() {
    // Jira's default settings: its Backlog status is of the To Do category.
    let backlog_is_todo = json!({"backlog_statuses": []});
    let (_server, provider) = suite().subject.seeded_with(backlog_is_todo).await;
    let description = "## Steps\n\n1. open `/orders`\n2. see @[Ben Brandt](accountid:acc-ben)\n\n```rust\nfn main() {}\n```";
    let created = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({
            "project": "WEB", "title": "Orders fail", "description": description,
            "labels": ["bug", "orders"], "assignee": "ben@example.com", "priority": "High",
            "issue_type": "Bug"
        }),
    )
    .await
    .unwrap();
    assert_eq!(created["key"], "WEB-6");
    assert_eq!(created["description"], description);
    assert_eq!(created["assignee"], "ben@example.com");
    assert_eq!(created["labels"], json!(["bug", "orders"]));
    assert_eq!(created["priority"], "High");
    assert_eq!(created["status_category"], "todo");
    let read = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "WEB-6"}),
    )
    .await
    .unwrap();
    assert_eq!(read, created);
}

#[tokio::test]
async fn people_are_found_by_name_and_unknown_ones_refused_before_any_write() {
    let (server, provider) = suite().subject.seeded().await;
    let updated = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "assignee": "Chloé Coste"}),
    )
    .await
    .unwrap();
    // Chloé hides her e-mail: her account id is what reads show.
    assert_eq!(updated["assignee"], "acc-chloe");
    assert_eq!(
        updated["title"], "PLAT work item 2",
        "other fields unchanged"
    );

    let before = server.state().requests().len();
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "assignee": "nobody@example.com"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("matches no Jira user")),
        "{error:?}"
    );
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "labels": ["two words"]}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.starts_with("labels[0]")),
        "{error:?}"
    );
    let writes = server.state().requests()[before..]
        .iter()
        .filter(|seen| seen.method != "GET")
        .count();
    assert_eq!(writes, 0);
}

#[tokio::test]
async fn comments_keep_their_markdown() {
    let (_server, provider) = suite().subject.seeded().await;
    let body = "Seen with @[Ana Alves](accountid:acc-ana):\n\n- _twice_\n- [logs](https://logs.example.com/a?b=c)";
    let comment = call(
        provider.as_ref(),
        OpId::PmIssuesComment,
        json!({"key": "PLAT-3", "body": body}),
    )
    .await
    .unwrap();
    assert_eq!(comment["body"], body);
    assert_eq!(comment["author"], "ana@example.com");
    assert!(
        comment["web_url"]
            .as_str()
            .unwrap()
            .contains("/browse/PLAT-3?focusedCommentId=")
    );
}
