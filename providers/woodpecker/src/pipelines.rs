//! `ci.pipelines.list`: a repository's one unified pipeline (Woodpecker has no pipeline
//! definitions to list: every workflow file that matches an event runs in one pipeline).

use super::client::Woodpecker;
use super::mapping::pipeline;
use mosaic_core::ProviderError;
use mosaic_core::input::ci::PipelinesList;
use mosaic_core::model::{Page, Pipeline};
use mosaic_plugin::kinds::CiPipelines;
use mosaic_provider_kit::http::PageQuery;

#[async_trait::async_trait]
impl CiPipelines for Woodpecker {
    async fn pipelines_list(&self, input: &PipelinesList) -> Result<Page<Pipeline>, ProviderError> {
        // A cursor must still be one this provider could have issued: a page number.
        let page = PageQuery::new(input.per_page, input.cursor.as_deref())?;
        let repo = self.lookup(&input.repo).await?;
        let items = if page.page == 1 {
            vec![pipeline(&repo, &self.web)]
        } else {
            Vec::new()
        };
        Ok(Page {
            items,
            next_cursor: None,
        })
    }
}
