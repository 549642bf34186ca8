//! What every project tracker must do against its stateful fake, on the tracker seed: pages,
//! the unified search, cursors (`reads.rs`), what is missing or refused (`errors.rs`), and
//! writes read back (`writes.rs`). Where trackers differ, a tracker declares it in its
//! [`TrackerParticulars`]; write outcomes more than one tracker declares are in `outcomes.rs`.
//!
//! The seed's `PLAT` holds 45 work items, `PLAT-n` in Backlog, Todo, In Progress, Done and
//! Won't Do by `n % 5` (Backlog for `n % 5 == 0`), the even ones labelled `bug`, every third
//! assigned to Ben; `WEB` holds five, `OPS` three.

mod errors;
mod outcomes;
mod reads;
mod writes;

pub use errors::{
    a_missing_work_item_is_not_found_by_every_operation,
    a_missing_work_item_is_not_found_when_read, a_refusal_of_the_credentials_scope_is_forbidden,
    a_transition_to_a_state_the_project_lacks_is_a_conflict_and_writes_nothing,
};
pub use outcomes::{a_labelled_create, an_unknown_label_refused, the_projects_lookup_failing};
pub use reads::{
    a_cursor_that_was_not_issued_is_refused, a_project_pages_through_every_item_once,
    hostile_search_text_stays_a_value, projects_page_through_to_the_end,
    the_search_narrows_by_status_category_label_and_assignee,
};
pub use writes::{
    a_comment_keeps_its_markdown, a_created_work_item_reads_back_as_written,
    an_update_changes_only_the_fields_it_names, transitions_reach_a_category_and_a_named_state,
};

use crate::adapter::all_pages;
use crate::conformance::Fixture;
use mosaic_core::{OpId, Provider};
use mosaic_fake_kit::server::Scripted;
use serde_json::Value;
use std::collections::BTreeSet;

/// What trackers differ in, as the shared checks need to know it.
#[derive(Clone, Debug)]
pub struct TrackerParticulars {
    /// How the tracker refuses what a credential may not do.
    pub forbidden: Forbidden,
    /// The key of the next work item filed in the seed's `WEB`: [`PER_PROJECT`] where each
    /// project numbers its own (Jira, Linear, Plane), the server's next number where one
    /// count runs across every project (Redmine: `WEB-56`, after the seed's 55).
    pub next_in_web: &'static str,
}

/// The key of the next work item of `WEB` where each project numbers its own.
pub const PER_PROJECT: &str = "WEB-6";

/// How a tracker refuses what a credential may not do.
#[derive(Clone, Copy, Debug)]
pub enum Forbidden {
    /// HTTP 403, with the tracker's error body.
    Status403,
    /// As its fake scripts it (Linear: HTTP 400 with the code `FORBIDDEN`).
    Scripted(fn(&str) -> Scripted),
}

/// The tracker seed's project and work item for the provider conformance suite, which moves
/// the work item it creates to `transition_to` (Jira's workflow reaches Done only from a
/// started status; the others have no workflow rules).
pub fn fixture(transition_to: &str) -> Fixture {
    Fixture {
        project: Some("PLAT".into()),
        work_item: Some("PLAT-1".into()),
        transition_to: Some(transition_to.into()),
        ..Fixture::default()
    }
}

/// The `key` of every item, each once: what a check of which items came back compares.
pub fn keys(items: &[Value]) -> BTreeSet<String> {
    keys_in_order(items).into_iter().collect()
}

/// The `key` of every item, in the order given: what a check of an order compares.
pub fn keys_in_order(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|item| item["key"].as_str().unwrap().to_owned())
        .collect()
}

/// Every work item a search with `arguments` finds, following its cursors.
pub async fn search_all(provider: &dyn Provider, arguments: Value) -> Vec<Value> {
    all_pages(provider, OpId::PmIssuesSearch, arguments).await.0
}
