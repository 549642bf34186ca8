//! The stateful in-memory data a `sim` instance serves, and the process-wide registry that
//! lets instances naming the same dataset share one store (a primary and its read mirror).
//!
//! Each dataset has its own lock, held only for the few microseconds an operation touches the
//! data and never across an await; reads share it.

use mosaic_core::model::{
    Branch, Comment, Commit, Issue, KbPage, Pipeline, Project, PullRequest, Repo, Run, RunStatus,
    Space, WorkItem,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The login the simulated credentials act as; authors of everything created through calls.
pub(crate) const ACTOR: &str = "mosaic-bot";

/// Where every web URL of the simulated providers points.
pub(crate) const WEB: &str = "https://sim.local";

/// One named dataset.
#[derive(Debug, Default)]
pub(crate) struct Dataset {
    state: RwLock<State>,
}

impl Dataset {
    /// A dataset holding `state`.
    pub(crate) fn new(state: State) -> Self {
        Self {
            state: RwLock::new(state),
        }
    }

    /// Shared access for reads. A poisoned lock is recovered: every change is applied only
    /// after its checks passed, so a panic elsewhere cannot leave half an update behind.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Exclusive access for writes.
    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The datasets of this process by name. They live as long as the process, so a rebuilt
/// instance (a configuration reload) finds its data where it left it.
fn registry() -> &'static Mutex<HashMap<String, Arc<Dataset>>> {
    static DATASETS: OnceLock<Mutex<HashMap<String, Arc<Dataset>>>> = OnceLock::new();
    DATASETS.get_or_init(Default::default)
}

/// The dataset called `name`, created (with the seed data when `seed` is set) if this is its
/// first user.
pub(crate) fn attach(name: &str, seed: bool) -> Arc<Dataset> {
    let mut datasets = registry().lock().unwrap_or_else(PoisonError::into_inner);
    datasets
        .entry(name.to_owned())
        .or_insert_with(|| {
            let state = if seed {
                super::seed::state()
            } else {
                State::default()
            };
            Arc::new(Dataset::new(state))
        })
        .clone()
}

/// Everything a dataset holds, for all four kinds.
#[derive(Debug)]
pub(crate) struct State {
    /// Git repositories by `owner/name`.
    pub git: BTreeMap<String, RepoData>,
    /// CI pipelines and runs by repository `owner/name`.
    pub ci: BTreeMap<String, CiRepo>,
    /// Knowledge-base spaces and pages.
    pub kb: KbData,
    /// Projects and work items.
    pub pm: PmData,
    /// Native ids of repositories, issues, pull requests, comments, spaces, projects and
    /// work items: one sequence, so they are unique across those.
    pub ids: Ids,
    /// Run ids, their own sequence as on CI systems (1001, 1002, ...).
    pub run_ids: Ids,
    /// Page ids, their own sequence as in knowledge bases (10001, 10002, ...).
    pub page_ids: Ids,
}

impl Default for State {
    fn default() -> Self {
        Self {
            git: BTreeMap::new(),
            ci: BTreeMap::new(),
            kb: KbData::default(),
            pm: PmData::default(),
            ids: Ids::default(),
            run_ids: Ids::after(1000),
            page_ids: Ids::after(10_000),
        }
    }
}

/// The source of native ids: one sequence per dataset, so ids are unique across kinds.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    last: u64,
}

impl Ids {
    /// A sequence whose first id is `last + 1`.
    pub(crate) const fn after(last: u64) -> Self {
        Self { last }
    }

    /// A fresh id.
    pub(crate) fn next(&mut self) -> u64 {
        self.last += 1;
        self.last
    }

    /// The id the next call of [`Ids::next`] will hand out.
    #[cfg(test)]
    pub(crate) fn next_peek(&self) -> u64 {
        self.last + 1
    }
}

