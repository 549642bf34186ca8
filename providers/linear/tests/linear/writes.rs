//! Writes against the Linear fake, each read back: Markdown as it is, labels and people by
//! name, priorities by name, transitions by category or state name, comments; and every name
//! Linear does not know refused before a mutation is sent.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_linear_fake as linear;
use mosaic_testkit::adapter::call;
use serde_json::json;

const MUTATIONS: [&str; 3] = ["IssueCreate", "IssueUpdate", "CommentCreate"];

#[tokio::test]
async fn a_created_work_item_reads_back_as_written() {
    let (server, provider) = suite().subject.seeded().await;
    let description = "## Steps\n\n1. open `/orders`\n2. see **500**\n\n```rust\nfn main() {}\n```";
    let created = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({
            "project": "WEB", "title": "Orders fail", "description": description,
            "labels": ["bug", "DOCS"], "assignee": "ben@example.com", "priority": "High"
        }),
    )
    .await
    .unwrap();
    assert_eq!(created["key"], "WEB-6");
    assert_eq!(created["project"], "WEB");
    assert_eq!(created["description"], description);
    assert_eq!(created["assignee"], "ben@example.com");
    assert_eq!(created["labels"], json!(["bug", "docs"]));
    assert_eq!(created["priority"], "high");
    assert_eq!(created["status"], "Backlog");
    let read = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "WEB-6"}),
    )
    .await
    .unwrap();
    assert_eq!(read, created);
    assert_eq!(
        linear::operations(server.state()),
        ["TeamContext", "UserLookup", "IssueCreate", "IssueGet"]
    );
}

#[tokio::test]
async fn an_update_changes_only_the_fields_given() {
    let (_server, provider) = suite().subject.seeded().await;
    let before = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-6"}),
    )
    .await
    .unwrap();
    let updated = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-6", "labels": ["docs"], "assignee": "chloe", "priority": "none"}),
    )
    .await
    .unwrap();
    assert_eq!(updated["labels"], json!(["docs"]));
    assert_eq!(updated["assignee"], "chloe@example.com");
    assert_eq!(updated["priority"], json!(null));
    for unchanged in ["title", "description", "status", "created_at"] {
        assert_eq!(updated[unchanged], before[unchanged], "{unchanged}");
    }
    assert!(updated["updated_at"].as_str() > before["updated_at"].as_str());
    let titled = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-6", "title": "Renamed"}),
    )
    .await
    .unwrap();
    assert_eq!(titled["title"], "Renamed");
    assert_eq!(titled["labels"], json!(["docs"]), "labels kept");
    let read = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-6"}),
    )
    .await
    .unwrap();
    assert_eq!(read, titled);
}

#[tokio::test]
async fn names_linear_does_not_know_are_refused_before_any_write() {
    let (server, provider) = suite().subject.seeded().await;
    let items = server.state().data().items.len();
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "labels": ["bug", "urgent-ish"]}),
    )
    .await
    .unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid(
            "labels: team PLAT has no label `urgent-ish`; its labels are: bug, conformance, docs, feature".into()
        )
    );
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "assignee": "nobody@example.com"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("matches no Linear user")),
        "{error:?}"
    );
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "priority": "critical"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("urgent, high, medium, low")),
        "{error:?}"
    );
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "issue_type": "Bug"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::Invalid(m) if m.contains("Linear has no issue types")),
        "{error:?}"
    );
    let operations = linear::operations(server.state());
    assert_eq!(operations, ["TeamContext", "IssueContext", "UserLookup"]);
    assert!(
        !operations
            .iter()
            .any(|name| MUTATIONS.contains(&name.as_str()))
    );
    assert_eq!(server.state().data().items.len(), items);
}

#[tokio::test]
async fn transitions_reach_categories_and_named_states() {
    let (server, provider) = suite().subject.seeded().await;
    let transition = |key: &'static str, to: &'static str| {
        let provider = provider.clone();
        async move {
            call(
                provider.as_ref(),
                OpId::PmIssuesTransition,
                json!({"key": key, "to": to}),
            )
            .await
        }
    };
    // Linear has no workflow rules: PLAT-1 goes from Todo straight to Done.
    let done = transition("PLAT-1", "done").await.unwrap();
    assert_eq!(
        (done["status"].as_str(), done["status_category"].as_str()),
        (Some("Done"), Some("done"))
    );
    let cancelled = transition("PLAT-1", "cancelled").await.unwrap();
    assert_eq!(cancelled["status"], "Won't Do");
    // Two started states: the first in the workflow.
    let started = transition("PLAT-5", "in_progress").await.unwrap();
    assert_eq!(started["status"], "In Progress");
    let review = transition("PLAT-5", "in review").await.unwrap();
    assert_eq!(review["status"], "In Review");
    // Already in the category: answered as it is, nothing written.
    let before = linear::operations(server.state()).len();
    let again = transition("PLAT-5", "in_progress").await.unwrap();
    assert_eq!(again["status"], "In Review");
    assert_eq!(
        linear::operations(server.state())[before..],
        ["IssueContext", "IssueGet"]
    );
    let read = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "PLAT-5"}),
    )
    .await
    .unwrap();
    assert_eq!(read, again);
}

#[tokio::test]
async fn a_state_the_team_lacks_is_a_conflict_and_nothing_is_written() {
    let (server, provider) = suite().subject.seeded().await;
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
    assert_eq!(linear::operations(server.state()), ["IssueContext"]);
}

#[tokio::test]
async fn comments_keep_their_markdown() {
    let (_server, provider) = suite().subject.seeded().await;
    let body = "Seen twice:\n\n- _staging_\n- [logs](https://logs.example.com/a?b=c)\n\n> quoted";
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
            .starts_with("https://linear.app/acme/issue/PLAT-3/plat-work-item-3#comment-")
    );
    let found = call(
        provider.as_ref(),
        OpId::PmIssuesSearch,
        json!({"project": "PLAT", "text": "logs.example.com"}),
    )
    .await
    .unwrap();
    assert_eq!(found["items"][0]["key"], "PLAT-3");
}
