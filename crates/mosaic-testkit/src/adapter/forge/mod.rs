//! What every Git forge must do against its stateful fake, on the forge seed: pages, filters,
//! repositories, commits and files (`reads.rs`), its error statuses as typed errors
//! (`errors.rs`), and writes read back (`writes.rs`). Where forges differ, a forge declares it
//! in its [`ForgeParticulars`].

mod errors;
mod reads;
mod writes;

pub use errors::{error_statuses_become_typed_errors, read_error_statuses_become_typed_errors};
pub use reads::{
    commits_page_through_a_branch, files_are_decoded_as_text_or_kept_as_base64,
    issues_filter_by_label, issues_page_through_to_the_end,
    pull_requests_filter_by_state_with_merged_among_closed,
    repositories_are_listed_by_owner_and_an_unknown_owner_is_not_found,
};
pub use writes::{
    a_comment_is_counted_on_its_issue, a_filed_issue_reads_back_as_written,
    a_merged_pull_request_reads_back_as_merged_and_is_not_merged_twice,
    an_edit_changes_only_what_it_names_and_reads_back,
};

pub use super::subject::REPO;
use crate::conformance::Fixture;
use serde_json::Value;

/// What forges differ in, as the shared checks need to know it.
#[derive(Clone, Debug)]
pub struct ForgeParticulars {
    /// The query parameter that carries a list's page size (`per_page`; Gitea's `limit`).
    pub page_size_parameter: &'static str,
    /// The code of the error a pull request from a branch that does not exist is refused
    /// with (`invalid_input`; Gitea's `not_found`).
    pub unknown_source_branch: &'static str,
}

/// The forge seed's repository, issue, pull request, file and branches, for the provider
/// conformance suite. Pull requests are opened from `develop`, which has none open
/// (`feature/login` has #46); the seed carries the `conformance` label the suite files its
/// issue with.
pub fn fixture() -> Fixture {
    Fixture {
        repo: Some(REPO.into()),
        issue: Some(1),
        pull: Some(46),
        file: Some("README.md".into()),
        source_branch: Some("develop".into()),
        target_branch: Some("main".into()),
        ..Fixture::default()
    }
}

/// The `number` of every item, sorted.
fn numbers(items: &[Value]) -> Vec<u64> {
    let mut numbers: Vec<u64> = items
        .iter()
        .map(|item| item["number"].as_u64().unwrap())
        .collect();
    numbers.sort_unstable();
    numbers
}
