//! `pm.projects.list`: `GET /rest/api/3/project/search`, offset pages (`startAt`,
//! `maxResults`) in key order; the cursor is the next offset.

use super::client::{Jira, offset_cursor};
use super::mapping::ProjectPage;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::ProjectsList;
use mosaic_core::model::{Page, Project};
use mosaic_plugin::kinds::PmProjects;
use mosaic_provider_kit::http::PageQuery;

#[async_trait::async_trait]
impl PmProjects for Jira {
    /// One page of the projects the credentials can see. Jira says whether more follow with
    /// `isLast`, or else with `total`; an answer with neither has more while pages are full.
    async fn projects_list(&self, input: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        let per_page = PageQuery::new(input.per_page, None)?.per_page;
        let start_at = offset_cursor(input.cursor.as_deref())?;
        let query = [
            ("startAt", start_at.to_string()),
            ("maxResults", per_page.to_string()),
            ("orderBy", "key".to_owned()),
        ];
        let page: ProjectPage = self.get("/rest/api/3/project/search", &query).await?;
        let seen = page.start_at + page.values.len() as u64;
        let more = match (page.is_last, page.total) {
            (Some(last), _) => !last,
            (None, Some(total)) => seen < total,
            (None, None) => page.values.len() as u32 == per_page,
        };
        Ok(Page {
            next_cursor: (more && !page.values.is_empty()).then(|| seen.to_string()),
            items: page
                .values
                .into_iter()
                .map(|project| project.unify(&self.web_url))
                .collect(),
        })
    }
}
