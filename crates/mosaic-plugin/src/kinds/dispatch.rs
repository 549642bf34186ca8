//! [`serve`]: an [`Instance`] as the gateway's [`Provider`]. The operation is checked against
//! what the instance serves first — the one place an unsupported operation is answered — and
//! then handed to its resource's trait, so no plugin writes a dispatch of its own or can
//! forget an operation.

use super::Instance;
use mosaic_core::input::ci::{RunRef, RunWait};
use mosaic_core::model::RunWaited;
use mosaic_core::{Health, OpId, Operation, Output, Provider, ProviderError, Quota, Support};
use std::sync::Arc;
use std::time::Duration;

/// The resource traits of the kind SDKs, by which operations are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// [`super::GitRepos`].
    GitRepos,
    /// [`super::GitIssues`].
    GitIssues,
    /// [`super::GitPulls`].
    GitPulls,
    /// [`super::CiPipelines`].
    CiPipelines,
    /// [`super::CiRuns`].
    CiRuns,
    /// [`super::KbSpaces`].
    KbSpaces,
    /// [`super::KbPages`].
    KbPages,
    /// [`super::PmProjects`].
    PmProjects,
    /// [`super::PmWorkItems`].
    PmWorkItems,
}

impl Resource {
    /// The resource an operation belongs to.
    pub fn of(op: OpId) -> Self {
        use OpId::*;
        match op {
            GitReposList | GitReposGet | GitBranchesList | GitFilesGet | GitCommitsList => {
                Self::GitRepos
            }
            GitIssuesList | GitIssuesGet | GitIssuesCreate | GitIssuesUpdate | GitIssuesComment => {
                Self::GitIssues
            }
            GitPullsList | GitPullsGet | GitPullsCreate | GitPullsMerge | GitPullsComment => {
                Self::GitPulls
            }
            CiPipelinesList => Self::CiPipelines,
            CiRunsList | CiRunsGet | CiRunsTrigger | CiRunsCancel | CiRunsLogs | CiRunsWait => {
                Self::CiRuns
            }
            KbSpacesList => Self::KbSpaces,
            KbPagesSearch | KbPagesGet | KbPagesCreate | KbPagesUpdate => Self::KbPages,
            PmProjectsList => Self::PmProjects,
            PmIssuesSearch | PmIssuesGet | PmIssuesCreate | PmIssuesUpdate | PmIssuesTransition
            | PmIssuesComment => Self::PmWorkItems,
        }
    }

    /// How the resource reads in an explanation.
    pub fn describe(self) -> &'static str {
        match self {
            Self::GitRepos => "repositories",
            Self::GitIssues => "Git issues",
            Self::GitPulls => "pull requests",
            Self::CiPipelines => "CI pipelines",
            Self::CiRuns => "CI runs",
            Self::KbSpaces => "knowledge-base spaces",
            Self::KbPages => "knowledge-base pages",
            Self::PmProjects => "projects",
            Self::PmWorkItems => "work items",
        }
    }
}

/// The error for an operation this instance does not serve, and why.
pub fn unsupported(op: OpId, reason: impl Into<String>) -> ProviderError {
    ProviderError::Unsupported {
        operation: op.name().to_owned(),
        reason: reason.into(),
    }
}

/// `ci.runs.wait` as one look at the run. The gateway does the waiting (`mosaic-gateway`'s
/// `wait.rs`): it reads the run again at the instance's [`Instance::run_poll_interval`], each
/// read an attempt under the instance's timeout, rate limit and circuit breaker, so a plugin
/// never holds a call open for the length of a build.
async fn look(runs: &dyn super::CiRuns, input: &RunWait) -> Result<RunWaited, ProviderError> {
    let run = runs
        .runs_get(&RunRef {
            repo: input.repo.clone(),
            run_id: input.run_id.clone(),
        })
        .await?;
    Ok(RunWaited {
        finished: run.status.is_finished(),
        run,
        polls: 1,
        waited_ms: 0,
    })
}

/// The instance as a provider the gateway can call.
pub fn serve(instance: impl Instance) -> Arc<dyn Provider> {
    Arc::new(Served(instance))
}

struct Served<I>(I);

impl<I: Instance> Served<I> {
    fn serves(&self, resource: Resource) -> bool {
        let i = &self.0;
        match resource {
            Resource::GitRepos => i.git_repos().is_some(),
            Resource::GitIssues => i.git_issues().is_some(),
            Resource::GitPulls => i.git_pulls().is_some(),
            Resource::CiPipelines => i.ci_pipelines().is_some(),
            Resource::CiRuns => i.ci_runs().is_some(),
            Resource::KbSpaces => i.kb_spaces().is_some(),
            Resource::KbPages => i.kb_pages().is_some(),
            Resource::PmProjects => i.pm_projects().is_some(),
            Resource::PmWorkItems => i.pm_work_items().is_some(),
        }
    }
}

/// The resource's trait object; `serves` was checked first, so it is there.
macro_rules! api {
    ($instance:expr, $getter:ident, $op:expr) => {
        $instance
            .$getter()
            .ok_or_else(|| unsupported($op, "not served by this instance"))?
    };
}