/// One repository with everything in it.
#[derive(Debug)]
pub(crate) struct RepoData {
    pub repo: Repo,
    /// The default branch first, then the others in creation order.
    pub branches: Vec<Branch>,
    /// File contents by path, the same at every ref (the simulator keeps one tree).
    pub files: BTreeMap<String, Vec<u8>>,
    /// Newest first.
    pub commits: Vec<CommitData>,
    /// By ascending number.
    pub issues: Vec<IssueData>,
    /// By ascending number.
    pub pulls: Vec<PullData>,
    /// Issues and pull requests share one number sequence, as on GitHub.
    pub last_number: u64,
}

/// A commit and where it lives.
#[derive(Debug)]
pub(crate) struct CommitData {
    pub commit: Commit,
    /// The branch the commit was made on; default-branch commits are reachable from every
    /// branch, and merging moves a branch's commits to its target.
    pub branch: String,
    /// The paths it touched.
    pub paths: Vec<String>,
}

/// An issue and its comments.
#[derive(Debug)]
pub(crate) struct IssueData {
    pub issue: Issue,
    pub comments: Vec<Comment>,
}

/// A pull request and its comments.
#[derive(Debug)]
pub(crate) struct PullData {
    pub pull: PullRequest,
    pub comments: Vec<Comment>,
}

/// The CI side of one repository.
#[derive(Debug, Default)]
pub(crate) struct CiRepo {
    pub pipelines: Vec<Pipeline>,
    /// Newest first.
    pub runs: Vec<RunData>,
}

/// A run and its log.
#[derive(Debug)]
pub(crate) struct RunData {
    pub run: Run,
    pub log: String,
    /// The steps a run triggered here has still to go through, one each time it is read, so
    /// that a caller following it (`ci.runs.wait`) sees it to its end; the seed's runs have
    /// none and stay as they are.
    pub steps_left: Option<std::collections::VecDeque<&'static str>>,
}

/// The steps of a triggered run.
pub(crate) const STEPS: [&str; 3] = ["checkout", "build", "test"];

impl RunData {
    /// Moves a triggered, unfinished run on one step: queued to its first step, each step to
    /// the next, the last to success. The seed's runs and finished ones stay as they are.
    pub(crate) fn advance(&mut self, now: String) {
        let Some(steps) = self.steps_left.as_mut() else {
            return;
        };
        if self.run.status.is_finished() {
            return;
        }
        match steps.pop_front() {
            Some(step) => {
                self.run.status = RunStatus::Running;
                self.run.current_step = Some(step.to_owned());
                self.log.push_str(&format!(
                    "[sim] step {step}: started\n[sim] step {step}: ok\n"
                ));
            }
            None => {
                self.run.status = RunStatus::Success;
                self.run.current_step = None;
                self.run.finished_at = Some(now);
                self.log.push_str("[sim] run succeeded\n");
            }
        }
    }
}

/// Knowledge-base spaces and their pages.
#[derive(Debug, Default)]
pub(crate) struct KbData {
    pub spaces: Vec<Space>,
    /// In creation order.
    pub pages: Vec<KbPage>,
}

/// Projects and work items.
#[derive(Debug, Default)]
pub(crate) struct PmData {
    pub projects: Vec<ProjectData>,
    /// In creation order.
    pub items: Vec<ItemData>,
    /// Index into `items` by key (`PLAT-7`).
    pub by_key: HashMap<String, usize>,
}

/// A project and its key counter.
#[derive(Debug)]
pub(crate) struct ProjectData {
    pub project: Project,
    pub last_number: u64,
}

/// A work item and its comments.
#[derive(Debug)]
pub(crate) struct ItemData {
    pub item: WorkItem,
    pub comments: Vec<Comment>,
}

impl PmData {
    /// Adds a work item and indexes its key.
    pub(crate) fn insert(&mut self, item: ItemData) {
        self.by_key.insert(item.item.key.clone(), self.items.len());
        self.items.push(item);
    }
}
