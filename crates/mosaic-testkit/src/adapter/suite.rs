//! The declaration a provider makes once: [`Suite`] says what the shared checks need to know
//! of a provider — its plugin and fake, what the plugin declares, the conformance fixture,
//! and, as data, where it differs from the others of its kind (whether it sends a quota,
//! how it revalidates, what its writes answer when they go wrong). The macros turn it into
//! one test per shared behaviour, named for that behaviour:
//!
//! ```ignore
//! /// GitHub, as the shared forge suite runs it.
//! pub fn suite() -> ForgeSuite { Suite { subject: …, quota: Some(5000), … } }
//!
//! mosaic_testkit::forge_suite!(suite);
//! ```
//!
//! The declaration is a plain function, so that the compiler checks it field by field and
//! `rustfmt` keeps it tidy; a provider's own tests start from it too (`suite().subject.seeded()`).
//! The invoking crate needs `tokio` with its test macros (every provider has it).

use super::declared::Declaration;
use super::outcomes::WriteOutcomes;
use super::revalidation::Revalidation;
use super::subject::Subject;
use crate::conformance::Fixture;

/// Everything the shared checks need of one provider with a stateful fake over data `D`
/// (a forge, a tracker, a wiki), with what only providers of its kind differ in as `P`.
pub struct Suite<D, P> {
    /// The plugin and its fake.
    pub subject: Subject<D>,
    /// What the plugin declares of itself.
    pub declaration: Declaration,
    /// The seed's resources, for the provider conformance suite.
    pub fixture: Fixture,
    /// The quota the provider reports on every answer, per window; `None` when it sends
    /// none of its own (only a proxy in front might).
    pub quota: Option<u64>,
    /// How repeated reads are revalidated.
    pub revalidation: Revalidation,
    /// What a caller is told of writes that go wrong, case by case.
    pub write_outcomes: WriteOutcomes,
    /// What providers of this kind differ in.
    pub particulars: P,
}

/// A forge's declaration.
pub type ForgeSuite = Suite<mosaic_fake_kit::forge::Forge, super::forge::ForgeParticulars>;

/// A tracker's declaration.
pub type TrackerSuite =
    Suite<mosaic_fake_kit::tracker::Tracker, super::tracker::TrackerParticulars>;

/// A CI service's declaration, its fake over data `D`: the CI data itself, or data that holds
/// it with more of the fake's own (Jenkins' crumbs and queue).
pub type CiSuite<D = mosaic_fake_kit::builds::Builds> = Suite<D, super::ci::CiParticulars>;

/// A knowledge base's declaration, its fake over data `D`: the wiki itself (BookStack), or
/// data that holds it with more of the fake's own (Notion's truncation limit).
pub type KbSuite<D = mosaic_fake_kit::wiki::Wiki> = Suite<D, super::kb::KbParticulars>;

/// Declares the shared suite of a Git forge: one test per behaviour every forge shows, run
/// with the [`ForgeSuite`] that `$suite()` returns.
#[macro_export]
macro_rules! forge_suite {
    ($suite:path) => {
        $crate::__forge_reads! { __suite_with_a_fake, $suite, [
            forge::error_statuses_become_typed_errors,
            forge::a_filed_issue_reads_back_as_written,
            forge::an_edit_changes_only_what_it_names_and_reads_back,
            forge::a_comment_is_counted_on_its_issue,
            forge::a_merged_pull_request_reads_back_as_merged_and_is_not_merged_twice,
        ] }
    };
}

/// Declares the shared suite of a Git forge's reads, for a plugin that serves only those (a
/// declarative manifest): every check of [`forge_suite!`](crate::forge_suite) that writes
/// nothing, with the declaration and conformance checks expecting every read of the kinds
/// and no write. Native forges declare the whole suite.
#[macro_export]
macro_rules! forge_reads_suite {
    ($suite:path) => {
        $crate::__forge_reads! { __reads_suite_with_a_fake, $suite, [
            forge::read_error_statuses_become_typed_errors,
        ] }
    };
}

