//! What Jira shares with every tracker, declared once: the tests of the shared tracker suite
//! (`mosaic_testkit::tracker_suite!`), run with what differs on Jira — Basic credentials of
//! an account's e-mail and API token, a workflow that reaches Done only from a started
//! status, no quota or `ETag`s of its own, and writes that look people up first and read the
//! work item back after.

use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fake_kit::server::Scripted;
use mosaic_jira::JiraPlugin;
use mosaic_jira_fake as jira;
use mosaic_testkit::adapter::tracker::{self, Forbidden, TrackerParticulars};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Expected, FailingAfter, Fake, Refused,
    Revalidation, Subject, Suite, TOKEN, TrackerSuite, Unreadable, WriteOutcomes,
};
use serde_json::{Value, json};
use std::sync::Arc;

/// Jira, as the shared tracker suite runs it. Jira's `Backlog` is a status of its To Do
/// category; the instance under test names it a backlog status, so that its work items sort
/// into every category as the other trackers' do.
pub fn suite() -> TrackerSuite {
    Suite {
        subject: Subject {
            plugin: Arc::new(JiraPlugin::default()),
            fake: Fake {
                style: jira::style,
                routes: jira::routes,
            },
            credential: Credential {
                setting: "api_token",
                accepted: TOKEN,
            },
            settings: json!({"email": jira::EMAIL, "backlog_statuses": ["Backlog"]}),
        },
        declaration: Declaration {
            id: "jira@1.0.0",
            kinds: vec![ServiceKind::Pm],
        },
        fixture: tracker::fixture("in_progress"),
        quota: None,
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: write_outcomes(),
        particulars: TrackerParticulars {
            forbidden: Forbidden::Status403,
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

/// A create answered with something unreadable names the key or id its body gives; creates,
/// updates and transitions read the work item back; labels or people refused, or the people
/// lookup failing, before anything is written stay ordinary errors.
fn write_outcomes() -> WriteOutcomes {
    let nobody = (
        OpId::PmIssuesCreate,
        json!({"project": "PLAT", "title": "x", "assignee": "nobody@example.com"}),
    );
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: create(),
                answer: r#"{"id": "10"#,
                names: None,
            },
            Unreadable {
                write: create(),
                answer: r#"{"id": "10050", "self": "https://acme.atlassian.net/rest/api/3/issue/10050"}"#,
                names: Some("10050"),
            },
            Unreadable {
                write: (
                    OpId::PmIssuesComment,
                    json!({"key": "PLAT-3", "body": "Seen it."}),
                ),
                answer: r#"{"id": "777", "body": 5}"#,
                names: Some("777"),
            },
        ],
        after_the_write: AfterTheWrite::Requests(vec![
            FailingAfter {
                write: create(),
                names: "WEB-6",
                reason: "reading it back failed",
            },
            FailingAfter {
                write: (
                    OpId::PmIssuesUpdate,
                    json!({"key": "PLAT-2", "title": "Renamed"}),
                ),
                names: "PLAT-2",
                reason: "reading it back failed",
            },
            FailingAfter {
                write: (
                    OpId::PmIssuesTransition,
                    json!({"key": "PLAT-2", "to": "done"}),
                ),
                names: "PLAT-2",
                reason: "reading it back failed",
            },
        ]),
        refused: vec![
            Refused {
                write: (
                    OpId::PmIssuesUpdate,
                    json!({"key": "PLAT-2", "labels": ["two words"]}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: nobody.clone(),
                error: Expected::Kind("invalid_input"),
            },
        ],
        before_the_write: BeforeTheWrite::Lookup {
            write: nobody,
            failure: Scripted::status(503, "people unavailable"),
            error: ProviderError::Unavailable("people unavailable".into()),
        },
    }
}

mosaic_testkit::tracker_suite!(suite);
