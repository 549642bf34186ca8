//! Unified knowledge-base entities: spaces (Notion teamspaces, BookStack shelves/books,
//! Confluence spaces) and pages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A space that holds pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Space {
    /// The provider's native id.
    pub id: String,
    /// Short key used in routes (`space:ENG`).
    pub key: String,
    /// Display name.
    pub name: String,
    /// The space's page.
    pub web_url: String,
}

/// A search hit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PageSummary {
    /// The page's native id.
    pub id: String,
    /// The key of its space.
    pub space: String,
    /// Title.
    pub title: String,
    /// A short excerpt around the match.
    pub excerpt: String,
    /// Last update, RFC 3339.
    pub updated_at: Option<String>,
    /// The page's web URL.
    pub web_url: String,
}

/// A page with its body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KbPage {
    /// The provider's native id.
    pub id: String,
    /// The key of its space.
    pub space: String,
    /// Title.
    pub title: String,
    /// Body as Markdown.
    pub body: String,
    /// Version number, incremented by every update.
    pub version: u64,
    /// The parent page's id, if nested.
    pub parent_id: Option<String>,
    /// Last update, RFC 3339.
    pub updated_at: Option<String>,
    /// The page's web URL.
    pub web_url: String,
}
