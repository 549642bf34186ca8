//! `pm.projects.list`: Linear's teams are MosAIc's projects, by key. The organization's URL
//! key is read in the same query, for the teams' web pages.

use super::client::{Linear, next_cursor};
use super::documents::{Teams, teams};
use super::filter::{after, page_size};
use super::mapping::project;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::ProjectsList;
use mosaic_core::model::{Page, Project};
use mosaic_plugin::kinds::PmProjects;

#[async_trait::async_trait]
impl PmProjects for Linear {
    /// One Relay page of `teams`.
    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        let data = self
            .run::<Teams>(teams::Variables {
                first: page_size(input.per_page)?,
                after: after(input.cursor.as_deref())?,
            })
            .await?;
        let url_key = data.organization.url_key;
        let page = data.teams.page_info;
        Ok(Page {
            items: data
                .teams
                .nodes
                .into_iter()
                .map(|team| project(team.id, team.key, team.name, &url_key))
                .collect(),
            next_cursor: next_cursor(page.has_next_page, page.end_cursor),
        })
    }
}
