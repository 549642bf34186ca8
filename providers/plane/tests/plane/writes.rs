//! Writes against the Plane fake, each read back: Markdown in and out through Plane's HTML,
//! labels and people looked up by name before anything is written, transitions by category or
//! state name, comments.

use crate::shared::suite;
use mosaic_core::{OpId, ProviderError};
use mosaic_testkit::adapter::call;
use serde_json::{Value, json};

/// The requests that changed something, from request `from` of the log on.
fn writes(
    server: &mosaic_fake_kit::server::FakeServer<mosaic_fake_kit::tracker::Tracker>,
    from: usize,
) -> Vec<String> {
    server.state().requests()[from..]
        .iter()
        .filter(|seen| seen.method != "GET")
        .map(|seen| format!("{} {}", seen.method, seen.path))
        .collect()
}

#[tokio::test]
async fn a_created_work_item_reads_back_as_written() {
    let (server, provider) = suite().subject.seeded().await;
    let description = "## Steps\n\n1. open `/orders`\n2. see **nothing**\n\n```rust\nfn main() {}\n```\n\n> from [the logs](https://logs.example.com/a?b=c)";
    let created = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({
            "project": "WEB", "title": "Orders fail", "description": description,
            "labels": ["bug", "Docs"], "assignee": "ben@example.com", "priority": "High",
            "issue_type": "Issue"
        }),
    )
    .await
    .unwrap();
    assert_eq!(created["key"], "WEB-6");
    assert_eq!(created["project"], "WEB");
    assert_eq!(created["title"], "Orders fail");
    assert_eq!(created["description"], description);
    assert_eq!(created["assignee"], "ben@example.com");
    assert_eq!(created["labels"], json!(["bug", "docs"]));
    assert_eq!(created["priority"], "high");
    assert_eq!(
        (
            created["status"].as_str(),
            created["status_category"].as_str()
        ),
        (Some("Backlog"), Some("backlog"))
    );
    let read = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "WEB-6"}),
    )
    .await
    .unwrap();
    assert_eq!(read, created);
    // Plane holds HTML, as its editor would write it.
    let tracker = server.state().data();
    let stored = tracker.item("WEB-6").unwrap().description.clone().unwrap();
    let html = stored["html"].as_str().unwrap();
    assert!(
        html.starts_with("<h2>Steps</h2><ol><li><p>open <code>/orders</code></p></li>"),
        "{html}"
    );
}

#[tokio::test]
async fn what_is_unknown_is_refused_before_any_write() {
    let (server, provider) = suite().subject.seeded().await;
    let before = server.state().requests().len();
    let refusals = [
        (
            OpId::PmIssuesCreate,
            json!({"project": "PLAT", "title": "x", "labels": ["bug", "urgent-fix"]}),
            "label `urgent-fix` does not exist in project `PLAT`",
        ),
        (
            OpId::PmIssuesUpdate,
            json!({"key": "PLAT-2", "labels": ["nope"]}),
            "label `nope`",
        ),
        (
            OpId::PmIssuesCreate,
            json!({"project": "PLAT", "title": "x", "assignee": "nobody@example.com"}),
            "assignee `nobody@example.com` is no member of project `PLAT`",
        ),
        (
            OpId::PmIssuesCreate,
            json!({"project": "PLAT", "title": "x", "priority": "Highest"}),
            "priority `Highest` is not one of Plane's",
        ),
        (
            OpId::PmIssuesCreate,
            json!({"project": "PLAT", "title": "x", "issue_type": "Bug"}),
            "no work item types",
        ),
        (
            OpId::PmIssuesUpdate,
            json!({"key": "PLAT-2", "title": "x".repeat(256)}),
            "at most 255",
        ),
    ];
    for (op, arguments, expected) in refusals {
        let error = call(provider.as_ref(), op, arguments.clone())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, ProviderError::Invalid(m) if m.contains(expected)),
            "{arguments}: {error:?}"
        );
    }
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({"project": "NOPE", "title": "x"}),
    )
    .await
    .unwrap_err();
    assert_eq!(error, ProviderError::NotFound("project `NOPE`".into()));
    assert_eq!(writes(&server, before), Vec::<String>::new());
}

#[tokio::test]
async fn an_update_changes_only_the_given_fields() {
    let (server, provider) = suite().subject.seeded_with(json!({"api": "issues"})).await;
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
        json!({"key": "PLAT-6", "assignee": "chloe"}),
    )
    .await
    .unwrap();
    assert_eq!(
        updated["assignee"], "chloe@example.com",
        "found by display name"
    );
    for field in ["title", "labels", "priority", "status", "description"] {
        assert_eq!(updated[field], before[field], "{field} unchanged");
    }
    let relabelled = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-6", "labels": [], "title": "Renamed", "description": "Now *with* text."}),
    )
    .await
    .unwrap();
    assert_eq!(relabelled["labels"], json!([]));
    assert_eq!(relabelled["title"], "Renamed");
    assert_eq!(relabelled["description"], "Now *with* text.");
    assert_eq!(relabelled["assignee"], "chloe@example.com");
    // Nothing to change: nothing is sent.
    let from = server.state().requests().len();
    let same = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-6"}),
    )
    .await
    .unwrap();
    assert_eq!(same, relabelled);
    assert_eq!(writes(&server, from), Vec::<String>::new());
    assert!(
        writes(&server, 0)
            .iter()
            .all(|write| write.contains("/issues/"))
    );
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
            .unwrap()
        }
    };
    // No workflow rules in Plane: Todo goes straight to Done.
    let done = transition("PLAT-1", "done").await;
    assert_eq!(
        (done["status"].as_str(), done["status_category"].as_str()),
        (Some("Done"), Some("done"))
    );
    // Of two started states, the first in Plane's order.
    let started = transition("PLAT-5", "in_progress").await;
    assert_eq!(started["status"], "In Progress");
    let review = transition("PLAT-5", "in review").await;
    assert_eq!(review["status"], "In Review");
    let cancelled = transition("PLAT-7", "cancelled").await;
    assert_eq!(cancelled["status"], "Won't Do");
    // Already there: answered as it is, nothing sent.
    let from = server.state().requests().len();
    let again = transition("PLAT-5", "in_progress").await;
    assert_eq!(again["status"], "In Review");
    assert_eq!(writes(&server, from), Vec::<String>::new());
}

#[tokio::test]
async fn comments_keep_their_markdown_and_name_their_author() {
    let (server, provider) = suite().subject.seeded().await;
    let body = "Seen **twice**:\n\n- on staging\n- [in the logs](https://logs.example.com/a?b=c)";
    let comment = call(
        provider.as_ref(),
        OpId::PmIssuesComment,
        json!({"key": "PLAT-3", "body": body}),
    )
    .await
    .unwrap();
    assert_eq!(comment["body"], body);
    assert_eq!(comment["author"], "ana@example.com");
    let id = comment["id"].as_str().unwrap();
    let web_url = comment["web_url"].as_str().unwrap();
    assert!(web_url.ends_with(&format!("#comment-{id}")), "{web_url}");
    assert!(web_url.contains("/acme/projects/"), "{web_url}");
    let tracker = server.state().data();
    let stored: &Value = &tracker.item("PLAT-3").unwrap().comments[0].body;
    assert_eq!(
        stored["html"],
        "<p>Seen <strong>twice</strong>:</p><ul><li><p>on staging</p></li><li><p><a href=\"https://logs.example.com/a?b=c\">in the logs</a></p></li></ul>"
    );
}
