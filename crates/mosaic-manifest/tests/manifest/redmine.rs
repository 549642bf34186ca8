//! `plugins/redmine.yaml` passes the shared tracker suite against the Redmine fake — the
//! tracker seed every native tracker is checked on, in Redmine's own wire shapes — declaring
//! where Redmine differs: it numbers issues once across the server (a work item filed in `WEB`
//! is `WEB-56` on the seed). Beside the suite: a failed read back after a `204`, and keys
//! whose number is another project's issue.

use super::shipped;
use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fakes::knobs::Scripted;
use mosaic_fakes::redmine;
use mosaic_testkit::adapter::tracker::{self, Forbidden, TrackerParticulars};
use mosaic_testkit::adapter::{
    AfterTheWrite, Credential, Declaration, Fake, Revalidation, Subject, Suite, TrackerSuite,
    Unreadable, WriteOutcomes, call,
};
use serde_json::json;

/// The Redmine manifest, as the shared tracker suite runs it.
pub fn suite() -> TrackerSuite {
    let (text, origin) = shipped("redmine.yaml");
    let plugin = mosaic_manifest::load(&text, &origin).unwrap_or_else(|errors| panic!("{errors}"));
    Suite {
        subject: Subject {
            plugin,
            fake: Fake {
                style: redmine::style,
                routes: redmine::routes,
            },
            credential: Credential::TOKEN,
            settings: json!({}),
        },
        declaration: Declaration {
            id: "redmine-manifest@1.0.0",
            kinds: vec![ServiceKind::Pm],
        },
        // A new work item is in Backlog, and PLAT's workflow reaches Done only from a started
        // status.
        fixture: tracker::fixture("in_progress"),
        quota: None,
        // Redmine sends no `ETag` of its own; a proxy in front may.
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: WriteOutcomes {
            // A create is answered with the issue: a body that cannot be read names nothing
            // (the manifest reads the id from the body it could not read).
            unreadable: vec![Unreadable {
                write: tracker::a_labelled_create(),
                answer: "<html>oops</html>",
                names: None,
            }],
            // Nothing follows a create; a change's read back is checked below.
            after_the_write: AfterTheWrite::Nothing,
            refused: vec![tracker::an_unknown_label_refused()],
            // Every write first looks up the projects (for their ids and categories).
            before_the_write: tracker::the_projects_lookup_failing(tracker::a_labelled_create()),
        },
        particulars: TrackerParticulars {
            forbidden: Forbidden::Status403,
            // Redmine numbers issues once across the server: the seed holds 55.
            next_in_web: "WEB-56",
        },
    }
}

mosaic_testkit::tracker_suite!(suite);

/// A change Redmine accepted (`204`) whose read back fails is unconfirmed, never "not
/// performed", and the change was made.
#[tokio::test]
async fn a_change_whose_read_back_fails_is_unconfirmed() {
    let (server, provider) = suite().subject.seeded().await;
    server
        .state()
        .knobs
        .fail_after_next_write(Scripted::status(503, "read back unavailable"));
    let error = call(
        provider.as_ref(),
        OpId::PmIssuesUpdate,
        json!({"key": "PLAT-2", "title": "Renamed"}),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&error, ProviderError::WriteUnconfirmed { reason, .. } if reason.starts_with("it was sent, but reading it back failed")),
        "{error:?}"
    );
    assert_eq!(
        server.state().data().item("PLAT-2").unwrap().title,
        "Renamed"
    );
}

/// An issue number of another project than the key names is not found by a read and by a
/// write, and nothing is written: the number alone is Redmine's id.
#[tokio::test]
async fn a_key_naming_another_projects_issue_is_not_found() {
    let (server, provider) = suite().subject.seeded().await;
    // Issue 3 is PLAT's.
    for (op, arguments) in [
        (OpId::PmIssuesGet, json!({"key": "WEB-3"})),
        (OpId::PmIssuesUpdate, json!({"key": "WEB-3", "title": "x"})),
        (OpId::PmIssuesComment, json!({"key": "WEB-3", "body": "x"})),
    ] {
        let error = call(provider.as_ref(), op, arguments).await.unwrap_err();
        assert_eq!(error, ProviderError::NotFound("work item `WEB-3`".into()));
    }
    assert!(server.state().requests().iter().all(|seen| !seen.write));
}
