//! The reads of the wiki seed that the checks of every provider with a fake make
//! ([`Seed`](crate::adapter::Seed): limits, revalidation, failures, write outcomes), written
//! once for every knowledge base whatever its data type. A base's ids are not always the
//! seed's numbers (Notion's are UUIDs), so each read takes the base's `page_id`, as its
//! [`KbParticulars::page_id`](super::KbParticulars::page_id) writes them.

use super::runbook;
use mosaic_core::OpId;
use mosaic_fake_kit::wiki::Wiki;
use serde_json::{Value, json};

/// A read of `Runbook 1` in `ENG`.
pub fn a_read(page_id: fn(u64) -> String) -> (OpId, Value) {
    let id = page_id(runbook(1));
    (OpId::KbPagesGet, json!({"space": "ENG", "page_id": id}))
}

/// A read of `Runbook 2` in `ENG`.
pub fn another_read(page_id: fn(u64) -> String) -> (OpId, Value) {
    let id = page_id(runbook(2));
    (OpId::KbPagesGet, json!({"space": "ENG", "page_id": id}))
}

/// A first page of five of `ENG`'s 45 runbooks (their titles and bodies say `Runbook`, so a
/// base that searches titles only finds them too).
pub fn a_page() -> (OpId, Value) {
    (
        OpId::KbPagesSearch,
        json!({"query": "runbook", "space": "ENG", "per_page": 5}),
    )
}

/// Renames `Runbook 1`, what [`a_read`] reads, to `title`: a change the base sees.
pub fn rename_what_is_read(wiki: &mut Wiki, title: &str) {
    let id = runbook(1);
    wiki.page_mut(id).expect("the seed's Runbook 1").title = title.into();
    wiki.touch(id);
}