/// The reads every forge shows, whether its plugin writes or not, handed with `$more` checks
/// to `$crate::$with_a_fake` (the whole suite's frame or the reads-only one).
#[doc(hidden)]
#[macro_export]
macro_rules! __forge_reads {
    ($with_a_fake:ident, $suite:path, [$($more:tt)*]) => {
        $crate::$with_a_fake! { $suite, [
            forge::issues_page_through_to_the_end,
            forge::issues_filter_by_label,
            forge::pull_requests_filter_by_state_with_merged_among_closed,
            forge::repositories_are_listed_by_owner_and_an_unknown_owner_is_not_found,
            forge::commits_page_through_a_branch,
            forge::files_are_decoded_as_text_or_kept_as_base64,
            $($more)*
        ] }
    };
}

/// Declares the shared suite of a project tracker: one test per behaviour every tracker
/// shows, run with the [`TrackerSuite`] that `$suite()` returns.
#[macro_export]
macro_rules! tracker_suite {
    ($suite:path) => {
        $crate::__tracker_reads! { __suite_with_a_fake, $suite, [
            tracker::a_missing_work_item_is_not_found_by_every_operation,
            tracker::a_transition_to_a_state_the_project_lacks_is_a_conflict_and_writes_nothing,
            tracker::a_created_work_item_reads_back_as_written,
            tracker::an_update_changes_only_the_fields_it_names,
            tracker::transitions_reach_a_category_and_a_named_state,
            tracker::a_comment_keeps_its_markdown,
        ] }
    };
}

/// Declares the shared suite of a project tracker's reads, for a plugin that serves only
/// those (a declarative manifest whose writes are not all mapped): every check of
/// [`tracker_suite!`](crate::tracker_suite) that writes nothing, with the declaration and
/// conformance checks expecting every read of the kinds and no write.
#[macro_export]
macro_rules! tracker_reads_suite {
    ($suite:path) => {
        $crate::__tracker_reads! { __reads_suite_with_a_fake, $suite, [
            tracker::a_missing_work_item_is_not_found_when_read,
        ] }
    };
}

/// The reads every tracker shows, whether its plugin writes or not, handed with `$more`
/// checks to `$crate::$with_a_fake` (the whole suite's frame or the reads-only one).
#[doc(hidden)]
#[macro_export]
macro_rules! __tracker_reads {
    ($with_a_fake:ident, $suite:path, [$($more:tt)*]) => {
        $crate::$with_a_fake! { $suite, [
            tracker::a_project_pages_through_every_item_once,
            tracker::projects_page_through_to_the_end,
            tracker::the_search_narrows_by_status_category_label_and_assignee,
            tracker::hostile_search_text_stays_a_value,
            tracker::a_cursor_that_was_not_issued_is_refused,
            tracker::a_refusal_of_the_credentials_scope_is_forbidden,
            $($more)*
        ] }
    };
}

/// Declares the shared suite of a knowledge base: one test per behaviour every knowledge base
/// shows, run with the [`KbSuite`] that `$suite()` returns.
#[macro_export]
macro_rules! kb_suite {
    ($suite:path) => {
        $crate::__suite_with_a_fake! { $suite, [
            kb::spaces_page_through_to_the_end,
            kb::a_search_inside_a_space_pages_through_every_match_once,
            kb::a_search_keeps_to_its_space_and_without_one_spans_them_all,
            kb::a_cursor_that_was_not_issued_is_refused,
            kb::a_page_reads_as_markdown,
            kb::a_page_written_as_html_reads_as_markdown,
            kb::a_missing_page_is_not_found_by_every_operation,
            kb::refusals_carry_the_providers_message,
            kb::a_created_page_reads_back_as_written,
            kb::an_update_moves_the_version_on_and_reads_back,
            kb::a_stale_version_is_a_conflict_naming_the_current_one,
        ] }
    };
}

