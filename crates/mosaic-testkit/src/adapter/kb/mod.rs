//! What every knowledge base must do against its stateful fake, on the wiki seed
//! ([`Wiki::seeded`]): spaces and searches in pages, pages read as Markdown whatever they were
//! written in, cursors (`reads.rs`), what is missing or refused (`errors.rs`), and writes read
//! back with their versions (`writes.rs`). Where bases differ, a base declares it in its
//! [`KbParticulars`].
//!
//! The seed's `ENG` holds `Runbook 1` … `Runbook 45` (every third escalates to on-call) and two
//! architecture pages, `PRODUCT` five roadmaps and `Pricing`, written as HTML, `OPS` one page
//! at version 3. Space keys are compared without regard to case (BookStack's keys are its
//! lower-case slugs). The reads every suite shares ([`Seed`]) address pages by the seed's own
//! numbers (`Runbook 1` is 1009): a base whose ids are written otherwise declares how in
//! [`KbParticulars::page_id`] for the checks here, and its [`Seed`] reads need its own ids.

mod errors;
mod reads;
mod writes;

pub use errors::{
    a_missing_page_is_not_found_by_every_operation, refusals_carry_the_providers_message,
};
pub use reads::{
    a_cursor_that_was_not_issued_is_refused, a_page_reads_as_markdown,
    a_page_written_as_html_reads_as_markdown,
    a_search_inside_a_space_pages_through_every_match_once,
    a_search_keeps_to_its_space_and_without_one_spans_them_all, spaces_page_through_to_the_end,
};
pub use writes::{
    a_created_page_reads_back_as_written, a_stale_version_is_a_conflict_naming_the_current_one,
    an_update_moves_the_version_on_and_reads_back,
};

use super::subject::Seed;
use crate::conformance::Fixture;
use mosaic_core::OpId;
use mosaic_fake_kit::wiki::Wiki;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The seed's number of `Runbook n`.
pub fn runbook(n: u64) -> u64 {
    1008 + n
}

/// The seed's number of `Pricing`, the page written as HTML.
pub const PRICING: u64 = 1061;

/// What knowledge bases differ in, as the shared checks need to know it.
#[derive(Clone, Debug)]
pub struct KbParticulars {
    /// The id the base answers for the seed's page numbered `n` (BookStack: the number).
    pub page_id: fn(u64) -> String,
    /// The base's error body for a refusal with `status` and `message`, as its fake
    /// renders it (BookStack's `{"error": {"code", "message"}}`).
    pub error_body: fn(u16, &str) -> Value,
}

/// The wiki seed's space, page and search text for the provider conformance suite.
pub fn fixture(particulars: &KbParticulars) -> Fixture {
    Fixture {
        space: Some("ENG".into()),
        page: Some((particulars.page_id)(runbook(1))),
        query: Some("escalate".into()),
        ..Fixture::default()
    }
}

impl Seed for Wiki {
    fn seeded() -> Self {
        Wiki::seeded()
    }

    fn a_read() -> (OpId, Value) {
        let id = runbook(1).to_string();
        (OpId::KbPagesGet, json!({"space": "ENG", "page_id": id}))
    }

    fn another_read() -> (OpId, Value) {
        let id = runbook(2).to_string();
        (OpId::KbPagesGet, json!({"space": "ENG", "page_id": id}))
    }

    fn a_page() -> (OpId, Value) {
        (
            OpId::KbPagesSearch,
            json!({"query": "runbook", "space": "ENG", "per_page": 5}),
        )
    }

    fn rename_what_is_read(&mut self, title: &str) {
        let id = runbook(1);
        self.page_mut(id).expect("the seed's Runbook 1").title = title.into();
        self.touch(id);
    }
}

/// The `id` of every item.
fn ids(items: &[Value]) -> BTreeSet<String> {
    items
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// A space key as the checks compare them: in upper case.
fn key(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_uppercase()
}
