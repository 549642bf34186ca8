//! `pm.projects.list`, and finding a project and what it defines: the key MosAIc routes by is
//! Plane's `identifier`, found among the workspace's projects; its states come in workflow
//! order. Projects page like work items (see `search.rs`), with cursors `projects:{offset}`.

use super::client::{Plane, Scanned};
use super::mapping::{PlaneProject, PlaneState};
use super::search::{projects_cursor, projects_offset};
use mosaic_core::ProviderError;
use mosaic_core::input::pm::ProjectsList;
use mosaic_core::model::{Page, Project};
use mosaic_plugin::kinds::PmProjects;
use mosaic_provider_kit::http::PageQuery;

/// Pages of projects read at most for one page of `pm.projects.list`: an unfiltered scan
/// needs one, or two when an offset falls inside Plane's page.
const PROJECT_SCAN_PAGES: u32 = 2;

impl Plane {
    /// The project whose key (`identifier`) is `key`, among all of the workspace's.
    pub(super) async fn project(&self, key: &str) -> Result<PlaneProject, ProviderError> {
        self.all::<PlaneProject>(&self.workspace_path("/projects/"))
            .await?
            .into_iter()
            .find(|project| project.identifier == key)
            .ok_or_else(|| ProviderError::NotFound(format!("project `{key}`")))
    }

    /// A project's states, in Plane's workflow order (`sequence`).
    pub(super) async fn states(&self, project: &str) -> Result<Vec<PlaneState>, ProviderError> {
        let mut states: Vec<PlaneState> =
            self.all(&self.project_path(project, "/states/")?).await?;
        states.sort_by(|a, b| a.sequence.total_cmp(&b.sequence));
        Ok(states)
    }
}

#[async_trait::async_trait]
impl PmProjects for Plane {
    /// The workspace's projects in Plane's order, from the cursor's offset on.
    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        let per_page = PageQuery::new(input.per_page, None)?.per_page as usize;
        let start = match &input.cursor {
            Some(cursor) => projects_offset(cursor)?,
            None => 0,
        };
        let mut budget = PROJECT_SCAN_PAGES;
        let scanned: Scanned<PlaneProject> = self
            .scan(
                &self.workspace_path("/projects/"),
                &[],
                start,
                per_page,
                None,
                &mut budget,
            )
            .await?;
        Ok(Page {
            items: scanned
                .items
                .iter()
                .map(|project| project.unify(&self.web))
                .collect(),
            next_cursor: scanned.next.map(projects_cursor),
        })
    }
}
