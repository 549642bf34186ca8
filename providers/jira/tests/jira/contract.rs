//! Contract: every `pm.*` operation of the adapter driven against Jira's own API description
//! (`specs/jira/prism.json`, the 2024 Cloud platform REST v3 description) under Prism. Prism
//! refuses a request that breaks the description; documented answers must parse.
//!
//! The description predates `/rest/api/3/search/jql`, so the instance searches with
//! `search: legacy`; the token endpoint is checked against the fake. Where the description's
//! own examples are not what Jira answers, the expected outcome is named here and
//! `specs/README.md` says why: its documented issue has neither `summary` nor `status` and an
//! `updated` of `1`, so every operation that reads an issue (all but projects and comments)
//! answers `bad_upstream_answer` naming `fields.updated` — after every request before it was
//! accepted. Writes read the item back after Prism accepted the write, so theirs is
//! `write_outcome_unknown` naming the same field; a transition to a category reads the item
//! first and fails before anything is written.

use crate::shared::suite;
use mosaic_core::OpId;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::contract::{Expect, drive};
use serde_json::{Value, json};

/// The documented issue read where a work item is expected.
const NOT_AN_ISSUE: Expect = Expect::Error("bad_upstream_answer", "fields.updated");

/// The same, read back after a write Prism accepted.
const WRITTEN_NOT_AN_ISSUE: Expect = Expect::Error("write_outcome_unknown", "fields.updated");

fn calls() -> Vec<(OpId, Value, Expect)> {
    vec![
        (OpId::PmProjectsList, json!({"per_page": 2}), Expect::Ok),
        (
            OpId::PmIssuesSearch,
            json!({
                "project": "EX",
                "text": "order \"flow\" AND project = X",
                "status": ["todo", "in_progress", "cancelled"],
                "assignee": "mia@example.com",
                "labels": ["bug", "needs review"],
                "updated_since": "2026-01-31T12:00:00+02:00",
                "per_page": 20
            }),
            NOT_AN_ISSUE,
        ),
        (OpId::PmIssuesGet, json!({"key": "EX-1"}), NOT_AN_ISSUE),
        (
            OpId::PmIssuesCreate,
            json!({
                "project": "EX",
                "title": "Order flow broken",
                "description": "## Steps\n\n1. open `/orders`\n2. see @[Mia](accountid:5b10a2844c20165700ede21g)",
                "issue_type": "Bug",
                "labels": ["bug"],
                "priority": "High"
            }),
            WRITTEN_NOT_AN_ISSUE,
        ),
        (
            OpId::PmIssuesUpdate,
            json!({"key": "EX-1", "title": "Order flow broken again", "labels": ["bug", "regression"], "description": "**still** broken"}),
            WRITTEN_NOT_AN_ISSUE,
        ),
        (
            OpId::PmIssuesTransition,
            json!({"key": "EX-1", "to": "In Progress"}),
            WRITTEN_NOT_AN_ISSUE,
        ),
        // A category needs the issue's own status first.
        (
            OpId::PmIssuesTransition,
            json!({"key": "EX-1", "to": "done"}),
            NOT_AN_ISSUE,
        ),
        (
            OpId::PmIssuesComment,
            json!({"key": "EX-1", "body": "Looked at it with @[Mia](accountid:5b10a2844c20165700ede21g)."}),
            Expect::Ok,
        ),
    ]
}

#[tokio::test]
async fn every_operation_is_valid_for_jiras_description() {
    let Some(prism) = PrismMock::shared("jira") else {
        return;
    };
    let provider = suite()
        .subject
        .instance(&prism.base_url(), json!({"search": "legacy"}))
        .await;
    let calls = calls();
    for op in OpId::ALL.iter().filter(|op| op.name().starts_with("pm.")) {
        assert!(
            calls.iter().any(|(called, _, _)| called == op),
            "{} not driven",
            op.name()
        );
    }
    let failures = drive(provider.as_ref(), &calls).await;
    assert!(failures.is_empty(), "{failures:#?}");
}
