//! The project-management kind SDK, one trait per resource: what a tracker implements where
//! the code of that resource lives.

use mosaic_core::ProviderError;
use mosaic_core::input::pm::{
    IssuesSearch, ProjectsList, WorkItemComment, WorkItemCreate, WorkItemRef, WorkItemTransition,
    WorkItemUpdate,
};
use mosaic_core::model::{Comment, Page, Project, WorkItem};

/// Projects (Jira projects, Linear teams, Plane projects): `pm.projects.list`.
#[async_trait::async_trait]
pub trait PmProjects: Send + Sync {
    /// `pm.projects.list`.
    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError>;
}

/// Work items and their comments: `pm.issues.*`.
#[async_trait::async_trait]
pub trait PmWorkItems: Send + Sync {
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
