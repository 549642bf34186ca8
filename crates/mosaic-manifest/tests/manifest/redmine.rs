//! `plugins/redmine.yaml` passes the shared tracker suite against the Redmine fake — the
//! tracker seed every native tracker is checked on, in Redmine's own wire shapes — but for
//! one check: a created work item is not `WEB-6`, since Redmine numbers issues once across
//! the server (the seed's 55 issues make the next one `WEB-56`). That check is told here
//! with Redmine's numbering, and so is a failed read back after a `204`.

use super::shipped;
use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fakes::knobs::Scripted;
use mosaic_fakes::redmine;
use mosaic_testkit::adapter::tracker::{self, Forbidden, TrackerParticulars};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Expected, Fake, Refused, Revalidation,
    Subject, Suite, TrackerSuite, Unreadable, WriteOutcomes, call,
};
use serde_json::{Value, json};

/// A labelled work item filed in `WEB`.
fn create() -> (OpId, Value) {
    (
        OpId::PmIssuesCreate,
        json!({"project": "WEB", "title": "Orders fail", "labels": ["bug"]}),
    )
}

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
                write: create(),
                answer: "<html>oops</html>",
                names: None,
            }],
            // Nothing follows a create; a change's read back is checked below.
            after_the_write: AfterTheWrite::Nothing,
            refused: vec![Refused {
                write: (
                    OpId::PmIssuesUpdate,
                    json!({"key": "PLAT-2", "labels": ["nope"]}),
                ),
                error: Expected::Kind("invalid_input"),
            }],
            // Every write first looks up the projects (for their ids and categories).
            before_the_write: BeforeTheWrite::Lookup {
                write: create(),
                failure: Scripted::status(503, "projects unavailable"),
                error: ProviderError::Unavailable("projects unavailable".into()),
            },
        },
        particulars: TrackerParticulars {
            forbidden: Forbidden::Status403,
        },
    }
}

// Every check of `tracker_suite!` but `a_created_work_item_reads_back_as_written`, which
// expects a tracker numbering work items per project.
mosaic_testkit::__suite_tests! { suite,
    running [
        declared::passes_the_provider_conformance_suite,
        declared::the_plugin_declaration_holds,
        limits::a_429_with_retry_after_is_rate_limited_with_that_wait,
        limits::the_quota_is_read_from_every_answer,
        limits::a_spent_quota_is_reported_and_refused_as_rate_limited,
        revalidation::a_repeated_read_is_revalidated_where_validators_are_offered,
        revalidation::without_validators_a_repeated_read_is_sent_in_full,
        revalidation::a_revalidated_page_keeps_its_cursor,
        failures::credentials_the_provider_refuses_are_unauthenticated_and_unhealthy,
        failures::a_provider_that_is_down_is_unavailable,
        failures::an_unreachable_provider_is_unavailable_naming_its_address,
        outcomes::an_accepted_but_unreadable_answer_leaves_the_write_unconfirmed,
        outcomes::a_failure_after_the_write_leaves_it_unconfirmed,
        outcomes::a_refused_write_is_an_ordinary_error_and_nothing_is_written,
        outcomes::a_failed_lookup_before_the_write_is_an_ordinary_error,
        tracker::a_project_pages_through_every_item_once,
        tracker::projects_page_through_to_the_end,
        tracker::the_search_narrows_by_status_category_label_and_assignee,
        tracker::hostile_search_text_stays_a_value,
        tracker::a_cursor_that_was_not_issued_is_refused,
        tracker::a_missing_work_item_is_not_found_by_every_operation,
        tracker::a_refusal_of_the_credentials_scope_is_forbidden,
        tracker::a_transition_to_a_state_the_project_lacks_is_a_conflict_and_writes_nothing,
        tracker::an_update_changes_only_the_fields_it_names,
        tracker::transitions_reach_a_category_and_a_named_state,
        tracker::a_comment_keeps_its_markdown,
    ],
    paused [
        limits::a_spent_quota_comes_back_after_its_reset,
        failures::a_provider_that_does_not_answer_is_cut_off_by_the_callers_deadline,
    ]
}

/// The shared check of a created work item, with Redmine's numbering: the next issue of the
/// server (`WEB-56`), in the backlog, answering what was written and reading back the same.
#[tokio::test]
async fn a_created_work_item_reads_back_as_written_numbered_across_the_server() {
    let description = "## Steps\n\n1. open `/orders`\n2. see **500**\n\n```rust\nfn main() {}\n```";
    let (_server, provider) = suite().subject.seeded().await;
    let created = call(
        provider.as_ref(),
        OpId::PmIssuesCreate,
        json!({
            "project": "WEB", "title": "Orders fail", "description": description,
            "labels": ["bug"], "assignee": "ben@example.com", "priority": "High"
        }),
    )
    .await
    .unwrap();
    assert_eq!(created["key"], "WEB-56");
    assert_eq!(created["project"], "WEB");
    assert_eq!(created["title"], "Orders fail");
    assert_eq!(created["description"], description);
    assert_eq!(created["labels"], json!(["bug"]));
    assert_eq!(created["assignee"], "ben@example.com");
    assert_eq!(created["priority"], "High");
    assert_eq!(created["status_category"], "backlog");
    let read = call(
        provider.as_ref(),
        OpId::PmIssuesGet,
        json!({"key": "WEB-56"}),
    )
    .await
    .unwrap();
    assert_eq!(read, created);
}

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
