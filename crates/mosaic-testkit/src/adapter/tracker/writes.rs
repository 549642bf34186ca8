//! Writes every tracker must answer alike, each read back: a work item created in Markdown,
//! updated field by field, moved by category or state name, commented on.

use crate::adapter::call;
use crate::adapter::suite::TrackerSuite;
use mosaic_core::{OpId, Provider};
use serde_json::{Value, json};

/// A description with what every tracker's rich text must carry through: a heading, an
/// ordered list, inline and fenced code, emphasis.
const DESCRIPTION: &str =
    "## Steps\n\n1. open `/orders`\n2. see **500**\n\n```rust\nfn main() {}\n```";

/// A comment with a list and a link.
const COMMENT: &str =
    "Seen **twice**:\n\n- on staging\n- [in the logs](https://logs.example.com/a?b=c)";

async fn get(provider: &dyn Provider, key: &str) -> Value {
    call(provider, OpId::PmIssuesGet, json!({ "key": key }))
        .await
        .unwrap()
}

/// A created work item answers what was written, next in its tracker's numbering
/// ([`TrackerParticulars::next_in_web`](super::TrackerParticulars::next_in_web)) and in the
/// backlog, and reads back the same.
pub async fn a_created_work_item_reads_back_as_written(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let created = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({
            "project": "WEB", "title": "Orders fail", "description": DESCRIPTION,
            "labels": ["bug"], "assignee": "ben@example.com", "priority": "High"
        }),
    )
    .await
    .unwrap();
    let key = suite.particulars.next_in_web;
    assert_eq!(created["key"], key);
    assert_eq!(created["project"], "WEB");
    assert_eq!(created["title"], "Orders fail");
    assert_eq!(created["description"], DESCRIPTION);
    assert_eq!(created["labels"], json!(["bug"]));
    assert_eq!(created["assignee"], "ben@example.com");
    assert_eq!(
        created["priority"]
            .as_str()
            .map(str::to_lowercase)
            .as_deref(),
        Some("high")
    );
    assert_eq!(created["status_category"], "backlog");
    assert_eq!(get(provider.as_ref(), key).await, created);
}

/// An update changes the fields it names and keeps the others, and reads back as answered.
pub async fn an_update_changes_only_the_fields_it_names(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let before = get(provider.as_ref(), "PLAT-6").await;
    let updated = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-6", "title": "Renamed"}),
    )
    .await
    .unwrap();
    assert_eq!(updated["title"], "Renamed");
    for kept in [
        "key",
        "description",
        "status",
        "labels",
        "assignee",
        "priority",
        "created_at",
    ] {
        assert_eq!(updated[kept], before[kept], "{kept} is kept");
    }
    assert_eq!(get(provider.as_ref(), "PLAT-6").await, updated);
}

/// A work item moves to a status category and to a state by its name; asked for the category
/// it is in, it stays where it is, and reads back as answered.
pub async fn transitions_reach_a_category_and_a_named_state(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let provider = provider.as_ref();
    let transition = |key: &'static str, to: &'static str| async move {
        let arguments = json!({"key": key, "to": to});
        call(provider, OpId::PmIssuesTransition, arguments)
            .await
            .unwrap_or_else(|error| panic!("{key} to {to}: {error:?}"))
    };
    // PLAT-2 and PLAT-7 are In Progress, PLAT-5 in Backlog.
    let done = transition("PLAT-2", "done").await;
    assert_eq!(
        (done["status"].as_str(), done["status_category"].as_str()),
        (Some("Done"), Some("done"))
    );
    let cancelled = transition("PLAT-7", "cancelled").await;
    assert_eq!(
        (
            cancelled["status"].as_str(),
            cancelled["status_category"].as_str()
        ),
        (Some("Won't Do"), Some("cancelled"))
    );
    let review = transition("PLAT-5", "in review").await;
    assert_eq!(review["status"], "In Review");
    let again = transition("PLAT-5", "in_progress").await;
    assert_eq!(again["status"], "In Review", "already in the category");
    assert_eq!(get(provider, "PLAT-5").await, again);
}

/// A comment keeps its Markdown and names the caller as its author.
pub async fn a_comment_keeps_its_markdown(suite: &TrackerSuite) {
    let (_server, provider) = suite.subject.seeded().await;
    let comment = call(
        provider.as_ref(),
        OpId::PmIssuesComment,
        json!({"key": "PLAT-3", "body": COMMENT}),
    )
    .await
    .unwrap();
    assert_eq!(comment["body"], COMMENT);
    assert_eq!(comment["author"], "ana@example.com");
    assert!(comment["web_url"].is_string(), "{comment}");
}
