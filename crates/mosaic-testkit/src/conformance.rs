//! The provider conformance suite: what every provider plugin must do, checked the same way
//! for all of them (the simulator now, the native adapters against their fakes).
//!
//! For every operation, [`check_provider`] asks the provider whether it supports it, then:
//! - supported: a call with valid input built from the [`Fixture`] answers `Ok`, the output
//!   is of the same operation, survives a JSON round trip and fits the catalog's output
//!   schema; a list honours `per_page` and following `next_cursor` ends; a get of something
//!   that does not exist answers `NotFound`; what a create made is visible to the next read;
//! - unsupported: the call answers `ProviderError::Unsupported` naming the operation.
//!
//! A panicking provider is caught and reported, not propagated. Failures name the operation
//! and what was wrong; [`Report::assert_ok`] turns them into one readable test failure.
//!
//! What the plugin declares of itself is checked apart, by [`check_plugin`] and
//! [`check_instance`] (`plugin.rs`).

mod flows;
mod inputs;
mod lists;
mod missing;
mod plugin;
mod probe;

pub use plugin::{DeclarationReport, check_instance, check_plugin};

use mosaic_core::{OpId, Provider};
use std::fmt;

/// Existing resources the suite can address. Each provider fills the fields of its kinds;
/// an operation the provider supports whose inputs need a missing field is a failure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fixture {
    /// git, ci: an existing repository, `owner/name`.
    pub repo: Option<String>,
    /// git: an issue number in `repo`.
    pub issue: Option<u64>,
    /// git: a pull request number in `repo`.
    pub pull: Option<u64>,
    /// git: a file path in `repo` on its default branch.
    pub file: Option<String>,
    /// git: a branch of `repo` with changes, to open a pull request from.
    pub source_branch: Option<String>,
    /// git: the branch to open it against (usually the default branch).
    pub target_branch: Option<String>,
    /// ci: a pipeline id of `repo`.
    pub pipeline: Option<String>,
    /// ci: a run id of `repo`.
    pub run: Option<String>,
    /// ci: a ref to trigger `pipeline` at.
    pub git_ref: Option<String>,
    /// kb: a space key.
    pub space: Option<String>,
    /// kb: a page id in `space`.
    pub page: Option<String>,
    /// kb: text that some page contains.
    pub query: Option<String>,
    /// pm: a project key.
    pub project: Option<String>,
    /// pm: a work item key in `project`.
    pub work_item: Option<String>,
    /// pm: a status to transition to (default `done`).
    pub transition_to: Option<String>,
}

impl Fixture {
    /// The resources of the `sim` plugin's seed data, for an instance with a seeded dataset.
    pub fn sim_seed() -> Self {
        Self {
            repo: Some("acme/api".into()),
            issue: Some(1),
            pull: Some(11),
            file: Some("README.md".into()),
            source_branch: Some("feature/rate-limits".into()),
            target_branch: Some("main".into()),
            pipeline: Some("ci".into()),
            run: Some("1001".into()),
            git_ref: Some("main".into()),
            space: Some("OPS".into()),
            page: Some("10006".into()),
            query: Some("on-call".into()),
            project: Some("PLAT".into()),
            work_item: Some("PLAT-1".into()),
            transition_to: Some("done".into()),
        }
    }
}

/// What a failed check was about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Check {
    /// The fixture lacks what a supported operation needs, or holds malformed values.
    Fixture,
    /// A valid call did not answer `Ok` (or panicked).
    Answer,
    /// The output is of another operation.
    OutputKind,
    /// The output did not survive `to_json` then `from_json`.
    RoundTrip,
    /// The output does not fit the operation's output schema.
    Schema,
    /// An unsupported operation did not answer `Unsupported` naming it.
    Unsupported,
    /// A list ignored `per_page` or its cursors did not end.
    Pagination,
    /// A get of something missing did not answer `NotFound`.
    NotFound,
    /// What a create made was not visible to the next read.
    ReadAfterWrite,
}

/// One failed check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The operation checked.
    pub op: OpId,
    /// The kind of check.
    pub check: Check,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{:?}]: {}", self.op.name(), self.check, self.message)
    }
}

/// The outcome of the suite.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// How many individual checks ran (passed or failed).
    pub checks: usize,
    /// Supported operations that were called.
    pub supported: Vec<OpId>,
    /// Operations the provider declared unsupported.
    pub unsupported: Vec<OpId>,
    /// Every failed check.
    pub failures: Vec<Failure>,
}

impl Report {
    /// Whether every check passed.
    pub fn is_ok(&self) -> bool {
        self.failures.is_empty()
    }

    /// Panics with every failure listed, for use in tests.
    #[track_caller]
    pub fn assert_ok(&self) {
        assert!(self.is_ok(), "{self}");
    }

    /// The failures of one operation.
    pub fn failures_of(&self, op: OpId) -> impl Iterator<Item = &Failure> {
        self.failures.iter().filter(move |failure| failure.op == op)
    }

    fn fail(&mut self, op: OpId, check: Check, message: impl Into<String>) {
        self.failures.push(Failure {
            op,
            check,
            message: message.into(),
        });
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "provider conformance: {} checks over {} supported and {} unsupported operations, {} failed",
            self.checks,
            self.supported.len(),
            self.unsupported.len(),
            self.failures.len()
        )?;
        for failure in &self.failures {
            write!(f, "\n  {failure}")?;
        }
        Ok(())
    }
}

/// Runs the whole suite against one provider instance. The suite writes (it creates an
/// issue, a pull request it then merges, a run it then cancels, a page and a work item), so
/// point it at data made for tests.
pub async fn check_provider(provider: &dyn Provider, fixture: &Fixture) -> Report {
    let mut suite = Suite {
        provider,
        fixture,
        created: Created::default(),
        report: Report::default(),
    };
    suite.git().await;
    suite.ci().await;
    suite.kb().await;
    suite.pm().await;
    suite.lists().await;
    suite.missing().await;
    suite.report
}

/// The suite's state while it runs.
struct Suite<'a> {
    provider: &'a dyn Provider,
    fixture: &'a Fixture,
    created: Created,
    report: Report,
}

/// What the suite's own writes created, so that later writes change those and not the
/// fixture's resources.
#[derive(Debug, Default)]
struct Created {
    issue: Option<u64>,
    pull: Option<u64>,
    run: Option<String>,
    page: Option<(String, u64)>,
    work_item: Option<String>,
}

#[cfg(test)]
mod tests;