/// Declares the shared suite of a CI service: one test per behaviour every CI service shows,
/// run on the CI seed with the [`CiSuite`] that `$suite()` returns.
#[macro_export]
macro_rules! ci_suite {
    ($suite:path) => {
        $crate::__suite_with_a_fake! { $suite, [
            ci::runs_page_through_newest_first,
            ci::a_finished_run_reads_with_its_log,
            ci::a_triggered_run_is_followed_to_its_end_by_offsets,
            ci::a_missing_run_is_not_found,
            ci::cancelling_a_finished_run_is_a_conflict,
        ] }
    };
}

/// Declares the shared suite of a provider without a fake (the simulator): the provider
/// conformance suite and the plugin's declaration, run with the
/// [`ProviderSuite`](super::declared::ProviderSuite) that `$suite()` returns.
#[macro_export]
macro_rules! provider_suite {
    ($suite:path) => {
        $crate::__suite_tests! { $suite,
            running [
                declared::passes_the_provider_conformance_suite,
                declared::the_plugin_declaration_holds,
            ],
            paused []
        }
    };
}

/// The tests of every provider with a fake, whatever its kind, and those of its kind.
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_with_a_fake {
    ($suite:path, [$($of_its_kind:tt)*]) => {
        $crate::__checks_with_a_fake! { $suite, [
            declared::passes_the_provider_conformance_suite,
            declared::the_plugin_declaration_holds,
            outcomes::an_accepted_but_unreadable_answer_leaves_the_write_unconfirmed,
            outcomes::a_failure_after_the_write_leaves_it_unconfirmed,
            outcomes::a_refused_write_is_an_ordinary_error_and_nothing_is_written,
            outcomes::a_failed_lookup_before_the_write_is_an_ordinary_error,
            $($of_its_kind)*
        ] }
    };
}

/// The tests of every read-only plugin with a fake, whatever its kind (the declaration and
/// conformance expecting reads only, and no write outcome), and the reads of its kind.
#[doc(hidden)]
#[macro_export]
macro_rules! __reads_suite_with_a_fake {
    ($suite:path, [$($of_its_kind:tt)*]) => {
        $crate::__checks_with_a_fake! { $suite, [
            declared::passes_the_provider_conformance_suite_reading,
            declared::the_plugin_declaration_of_reads_holds,
            $($of_its_kind)*
        ] }
    };
}

/// The checks every plugin with a fake passes, reads only or not (limits, revalidation and
/// failures all show on reads), with `$own` checks of the frame and kind that call it.
#[doc(hidden)]
#[macro_export]
macro_rules! __checks_with_a_fake {
    ($suite:path, [$($own:tt)*]) => {
        $crate::__suite_tests! { $suite,
            running [
                limits::a_429_with_retry_after_is_rate_limited_with_that_wait,
                limits::the_quota_is_read_from_every_answer,
                limits::a_spent_quota_is_reported_and_refused_as_rate_limited,
                revalidation::a_repeated_read_is_revalidated_where_validators_are_offered,
                revalidation::without_validators_a_repeated_read_is_sent_in_full,
                revalidation::a_revalidated_page_keeps_its_cursor,
                failures::credentials_the_provider_refuses_are_unauthenticated_and_unhealthy,
                failures::a_provider_that_is_down_is_unavailable,
                failures::an_unreachable_provider_is_unavailable_naming_its_address,
                $($own)*
            ],
            paused [
                limits::a_spent_quota_comes_back_after_its_reset,
                failures::a_provider_that_does_not_answer_is_cut_off_by_the_callers_deadline,
            ]
        }
    };
}

/// One `#[tokio::test]` per check, named as the check; `paused` ones on tokio's paused clock.
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_tests {
    (
        $suite:path,
        running [$($module:ident::$check:ident),* $(,)?],
        paused [$($paused_module:ident::$paused_check:ident),* $(,)?]
    ) => {
        $(
            #[tokio::test]
            async fn $check() {
                $crate::adapter::$module::$check(&$suite()).await;
            }
        )*
        $(
            #[tokio::test(start_paused = true)]
            async fn $paused_check() {
                $crate::adapter::$paused_module::$paused_check(&$suite()).await;
            }
        )*
    };
}
