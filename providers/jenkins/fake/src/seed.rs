//! [`JenkinsData`] as the shared suites start it and read it ([`Seed`], with the `suite`
//! feature): the CI seed, and reads of it addressed as the `jenkins` adapter addresses them
//! (a run id is its job's path and `#number`). The impl lives here because the data is this
//! crate's and the trait the testkit's.

use super::JenkinsData;
use mosaic_core::OpId;
use mosaic_testkit::adapter::Seed;
use serde_json::{Value, json};

impl Seed for JenkinsData {
    fn seeded() -> Self {
        JenkinsData::seeded()
    }

    fn a_read() -> (OpId, Value) {
        (
            OpId::CiRunsGet,
            json!({"repo": "acme/api", "run_id": "job/acme/job/api/job/ci#7"}),
        )
    }

    fn another_read() -> (OpId, Value) {
        (
            OpId::CiRunsGet,
            json!({"repo": "acme/api", "run_id": "job/acme/job/api/job/ci#8"}),
        )
    }

    fn a_page() -> (OpId, Value) {
        (OpId::CiRunsList, json!({"repo": "acme/api", "per_page": 5}))
    }

    /// Runs have no title: the checks that rename what is read are not declared for CI.
    fn rename_what_is_read(&mut self, _title: &str) {}
}
