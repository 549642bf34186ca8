//! `ci.pipelines.list`: a repository's workflows.

use super::client::{Actions, actions_path};
use super::mapping::{self, GhWorkflows};
use mosaic_core::ProviderError;
use mosaic_core::input::ci::PipelinesList;
use mosaic_core::model::{Page, Pipeline};
use mosaic_plugin::kinds::CiPipelines;
use mosaic_provider_kit::github::page_params;
use mosaic_provider_kit::http::PageQuery;

#[async_trait::async_trait]
impl CiPipelines for Actions {
    /// `GET /repos/{owner}/{repo}/actions/workflows`.
    async fn pipelines_list(&self, input: &PipelinesList) -> Result<Page<Pipeline>, ProviderError> {
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let path = format!("{}/workflows", actions_path(&input.repo)?);
        let reply = self.api.get(&path, &page_params(page)).await?;
        let listed: GhWorkflows = reply.json()?;
        Ok(Page {
            items: listed
                .workflows
                .into_iter()
                .map(|workflow| mapping::pipeline(&input.repo, workflow))
                .collect(),
            next_cursor: reply.next_cursor,
        })
    }
}
