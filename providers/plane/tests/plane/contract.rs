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
//!   expanded read-back (`assignees[0]`), which leaves the write's outcome unknown
//!   (`write_outcome_unknown`, never "not performed");
//! - comment finds the item, has its `POST` accepted and parses the documented comment (the
//!   author lookup among the members, whose answer is empty, names the author by id).
//!
//! So that the writes Prism never reaches through those calls are checked too, a second test
//! has the adapter write to the stateful fake (`api: issues`) and replays every write it sent,
//! body and all, to Prism: each must be valid for the description.

use crate::shared::suite;
use mosaic_core::OpId;
use mosaic_testkit::PrismMock;
use mosaic_testkit::adapter::call;
use mosaic_testkit::adapter::contract::{Expect, drive};
use serde_json::{Value, json};

/// The description's list answer, one object, where Plane answers a page.
const NOT_A_PAGE: Expect = Expect::Error("bad_upstream_answer", "missing field `results`");

/// The description's work item, with ids where the expanded answer has objects.
const NOT_EXPANDED: Expect = Expect::Error("bad_upstream_answer", "`assignees[0]`");

/// The same, read back after a write Prism accepted.
const WRITTEN_NOT_EXPANDED: Expect = Expect::Error("write_outcome_unknown", "`assignees[0]`");

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
            WRITTEN_NOT_EXPANDED,
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
    let provider = suite().subject.instance(&prism.base_url(), settings).await;
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

#[tokio::test]
async fn every_write_the_adapter_sends_is_valid_for_planes_description() {
    let Some(prism) = PrismMock::shared("plane") else {
        return;
    };
    let (server, provider) = suite().subject.seeded_with(json!({"api": "issues"})).await;
    let created = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({
            "project": "OPS", "title": "Rotate the keys", "description": "## Why\n\n- *expired*",
            "labels": ["bug"], "assignee": "ben@example.com", "priority": "high"
        }),
    )
    .await
    .expect("created");
    let key = created["key"].as_str().expect("a key");
    for (op, arguments) in [
        (
            OpId::PmIssuesUpdate,
            json!({"key": key, "title": "Rotate the keys now", "labels": ["feature"]}),
        ),
        (
            OpId::PmIssuesTransition,
            json!({"key": key, "to": "in_progress"}),
        ),
        (OpId::PmIssuesComment, json!({"key": key, "body": "On it."})),
    ] {
        call(provider.as_ref(), op, arguments)
            .await
            .expect("written");
    }
    let writes: Vec<_> = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method != "GET")
        .collect();
    let methods: Vec<&str> = writes.iter().map(|seen| seen.method.as_str()).collect();
    assert_eq!(methods, ["POST", "PATCH", "PATCH", "POST"]);
    let http = reqwest::Client::new();
    for seen in writes {
        // The fake serves below `/api/v1`; Prism serves the description's paths at its root.
        let path = seen.path.strip_prefix("/api/v1").expect("below the prefix");
        let method = reqwest::Method::from_bytes(seen.method.as_bytes()).expect("a method");
        let answer = http
            .request(method, format!("{}{path}", prism.base_url()))
            .header("x-api-key", "replayed")
            .header("content-type", "application/json")
            .body(seen.body.clone().unwrap_or_default())
            .send()
            .await
            .expect("Prism answers");
        let status = answer.status();
        let text = answer.text().await.unwrap_or_default();
        assert!(
            status.is_success(),
            "{} {path} {:?}: Prism answered {status}: {text}",
            seen.method,
            seen.body
        );
    }
}
