//! `ci.pipelines.list`: the jobs in a repository's folder (a multibranch project's branch jobs
//! in its place), paged here by number, since Jenkins answers a folder's items at once.

use super::client::{Jenkins, missing};
use super::mapping::{ITEMS_TREE, JenkinsFolder, pipelines_of};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::PipelinesList;
use mosaic_core::model::{Page, Pipeline};
use mosaic_plugin::kinds::CiPipelines;
use mosaic_provider_kit::http::PageQuery;

impl Jenkins {
    /// Every pipeline of `repo`, in Jenkins' order (by name).
    pub(super) async fn pipelines(&self, repo: &str) -> Result<Vec<Pipeline>, ProviderError> {
        let folder = self.folder_of(repo)?;
        let shown = if folder.is_empty() {
            "the root"
        } else {
            folder.as_str()
        };
        let read: JenkinsFolder =
            self.json(&folder, ITEMS_TREE)
                .await
                .map_err(missing(format!(
                    "repository `{repo}` (its Jenkins folder `{shown}`)"
                )))?;
        let items = read.jobs.ok_or_else(|| {
            ProviderError::NotFound(format!(
                "repository `{repo}`: `{shown}` is a job, not a folder of jobs"
            ))
        })?;
        pipelines_of(&items, repo, |url| self.path_of(url))
    }
}

#[async_trait::async_trait]
impl CiPipelines for Jenkins {
    async fn pipelines_list(&self, input: &PipelinesList) -> Result<Page<Pipeline>, ProviderError> {
        let query = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let all = self.pipelines(&input.repo).await?;
        Ok(page_of(all, query))
    }
}

/// Page `query` of `items`, with the next page's number as its cursor.
pub(super) fn page_of<T>(items: Vec<T>, query: PageQuery) -> Page<T> {
    let per_page = query.per_page as usize;
    let skip = (query.page as usize - 1).saturating_mul(per_page);
    let more = items.len() > skip.saturating_add(per_page);
    Page {
        items: items.into_iter().skip(skip).take(per_page).collect(),
        next_cursor: more.then(|| (query.page + 1).to_string()),
    }
}