#[async_trait::async_trait]
impl<I: Instance> Provider for Served<I> {
    fn supports(&self, op: OpId) -> Support {
        let resource = Resource::of(op);
        if self.serves(resource) {
            // Waiting is reading the run until it is over: served wherever reading it is.
            self.0.supports(match op {
                OpId::CiRunsWait => OpId::CiRunsGet,
                other => other,
            })
        } else {
            Support::unsupported(format!(
                "this instance does not serve {}",
                resource.describe()
            ))
        }
    }

    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        use Operation as Op;
        let op = operation.op_id();
        if let Support::Unsupported { reason } = self.supports(op) {
            return Err(unsupported(op, reason));
        }
        let i = &self.0;
        Ok(match operation {
            Op::GitReposList(input) => {
                Output::GitReposList(api!(i, git_repos, op).repos_list(input).await?)
            }
            Op::GitReposGet(input) => {
                Output::GitReposGet(api!(i, git_repos, op).repos_get(input).await?)
            }
            Op::GitBranchesList(input) => {
                Output::GitBranchesList(api!(i, git_repos, op).branches_list(input).await?)
            }
            Op::GitFilesGet(input) => {
                Output::GitFilesGet(api!(i, git_repos, op).files_get(input).await?)
            }
            Op::GitCommitsList(input) => {
                Output::GitCommitsList(api!(i, git_repos, op).commits_list(input).await?)
            }
            Op::GitIssuesList(input) => {
                Output::GitIssuesList(api!(i, git_issues, op).issues_list(input).await?)
            }
            Op::GitIssuesGet(input) => {
                Output::GitIssuesGet(api!(i, git_issues, op).issues_get(input).await?)
            }
            Op::GitIssuesCreate(input) => {
                Output::GitIssuesCreate(api!(i, git_issues, op).issues_create(input).await?)
            }
            Op::GitIssuesUpdate(input) => {
                Output::GitIssuesUpdate(api!(i, git_issues, op).issues_update(input).await?)
            }
            Op::GitIssuesComment(input) => {
                Output::GitIssuesComment(api!(i, git_issues, op).issues_comment(input).await?)
            }
            Op::GitPullsList(input) => {
                Output::GitPullsList(api!(i, git_pulls, op).pulls_list(input).await?)
            }
            Op::GitPullsGet(input) => {
                Output::GitPullsGet(api!(i, git_pulls, op).pulls_get(input).await?)
            }
            Op::GitPullsCreate(input) => {
                Output::GitPullsCreate(api!(i, git_pulls, op).pulls_create(input).await?)
            }
            Op::GitPullsMerge(input) => {
                Output::GitPullsMerge(api!(i, git_pulls, op).pulls_merge(input).await?)
            }
            Op::GitPullsComment(input) => {
                Output::GitPullsComment(api!(i, git_pulls, op).pulls_comment(input).await?)
            }
            Op::CiPipelinesList(input) => {
                Output::CiPipelinesList(api!(i, ci_pipelines, op).pipelines_list(input).await?)
            }
            Op::CiRunsList(input) => {
                Output::CiRunsList(api!(i, ci_runs, op).runs_list(input).await?)
            }
            Op::CiRunsGet(input) => Output::CiRunsGet(api!(i, ci_runs, op).runs_get(input).await?),
            Op::CiRunsTrigger(input) => {
                Output::CiRunsTrigger(api!(i, ci_runs, op).runs_trigger(input).await?)
            }
            Op::CiRunsCancel(input) => {
                Output::CiRunsCancel(api!(i, ci_runs, op).runs_cancel(input).await?)
            }
            Op::CiRunsLogs(input) => {
                Output::CiRunsLogs(api!(i, ci_runs, op).runs_logs(input).await?)
            }
            Op::CiRunsWait(input) => Output::CiRunsWait(look(api!(i, ci_runs, op), input).await?),
            Op::KbSpacesList(input) => {
                Output::KbSpacesList(api!(i, kb_spaces, op).spaces_list(input).await?)
            }
            Op::KbPagesSearch(input) => {
                Output::KbPagesSearch(api!(i, kb_pages, op).pages_search(input).await?)
            }
            Op::KbPagesGet(input) => {
                Output::KbPagesGet(api!(i, kb_pages, op).pages_get(input).await?)
            }
            Op::KbPagesCreate(input) => {
                Output::KbPagesCreate(api!(i, kb_pages, op).pages_create(input).await?)
            }
            Op::KbPagesUpdate(input) => {
                Output::KbPagesUpdate(api!(i, kb_pages, op).pages_update(input).await?)
            }
            Op::PmProjectsList(input) => {
                Output::PmProjectsList(api!(i, pm_projects, op).projects_list(input).await?)
            }
            Op::PmIssuesSearch(input) => {
                Output::PmIssuesSearch(api!(i, pm_work_items, op).issues_search(input).await?)
            }
            Op::PmIssuesGet(input) => {
                Output::PmIssuesGet(api!(i, pm_work_items, op).issues_get(input).await?)
            }
            Op::PmIssuesCreate(input) => {
                Output::PmIssuesCreate(api!(i, pm_work_items, op).issues_create(input).await?)
            }
            Op::PmIssuesUpdate(input) => {
                Output::PmIssuesUpdate(api!(i, pm_work_items, op).issues_update(input).await?)
            }
            Op::PmIssuesTransition(input) => Output::PmIssuesTransition(
                api!(i, pm_work_items, op).issues_transition(input).await?,
            ),
            Op::PmIssuesComment(input) => {
                Output::PmIssuesComment(api!(i, pm_work_items, op).issues_comment(input).await?)
            }
        })
    }

    async fn health(&self) -> Health {
        self.0.health().await
    }

    fn quota(&self) -> Option<Quota> {
        self.0.quota()
    }

    fn run_poll_interval(&self) -> Duration {
        self.0.run_poll_interval()
    }
}

#[cfg(test)]
#[path = "dispatch_tests.rs"]
mod tests;
