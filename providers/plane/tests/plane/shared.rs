//! What Plane shares with every tracker, declared once: the tests of the shared tracker suite
//! (`mosaic_testkit::tracker_suite!`), run with what differs on Plane — an API key and a
//! workspace, no quota or `ETag`s of its own, refusals in Django REST framework's shape, and
//! writes that look the project up first and read the work item back by key after.

use mosaic_core::{OpId, ServiceKind};
use mosaic_plane::PlanePlugin;
use mosaic_plane_fake as plane;
use mosaic_testkit::adapter::tracker::{self, Forbidden, TrackerParticulars};
use mosaic_testkit::adapter::{
    AfterTheWrite, Credential, Declaration, FailingAfter, Fake, Revalidation, Subject, Suite,
    TrackerSuite, Unreadable, WriteOutcomes,
};
use serde_json::json;
use std::sync::Arc;

/// The API key the fakes accept.
pub const API_KEY: &str = "plane_api_t0ken";

/// Plane, as the shared tracker suite runs it.
pub fn suite() -> TrackerSuite {
    Suite {
        subject: Subject {
            plugin: Arc::new(PlanePlugin::default()),
            fake: Fake {
                style: plane::style,
                routes: plane::routes,
            },
            credential: Credential {
                setting: "api_key",
                accepted: API_KEY,
            },
            settings: json!({"workspace": plane::WORKSPACE}),
        },
        declaration: Declaration {
            id: "plane@1.0.0",
            kinds: vec![ServiceKind::Pm],
        },
        // Plane has no workflow rules: the suite's work item moves straight to Done.
        fixture: tracker::fixture("done"),
        quota: None,
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: write_outcomes(),
        particulars: TrackerParticulars {
            forbidden: Forbidden::Status403,
            next_in_web: tracker::PER_PROJECT,
        },
    }
}

/// A create answered with something unreadable names the id its body gives; creates,
/// updates and transitions whose read back by key fails name the key; labels refused, or the
/// project lookup failing, before anything is written stay ordinary errors.
fn write_outcomes() -> WriteOutcomes {
    WriteOutcomes {
        unreadable: vec![
            Unreadable {
                write: tracker::a_labelled_create(),
                answer: "<html>oops</html>",
                names: None,
            },
            Unreadable {
                write: tracker::a_labelled_create(),
                answer: r#"{"id": "5f0c2a1e-0000-4000-8000-000000000007", "name": "Orders fail"}"#,
                names: Some("5f0c2a1e-0000-4000-8000-000000000007"),
            },
            Unreadable {
                write: (
                    OpId::PmIssuesUpdate,
                    json!({"key": "PLAT-2", "priority": "high"}),
                ),
                answer: "",
                names: Some("PLAT-2"),
            },
        ],
        after_the_write: AfterTheWrite::Requests(vec![
            FailingAfter {
                write: tracker::a_labelled_create(),
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
                    json!({"key": "PLAT-1", "to": "done"}),
                ),
                names: "PLAT-1",
                reason: "reading it back failed",
            },
        ]),
        refused: vec![tracker::an_unknown_label_refused()],
        before_the_write: tracker::the_projects_lookup_failing(tracker::a_labelled_create()),
    }
}

mosaic_testkit::tracker_suite!(suite);
