//! What the three project-tracker adapters (Jira, Linear, Plane) share above their wire
//! protocols: the [`ProjectTracker`] trait with one method per `pm.*` operation,
//! [`TrackerProvider`], which turns any of them into a [`Provider`] with one dispatch, and the
//! reading of a transition's target.

use mosaic_core::input::pm::{
    IssuesSearch, ProjectsList, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition,
    WorkItemUpdate, project_of_key,
};
use mosaic_core::model::{Comment, Page, Project, StatusCategory, WorkItem};
use mosaic_core::{
    Health, OpId, Operation, Output, Provider, ProviderError, Quota, ServiceKind, Support,
};

/// One project tracker's API, operation by operation.
#[async_trait::async_trait]
pub trait ProjectTracker: Send + Sync + 'static {
    /// A cheap request that proves the API answers with these credentials.
    async fn health(&self) -> Health;
    /// The last quota the tracker reported.
    fn quota(&self) -> Option<Quota>;

    /// `pm.projects.list`.
    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError>;
    /// `pm.issues.search`.
    async fn issues_search(&self, input: &IssuesSearch) -> Result<Page<WorkItem>, ProviderError>;
    /// `pm.issues.get`.
    async fn issues_get(&self, input: &WorkItemRef) -> Result<WorkItem, ProviderError>;
    /// `pm.issues.create`.
    async fn issues_create(&self, input: &WorkItemCreate) -> Result<WorkItem, ProviderError>;
    /// `pm.issues.update`.
    async fn issues_update(&self, input: &WorkItemUpdate) -> Result<WorkItem, ProviderError>;
    /// `pm.issues.transition`.
    async fn issues_transition(
        &self,
        input: &WorkItemTransition,
    ) -> Result<WorkItem, ProviderError>;
    /// `pm.issues.comment`.
    async fn issues_comment(&self, input: &WorkItemComment) -> Result<Comment, ProviderError>;
}

/// Whether a tracker plugin implements `op`: every `pm.*` operation, a reason otherwise.
pub fn tracker_support(op: OpId) -> Support {
    if op.spec().kind == ServiceKind::Pm {
        Support::Supported
    } else {
        Support::unsupported(format!(
            "a project tracker serves `pm.*` operations, not {} ones",
            op.spec().kind
        ))
    }
}

/// A [`ProjectTracker`] as a [`Provider`].
pub struct TrackerProvider<T>(pub T);

#[async_trait::async_trait]
impl<T: ProjectTracker> Provider for TrackerProvider<T> {
    fn supports(&self, op: OpId) -> Support {
        tracker_support(op)
    }

    async fn call(&self, operation: &Operation) -> Result<Output, ProviderError> {
        use Operation as Op;
        let tracker = &self.0;
        Ok(match operation {
            Op::PmProjectsList(input) => {
                Output::PmProjectsList(tracker.projects_list(input).await?)
            }
            Op::PmIssuesSearch(input) => {
                Output::PmIssuesSearch(tracker.issues_search(input).await?)
            }
            Op::PmIssuesGet(input) => Output::PmIssuesGet(tracker.issues_get(input).await?),
            Op::PmIssuesCreate(input) => {
                Output::PmIssuesCreate(tracker.issues_create(input).await?)
            }
            Op::PmIssuesUpdate(input) => {
                Output::PmIssuesUpdate(tracker.issues_update(input).await?)
            }
            Op::PmIssuesTransition(input) => {
                Output::PmIssuesTransition(tracker.issues_transition(input).await?)
            }
            Op::PmIssuesComment(input) => {
                Output::PmIssuesComment(tracker.issues_comment(input).await?)
            }
            other => {
                let op = other.op_id();
                let reason = match tracker_support(op) {
                    Support::Unsupported { reason } => reason.into_owned(),
                    Support::Supported => "not a project-management operation".into(),
                };
                return Err(ProviderError::Unsupported {
                    operation: op.name().to_owned(),
                    reason,
                });
            }
        })
    }

    async fn health(&self) -> Health {
        self.0.health().await
    }

    fn quota(&self) -> Option<Quota> {
        self.0.quota()
    }
}

/// Where `pm.issues.transition` should take a work item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Any state of this category (the caller wrote `done`, `in_progress`, …).
    Category(StatusCategory),
    /// The state with this name, compared without regard to case.
    State(String),
}

impl Target {
    /// Reads the `to` of a transition: a category's snake_case name, else a state name. A
    /// tracker state literally called `done` is still reached by `done`: its category is Done.
    pub fn parse(to: &str) -> Self {
        match StatusCategory::parse(to.trim()) {
            Some(category) => Self::Category(category),
            None => Self::State(to.trim().to_owned()),
        }
    }

    /// Whether a state with this name and category is what was asked for.
    pub fn matches(&self, name: &str, category: StatusCategory) -> bool {
        match self {
            Self::Category(wanted) => *wanted == category,
            Self::State(wanted) => wanted.to_lowercase() == name.to_lowercase(),
        }
    }

    /// How the target reads in an explanation: "category `done`" or "state `QA`".
    pub fn describe(&self) -> String {
        match self {
            Self::Category(category) => format!("status category `{}`", category.as_str()),
            Self::State(name) => format!("state `{name}`"),
        }
    }
}

/// The `conflict` answer when no transition reaches `target` from where `key` is: names the
/// current state and the states that can be reached, so a caller can choose.
pub fn no_transition(
    key: &str,
    current: &str,
    target: &Target,
    reachable: &[String],
) -> ProviderError {
    let options = if reachable.is_empty() {
        "no state can be reached from it".to_owned()
    } else {
        format!("it can move to: {}", reachable.join(", "))
    };
    ProviderError::Conflict(format!(
        "no transition takes {key} from `{current}` to {}; {options}",
        target.describe()
    ))
}

/// `KEY-NUMBER` split into the project key (as the core reads it for routing) and the number.
pub fn split_key(key: &str) -> Result<(&str, u64), ProviderError> {
    project_of_key(key)
        .and_then(|project| Some((project, key[project.len() + 1..].parse().ok()?)))
        .ok_or_else(|| {
            ProviderError::Invalid(format!(
                "work item keys are `PROJECT-NUMBER` such as `PROJ-12`, got `{key}`"
            ))
        })
}

#[cfg(test)]
#[path = "tracker_tests.rs"]
mod tests;
