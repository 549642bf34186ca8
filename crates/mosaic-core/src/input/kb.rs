//! Inputs of the `kb.*` operations. Pages are addressed by space (`space:KEY`) and id, so that
//! routes can send each space to the knowledge base that holds it.

use super::{Input, check_not_blank, check_per_page};
use crate::catalog::{ArgumentError, Resource};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kb.spaces.list`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpacesList {
    /// Page size, 1 to 100 (default 30).
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for SpacesList {
    fn resource(&self) -> Resource {
        Resource::across()
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_per_page(self.per_page)
    }
}

/// `kb.pages.search`: full-text search, optionally inside one space.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PagesSearch {
    /// Words to search for.
    pub query: String,
    /// Only pages of this space (key).
    #[serde(default)]
    pub space: Option<String>,
    /// Page size, 1 to 100 (default 30).
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for PagesSearch {
    fn resource(&self) -> Resource {
        match &self.space {
            Some(space) => Resource::new(&format!("space:{space}")),
            None => Resource::across(),
        }
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_not_blank("query", &self.query)?;
        check_per_page(self.per_page)
    }
}

/// `kb.pages.get`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageRef {
    /// The key of the page's space.
    pub space: String,
    /// The page's native id.
    pub page_id: String,
}

impl Input for PageRef {
    fn resource(&self) -> Resource {
        Resource::new(&format!("space:{}", self.space))
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_not_blank("space", &self.space)?;
        check_not_blank("page_id", &self.page_id)
    }
}

/// `kb.pages.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageCreate {
    /// The key of the space to create the page in.
    pub space: String,
    /// Title.
    pub title: String,
    /// Body, Markdown.
    pub body: String,
    /// Nest under this page.
    #[serde(default)]
    pub parent_id: Option<String>,
}

impl Input for PageCreate {
    fn resource(&self) -> Resource {
        Resource::new(&format!("space:{}", self.space))
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_not_blank("space", &self.space)?;
        check_not_blank("title", &self.title)
    }
}

/// `kb.pages.update`: only the given fields change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageUpdate {
    /// The key of the page's space.
    pub space: String,
    /// The page's native id.
    pub page_id: String,
    /// New title.
    #[serde(default)]
    pub title: Option<String>,
    /// New body, Markdown.
    #[serde(default)]
    pub body: Option<String>,
    /// The version the change is based on; a different current version is a conflict.
    #[serde(default)]
    pub version: Option<u64>,
}

impl Input for PageUpdate {
    fn resource(&self) -> Resource {
        Resource::new(&format!("space:{}", self.space))
    }
    fn check(&self) -> Result<(), ArgumentError> {
        check_not_blank("space", &self.space)?;
        check_not_blank("page_id", &self.page_id)?;
        if let Some(title) = &self.title {
            check_not_blank("title", title)?;
        }
        Ok(())
    }
}
