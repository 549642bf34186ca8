//! What Jenkins shares with every provider with a fake, declared once: the provider
//! conformance suite, the plugin's declaration, rate limits, revalidation, failures and write
//! outcomes, run with what differs on Jenkins — a user and API token, no quota of its own,
//! reads never conditional, triggers that follow their queue item and cancels that read the
//! build back.
//!
//! The checks of `mosaic_testkit::ci_suite!` but one, listed here: a write answered 2xx with an
//! unreadable body has no case on Jenkins, whose writes answer no body the adapter reads (a
//! trigger's answer is its `Location`, a stop's a redirect).

use mosaic_core::{OpId, ProviderError, ServiceKind};
use mosaic_fake_kit::server::Scripted;
use mosaic_jenkins::JenkinsPlugin;
use mosaic_jenkins_fake::{self as jenkins, JenkinsData};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, CiParticulars, CiSuite, Credential, Declaration, Expected,
    FailingAfter, Fake, Refused, Revalidation, Subject, Suite, Unreadable, WriteOutcomes,
};
use mosaic_testkit::conformance::Fixture;
use serde_json::{Value, json};
use std::sync::Arc;

/// The API token the fakes accept, for [`jenkins::USER`].
pub const TOKEN: &str = "jenkins-t0ken";

/// The seed's `acme/api` pipeline `ci`, as its job path.
pub const API_CI: &str = "job/acme/job/api/job/ci";

/// The seed's running build, `acme/web`'s `ci` #1.
pub const WEB_RUN: &str = "job/acme/job/web/job/ci#1";

/// The queue item (and build id) the first trigger on the seed gets.
pub const FIRST_QUEUED: &str = "job/acme/job/api/job/ci#queue-145";

/// Jenkins, as the shared checks run it.
pub fn suite() -> CiSuite<JenkinsData> {
    Suite {
        subject: Subject {
            plugin: Arc::new(JenkinsPlugin::default()),
            fake: Fake {
                style: jenkins::style,
                routes: jenkins::routes,
            },
            credential: Credential {
                setting: "api_token",
                accepted: TOKEN,
            },
            settings: json!({"user": jenkins::USER}),
        },
        declaration: Declaration {
            id: "jenkins@1.0.0",
            kinds: vec![ServiceKind::Ci],
        },
        fixture: Fixture {
            repo: Some("acme/api".into()),
            pipeline: Some(API_CI.into()),
            run: Some(format!("{API_CI}#7")),
            git_ref: Some("main".into()),
            ..Fixture::default()
        },
        quota: None,
        // The adapter sends no conditional requests: Jenkins tags none of its JSON.
        revalidation: Revalidation::Never,
        write_outcomes: write_outcomes(),
        particulars: CiParticulars {
            run_id: |build| format!("{API_CI}#{}", build.number),
            pipeline: API_CI,
        },
    }
}

/// A trigger of `acme/api`'s `ci` at `main`.
pub fn trigger() -> (OpId, Value) {
    (
        OpId::CiRunsTrigger,
        json!({"repo": "acme/api", "pipeline": API_CI, "ref": "main"}),
    )
}

/// A trigger that followed its queue item, and a cancel that read the build back after its
/// stop, name what they wrote when that next request fails; inputs the job does not take, a
/// job of another repository and a finished run are refused before anything is written, and
/// so is a trigger whose lookup of the job's parameters fails.
fn write_outcomes() -> WriteOutcomes {
    WriteOutcomes {
        unreadable: Vec::<Unreadable>::new(),
        after_the_write: AfterTheWrite::Requests(vec![
            FailingAfter {
                write: trigger(),
                names: FIRST_QUEUED,
                reason: "following its queue item failed",
            },
            FailingAfter {
                write: (
                    OpId::CiRunsCancel,
                    json!({"repo": "acme/web", "run_id": WEB_RUN}),
                ),
                names: WEB_RUN,
                reason: "reading it back failed",
            },
        ]),
        refused: vec![
            Refused {
                write: (
                    OpId::CiRunsTrigger,
                    json!({"repo": "acme/api", "pipeline": API_CI, "ref": "main", "inputs": {"colour": "red"}}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (
                    OpId::CiRunsTrigger,
                    json!({"repo": "acme/api", "pipeline": "job/acme/job/web/job/ci", "ref": "main"}),
                ),
                error: Expected::Kind("invalid_input"),
            },
            Refused {
                write: (
                    OpId::CiRunsCancel,
                    json!({"repo": "acme/api", "run_id": format!("{API_CI}#7")}),
                ),
                error: Expected::Kind("conflict"),
            },
        ],
        before_the_write: BeforeTheWrite::Lookup {
            write: trigger(),
            failure: Scripted::status(503, "jobs unavailable"),
            error: ProviderError::Unavailable("jobs unavailable".into()),
        },
    }
}

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
        outcomes::a_failure_after_the_write_leaves_it_unconfirmed,
        outcomes::a_refused_write_is_an_ordinary_error_and_nothing_is_written,
        outcomes::a_failed_lookup_before_the_write_is_an_ordinary_error,
        ci::runs_page_through_newest_first,
        ci::a_finished_run_reads_with_its_log,
        ci::a_triggered_run_is_followed_to_its_end_by_offsets,
        ci::a_missing_run_is_not_found,
        ci::cancelling_a_finished_run_is_a_conflict,
    ],
    paused [
        limits::a_spent_quota_comes_back_after_its_reset,
        failures::a_provider_that_does_not_answer_is_cut_off_by_the_callers_deadline,
    ]
}
