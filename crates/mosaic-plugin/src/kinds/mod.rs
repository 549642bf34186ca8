//! The kind SDKs and the one contract a plugin's running instance is written against.
//!
//! A plugin writes an [`Instance`]: the hooks it needs (each with a default saying what it
//! does) and, for each resource it serves, the resource's trait (`git.rs`, `pm.rs`, `ci.rs`,
//! `kb.rs`), implemented in the file where that resource's code lives. [`serve`] turns it
//! into the gateway's [`Provider`]: one dispatch for every plugin (`dispatch.rs`), and one
//! place that answers "unsupported by this instance".

mod ci;
mod dispatch;
mod git;
mod kb;
mod pm;

pub use ci::{CiPipelines, CiRuns};
pub use dispatch::{Resource, serve, unsupported};
pub use git::{GitIssues, GitPulls, GitRepos};
pub use kb::{KbPages, KbSpaces};
pub use pm::{PmProjects, PmWorkItems};

use mosaic_core::{DEFAULT_RUN_POLL_INTERVAL, Health, OpId, Quota, Support};
use std::time::Duration;

/// A running instance, as a plugin writes it. Every method has a default; an instance
/// overrides what differs about it.
#[async_trait::async_trait]
pub trait Instance: Send + Sync + 'static {
    /// Whether this instance implements `op`, among the operations of the resources it
    /// serves (an instance configured to serve less says so here). By default: all of them.
    fn supports(&self, _op: OpId) -> Support {
        Support::Supported
    }

    /// Probes the provider. By default: no health check, always healthy.
    async fn health(&self) -> Health {
        Health::Healthy
    }

    /// The provider's last reported quota. By default: none known.
    fn quota(&self) -> Option<Quota> {
        None
    }

    /// How often `ci.runs.wait` reads a run of this instance again. By default:
    /// [`DEFAULT_RUN_POLL_INTERVAL`].
    fn run_poll_interval(&self) -> Duration {
        DEFAULT_RUN_POLL_INTERVAL
    }

    /// `git.repos.*`, `git.branches.list`, `git.files.get`, `git.commits.list`. By default:
    /// not served.
    fn git_repos(&self) -> Option<&dyn GitRepos> {
        None
    }

    /// `git.issues.*`. By default: not served.
    fn git_issues(&self) -> Option<&dyn GitIssues> {
        None
    }

    /// `git.pulls.*`. By default: not served.
    fn git_pulls(&self) -> Option<&dyn GitPulls> {
        None
    }

    /// `ci.pipelines.list`. By default: not served.
    fn ci_pipelines(&self) -> Option<&dyn CiPipelines> {
        None
    }

    /// `ci.runs.*`. By default: not served.
    fn ci_runs(&self) -> Option<&dyn CiRuns> {
        None
    }

    /// `kb.spaces.list`. By default: not served.
    fn kb_spaces(&self) -> Option<&dyn KbSpaces> {
        None
    }

    /// `kb.pages.*`. By default: not served.
    fn kb_pages(&self) -> Option<&dyn KbPages> {
        None
    }

    /// `pm.projects.list`. By default: not served.
    fn pm_projects(&self) -> Option<&dyn PmProjects> {
        None
    }

    /// `pm.issues.*`. By default: not served.
    fn pm_work_items(&self) -> Option<&dyn PmWorkItems> {
        None
    }
}
