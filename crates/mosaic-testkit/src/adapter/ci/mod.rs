//! What every CI service must do against its stateful fake, on the CI seed
//! ([`Builds::seeded`]): runs paged through newest first, a finished run read with its log,
//! a triggered run followed to its end and its log read on from offsets until complete
//! (`runs.rs`), and what is missing or refused (`refusals.rs`). Where services differ, a
//! service declares it in its [`CiParticulars`]: how it writes the seed's run ids, and the
//! pipeline a trigger names.
//!
//! The seed's `acme/api` holds 35 finished runs of its `ci` pipeline, numbered 1 … 35, every
//! fifth failed in its `test` step (`error: 2 tests failed`); each run logs three lines in each
//! of its steps `checkout`, `build` and `test`. A fake moves a run on one stage each time the
//! run is read, so a service's own reads carry a triggered run to its end.

mod refusals;
mod runs;

pub use refusals::{a_missing_run_is_not_found, cancelling_a_finished_run_is_a_conflict};
pub use runs::{
    a_finished_run_reads_with_its_log, a_triggered_run_is_followed_to_its_end_by_offsets,
    runs_page_through_newest_first,
};

use mosaic_fake_kit::builds::{Build, Builds};

/// What CI services differ in, as the shared checks need to know it.
#[derive(Clone, Debug)]
pub struct CiParticulars {
    /// The run id the service answers for the seed's `build` (GitHub Actions: its id;
    /// Woodpecker: its number in its repository; Jenkins: its job and number).
    pub run_id: fn(&Build) -> String,
    /// The pipeline id a trigger of `acme/api` at `main` names.
    pub pipeline: &'static str,
}

/// The seed's build of `acme/api`'s `ci` numbered `number`.
pub fn seed_build(number: u64) -> Build {
    let seed = Builds::seeded();
    let found = seed
        .builds_of(crate::adapter::subject::CI_REPO)
        .find(|build| build.number == number && build.git_ref == "main");
    found.expect("the CI seed's build").clone()
}
