//! What every knowledge base must do against its stateful fake, on the wiki seed
//! ([`Wiki::seeded`]): spaces and searches in pages, pages read as Markdown whatever they were
//! written in, cursors (`reads.rs`), what is missing or refused (`errors.rs`), and writes read
//! back with their versions (`writes.rs`). Where bases differ, a base declares it in its
//! [`KbParticulars`]: how it writes the seed's page ids, its error body, whether its search
//! reads bodies, and how it versions pages.
//!
//! The seed's `ENG` holds `Runbook 1` … `Runbook 45` (every third escalates to on-call) and two
//! architecture pages, `PRODUCT` five roadmaps and `Pricing`, written as HTML, `OPS` one page
//! at version 3. Space keys are compared without regard to case (BookStack's keys are its
//! lower-case slugs). The checks address pages by the seed's own numbers (`Runbook 1` is 1009)
//! written as the base writes ids ([`KbParticulars::page_id`]: BookStack the number, Notion a
//! UUID), and so do the reads every suite shares (`seed.rs`), which a base's fake data
//! implements [`Seed`] with: [`Wiki`] here, a fake that holds more than the wiki (Notion's
//! `NotionData`) in its own crate.
//!
//! A base's data type is its suite's first parameter ([`KbSuite<D>`](crate::adapter::KbSuite),
//! [`Wiki`] by default): the checks here read only what the provider answers and what the fake
//! logged, never the data itself.

mod errors;
mod reads;
pub mod seed;
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
use mosaic_fake_kit::wiki::{Page, Wiki};
use serde_json::Value;
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
    /// The id the base answers for the seed's page numbered `n` (BookStack: the number;
    /// Notion: the fake's UUID of it).
    pub page_id: fn(u64) -> String,
    /// The base's error body for a refusal with `status` and `message`, as its fake
    /// renders it (BookStack's `{"error": {"code", "message"}}`).
    pub error_body: fn(u16, &str) -> Value,
    /// What its search reads of a page.
    pub search: Matching,
    /// The version the base answers for a page of the seed, as the wiki holds the page
    /// (BookStack: its revision count, from 1; Notion, which keeps none: its last edit in
    /// Unix seconds). Whatever it is, a change moves it on.
    pub version: fn(&Page) -> u64,
}

/// What a base's search matches a query against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matching {
    /// Titles and bodies (BookStack, Confluence): `on-call` finds the runbooks that escalate
    /// to it and OPS's `On-call`.
    TitlesAndBodies,
    /// Titles only, never a body (Notion's `POST /search`): `on-call` finds OPS's `On-call`
    /// alone.
    TitlesOnly,
}

/// The wiki seed's space, page and search text for the provider conformance suite: text some
/// page contains, in its title where the base searches nothing else.
pub fn fixture(particulars: &KbParticulars) -> Fixture {
    let query = match particulars.search {
        Matching::TitlesAndBodies => "escalate",
        Matching::TitlesOnly => "Runbook",
    };
    Fixture {
        space: Some("ENG".into()),
        page: Some((particulars.page_id)(runbook(1))),
        query: Some(query.into()),
        ..Fixture::default()
    }
}

/// The wiki seed's own page numbers: the checks here and the shared reads (`seed.rs`).
fn numbered(n: u64) -> String {
    n.to_string()
}

impl Seed for Wiki {
    fn seeded() -> Self {
        Wiki::seeded()
    }

    fn a_read() -> (OpId, Value) {
        seed::a_read(numbered)
    }

    fn another_read() -> (OpId, Value) {
        seed::another_read(numbered)
    }

    fn a_page() -> (OpId, Value) {
        seed::a_page()
    }

    fn rename_what_is_read(&mut self, title: &str) {
        seed::rename_what_is_read(self, title);
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
