//! Inputs of the `kb.*` operations. Pages are addressed by space (`space:KEY`) and id, so that
//! routes can send each space to the knowledge base that holds it.

use super::rules::NOT_BLANK;
use super::{Input, MAX_PER_PAGE};
use crate::catalog::Resource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `kb.spaces.list`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpacesList {
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
    #[serde(default)]
    pub cursor: Option<String>,
}

impl Input for SpacesList {
    fn resource(&self) -> Resource {
        Resource::across()
    }
}

/// `kb.pages.search`: full-text search, optionally inside one space.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PagesSearch {
    /// Words to search for.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub query: String,
    /// Only pages of this space (key).
    #[serde(default)]
    pub space: Option<String>,
    /// Page size, 1 to 100 (default 30).
    #[schemars(range(min = 1, max = MAX_PER_PAGE))]
    #[serde(default)]
    pub per_page: Option<u32>,
    /// Cursor from a previous page's `next_cursor`.
    #[schemars(length(min = 1))]
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
}

/// `kb.pages.get`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageRef {
    /// The key of the page's space.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub space: String,
    /// The page's native id.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub page_id: String,
}

impl Input for PageRef {
    fn resource(&self) -> Resource {
        Resource::new(&format!("space:{}", self.space))
    }
}

/// `kb.pages.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageCreate {
    /// The key of the space to create the page in.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub space: String,
    /// Title.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
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
}

/// `kb.pages.update`: only the given fields change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageUpdate {
    /// The key of the page's space.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub space: String,
    /// The page's native id.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
    pub page_id: String,
    /// New title.
    #[schemars(length(min = 1), pattern(NOT_BLANK))]
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
}
