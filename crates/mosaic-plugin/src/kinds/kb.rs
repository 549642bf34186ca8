//! The knowledge-base kind SDK, one trait per resource.

use mosaic_core::ProviderError;
use mosaic_core::input::kb::{PageCreate, PageRef, PageUpdate, PagesSearch, SpacesList};
use mosaic_core::model::{KbPage, Page, PageSummary, Space};

/// Spaces (Confluence spaces, BookStack shelves and books, Notion teamspaces):
/// `kb.spaces.list`.
#[async_trait::async_trait]
pub trait KbSpaces: Send + Sync {
    /// `kb.spaces.list`.
    async fn spaces_list(&self, input: &SpacesList) -> Result<Page<Space>, ProviderError>;
}

/// Pages: `kb.pages.*`.
#[async_trait::async_trait]
pub trait KbPages: Send + Sync {
    /// `kb.pages.search`.
    async fn pages_search(&self, input: &PagesSearch) -> Result<Page<PageSummary>, ProviderError>;
    /// `kb.pages.get`.
    async fn pages_get(&self, input: &PageRef) -> Result<KbPage, ProviderError>;
    /// `kb.pages.create`.
    async fn pages_create(&self, input: &PageCreate) -> Result<KbPage, ProviderError>;
    /// `kb.pages.update`.
    async fn pages_update(&self, input: &PageUpdate) -> Result<KbPage, ProviderError>;
}
