//! What Linear shares with every tracker, declared once: the tests of the shared tracker suite
//! (`mosaic_testkit::tracker_suite!`), run with what differs on Linear — a personal API key,
//! one GraphQL endpoint read with POST (so never revalidated), Linear's hourly quota on every
//! answer, refusals of scope as GraphQL errors, and mutations that look the team, labels and
//! people up first and answer the written work item.

use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_linear::LinearPlugin;
use mosaic_linear_fake as linear;
use mosaic_testkit::adapter::tracker::{self, Forbidden, TrackerParticulars};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Expected, Fake, Refused, Revalidation,
    Subject, Suite, TrackerSuite, Unreadable, WriteOutcomes,
};
use serde_json::{Value, json};
use std::sync::Arc;

/// The personal API key the fake accepts.
pub const API_KEY: &str = "lin_api_t0ken";

/// Linear, as the shared tracker suite runs it.
pub fn suite() -> TrackerSuite {
    Suite {
        subject: Subject {
            plugin: Arc::new(LinearPlugin::default()),
            fake: Fake {
                style: linear::style,
                routes: linear::routes,
            },
            credential: Credential {
                setting: "api_key",
                accepted: API_KEY,
            },
            settings: json!({}),
        },
        declaration: Declaration {
            id: "linear@1.0.0",
            kinds: vec![ServiceKind::Pm],
        },
        // Linear has no workflow rules: Todo reaches Done directly.
        fixture: tracker::fixture("done"),
        quota: Some(linear::HOURLY_REQUESTS),
        revalidation: Revalidation::Never,
        write_outcomes: write_outcomes(),
        particulars: TrackerParticulars {
            forbidden: Forbidden::Scripted(linear::forbidden),
            next_in_web: tracker::PER_PROJECT,
        },
    }
}

/// A work item created in `WEB`.
pub fn create() -> (OpId, Value) {
    (
        OpId::PmIssuesCreate,
        json!({"project": "WEB", "title": "Orders fail"}),
    )
}

/// An answer that is not GraphQL, a payload that does not fit its document, or one without
/// success, names the identifier the payload or the input gives; a label refused, or a lookup
/// failing, before any mutation is sent stays an ordinary error.
fn write_outcomes() -> WriteOutcomes {
    let misshapen_create = r#"{"data": {"issueCreate": {"success": true, "issue": {"id": "u-7", "identifier": "WEB-7"}}}}"#;
    let misshapen_comment =
        r#"{"data": {"commentCreate": {"success": true, "comment": {"id": "c-9"}}}}"#;
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: create(),
                answer: "<html>502</html>",
                names: None,
            },
            Unreadable {
                write: create(),
                answer: misshapen_create,
                names: Some("WEB-7"),
            },
            Unreadable {
                write: create(),
                answer: r#"{"data": {"issueCreate": {"success": false, "issue": null}}}"#,
                names: None,
            },
            Unreadable {
                write: (
                    OpId::PmIssuesUpdate,
                    json!({"key": "PLAT-6", "title": "Renamed"}),
                ),
                answer: "",
                names: Some("PLAT-6"),
            },
            Unreadable {
                write: (
                    OpId::PmIssuesTransition,
                    json!({"key": "PLAT-1", "to": "done"}),
                ),
                answer: r#"{"data": nul"#,
                names: Some("PLAT-1"),
            },
            Unreadable {
                write: (
                    OpId::PmIssuesComment,
                    json!({"key": "PLAT-3", "body": "Seen it."}),
                ),
                answer: misshapen_comment,
                names: Some("c-9"),
            },
        ],
        after_the_write: AfterTheWrite::Nothing,
        refused: vec![Refused {
            write: (
                OpId::PmIssuesCreate,
                json!({"project": "PLAT", "title": "x", "labels": ["urgent-ish"]}),
            ),
            error: Expected::Kind("invalid_input"),
        }],
        before_the_write: BeforeTheWrite::Lookup {
            write: create(),
            failure: linear::forbidden("the key may not read teams"),
            error: ProviderError::Forbidden("the key may not read teams".into()),
        },
    }
}

mosaic_testkit::tracker_suite!(suite);
