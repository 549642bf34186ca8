//! [`NotionData`] as the shared suites start it and read it ([`Seed`], with the `suite`
//! feature): the wiki seed as Notion answers it, and the shared reads of the wiki seed
//! (`mosaic_testkit::adapter::kb::seed`) with the pages' ids as this fake writes them, UUIDs
//! (`ids.rs`). The impl lives here because the data is this crate's and the trait the
//! testkit's.

use super::NotionData;
use super::ids::page_id;
use mosaic_core::OpId;
use mosaic_testkit::adapter::Seed;
use mosaic_testkit::adapter::kb::seed;
use serde_json::Value;

impl Seed for NotionData {
    fn seeded() -> Self {
        NotionData::seeded()
    }

    fn a_read() -> (OpId, Value) {
        seed::a_read(page_id)
    }

    fn another_read() -> (OpId, Value) {
        seed::another_read(page_id)
    }

    fn a_page() -> (OpId, Value) {
        seed::a_page()
    }

    fn rename_what_is_read(&mut self, title: &str) {
        seed::rename_what_is_read(&mut self.wiki, title);
    }
}
