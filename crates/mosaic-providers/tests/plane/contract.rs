//! Contract: every `pm.*` operation of the adapter driven against Plane's own API description
//! (`specs/plane/prism.json`, from makeplane/plane-node-sdk, 2025-05) under Prism, with `api:
//! issues`: the description has only the older `issues` paths. Prism refuses a request that
//! breaks the description (422, which would be `invalid_input`); documented answers must parse.
//!
//! The description is generated from Plane's views and is wrong where `specs/README.md` says:
//! every list answers one object instead of Plane's page (`results`, `next_page_results`, …),
//! project members answer no body, and `expand` is not described, so its work item carries ids
//! where Plane's expanded answer carries objects. The calls meeting those answers expect
//! `bad_upstream_answer` naming the field, after every request before them was accepted:
//! - projects, search and create stop at the project list (`results`);
//! - get and transition stop at the expanded read of the work item (`assignees[0]`);
//! - update finds the item with a plain read, has its `PATCH` accepted, and stops at the
//!   expanded read-back (`assignees[0]`);
//! - comment finds the item, has its `POST` accepted and parses the documented comment (the
//!   author lookup among the members, whose answer is empty, names the author by id).

use crate::instance_with;
use crate::support::contract::{Expect, drive};
use mosaic_core::OpId;
use mosaic_testkit::PrismMock;
use serde_json::{Value, json};

/// The description's list answer, one object, where Plane answers a page.
const NOT_A_PAGE: Expect = Expect::Error("bad_upstream_answer", "missing field `results`");

/// The description's work item, with ids where the expanded answer has objects.
const NOT_EXPANDED: Expect = Expect::Error("bad_upstream_answer", "`assignees[0]`");

fn calls() -> Vec<(OpId, Value, Expect)> {
    vec![
        (OpId::PmProjectsList, json!({"per_page": 2}), NOT_A_PAGE),
        (
            OpId::PmIssuesSearch,
            json!({"project": "EX", "text": "order flow", "status": ["todo"], "per_page": 20}),
            NOT_A_PAGE,
        ),
        (OpId::PmIssuesGet, json!({"key": "EX-1"}), NOT_EXPANDED),
        (
            OpId::PmIssuesCreate,
            json!({"project": "EX", "title": "Order flow broken", "description": "## Steps\n\n1. open `/orders`", "priority": "high"}),
            NOT_A_PAGE,
        ),
        (
            OpId::PmIssuesUpdate,
            json!({"key": "EX-1", "title": "Order flow broken again", "description": "**still** broken", "priority": "urgent"}),
            NOT_EXPANDED,
        ),
        (
            OpId::PmIssuesTransition,
            json!({"key": "EX-1", "to": "done"}),
            NOT_EXPANDED,
        ),
        (
            OpId::PmIssuesComment,
            json!({"key": "EX-1", "body": "Looked at it: *twice*."}),
            Expect::Ok,
        ),
    ]
}

#[tokio::test]
async fn every_operation_is_valid_for_planes_description() {
    let Some(prism) = PrismMock::shared("plane") else {
        return;
    };
    // Prism serves the description at its root, with no `/api/v1` to derive pages from.
    let settings = json!({"api": "issues", "web_url": "https://plane.example.com"});
    let provider = instance_with(&prism.base_url(), settings).await;
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
