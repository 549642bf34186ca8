//! Notion's JSON (API version 2026-03-11) and the unified model: pages, data sources, the
//! parents that say where each sits, the lists the search answers, and a page's Markdown.
//!
//! Notion renamed `archived` to `in_trash` in 2024 and still sends either or both depending on
//! the object and the version; a page is trashed when either says so.

use crate::ids::NotionId;
use mosaic_core::ProviderError;
use mosaic_core::model::{KbPage, PageSummary, Space};
use mosaic_provider_kit::rfc3339::unix_seconds;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Where a page, data source, database or block sits (`parent`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Parent {
    /// At the top of the workspace.
    Workspace,
    /// Under a page.
    PageId {
        /// The page.
        page_id: String,
    },
    /// Inside another block (a column, a toggle, a synced block).
    BlockId {
        /// The block.
        block_id: String,
    },
    /// A database's (older versions; databases themselves sit under pages).
    DatabaseId {
        /// The database.
        database_id: String,
    },
    /// A data source's row; its database is named beside it.
    DataSourceId {
        /// The data source.
        data_source_id: String,
        /// Its database.
        #[serde(default)]
        database_id: Option<String>,
    },
    /// A parent this adapter does not know (a newer API's); treated as a top.
    #[serde(other)]
    Other,
}

/// A rich text run: only its text matters here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct RichText {
    /// The text without annotations.
    #[serde(default)]
    pub plain_text: Option<String>,
    /// The text as written (`{"content": …}`), when `plain_text` is absent (a request's echo).
    #[serde(default)]
    pub text: Option<TextContent>,
}

/// `text.content` of a rich text run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct TextContent {
    /// The text.
    #[serde(default)]
    pub content: String,
}

/// One property of a page; only the title property is read.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Property {
    /// `title`, `rich_text`, `select`, …
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The runs of a `title` property.
    #[serde(default)]
    pub title: Option<Vec<RichText>>,
}

/// A page object.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct NotionPage {
    /// Its id.
    pub id: String,
    /// Where it sits.
    pub parent: Parent,
    /// Its properties by name; pages under a page have one, `title`.
    #[serde(default)]
    pub properties: BTreeMap<String, Property>,
    /// Last edit, RFC 3339 (Notion rounds it to the minute).
    pub last_edited_time: String,
    /// Its page.
    #[serde(default)]
    pub url: String,
    /// Whether it is in the trash (current name).
    #[serde(default)]
    pub in_trash: Option<bool>,
    /// Whether it is in the trash (the name before 2024).
    #[serde(default)]
    pub archived: Option<bool>,
}

impl NotionPage {
    /// Its title: the runs of its title property, whatever that property is called.
    pub fn title(&self) -> String {
        self.properties
            .values()
            .find(|property| property.kind == "title" || property.title.is_some())
            .and_then(|property| property.title.as_deref())
            .map(joined)
            .unwrap_or_default()
    }

    /// The name of its title property (`title` under a page; a data source names its own).
    pub fn title_property(&self) -> String {
        self.properties
            .iter()
            .find(|(_, property)| property.kind == "title")
            .map_or_else(|| "title".to_owned(), |(name, _)| name.clone())
    }

    /// Whether it was moved to the trash, by either name.
    pub fn trashed(&self) -> bool {
        trashed(self.in_trash, self.archived)
    }

    /// The version handed out for it: its `last_edited_time` in Unix seconds. Notion keeps no
    /// page versions, so this is what an update's `version` is compared with.
    pub fn version(&self) -> Result<u64, ProviderError> {
        version_of(&self.id, &self.last_edited_time)
    }
}

/// A data source object (a database's table), as the search answers it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct NotionDataSource {
    /// Its id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub title: Vec<RichText>,
    /// Its database.
    pub parent: Parent,
    /// Where its database sits.
    #[serde(default)]
    pub database_parent: Option<Parent>,
    /// Its page.
    #[serde(default)]
    pub url: String,
    /// Trashed (current name).
    #[serde(default)]
    pub in_trash: Option<bool>,
    /// Trashed (older name).
    #[serde(default)]
    pub archived: Option<bool>,
}

/// One result of `POST /search`: a page or a data source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A page.
    Page(NotionPage),
    /// A data source.
    DataSource(NotionDataSource),
}

impl Found {
    /// Reads one result by its `object`; another object is skipped (`None`).
    pub fn read(value: Value) -> Result<Option<Self>, ProviderError> {
        let object = value
            .get("object")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let read = match object.as_str() {
            "page" => serde_json::from_value(value).map(|page| Some(Self::Page(page))),
            "data_source" => {
                serde_json::from_value(value).map(|source| Some(Self::DataSource(source)))
            }
            _ => return Ok(None),
        };
        read.map_err(|error| {
            ProviderError::Protocol(format!(
                "a search result of Notion's does not read as a {object}: {error}"
            ))
        })
    }
}

/// Something with a parent, as the walk to a space's root reads it (`GET /blocks/{id}`,
/// `GET /databases/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Placed {
    /// Its id.
    pub id: String,
    /// Where it sits.
    pub parent: Parent,
}

/// One page of a list answer (`POST /search`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct NotionList {
    /// The results, each read by its `object`.
    pub results: Vec<Value>,
    /// Where the next page starts.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// Whether there is one.
    #[serde(default)]
    pub has_more: bool,
}

/// `GET /pages/{id}/markdown` and the answer of `PATCH`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PageMarkdown {
    /// The content in Notion's enhanced Markdown.
    pub markdown: String,
    /// Whether blocks were left out (Notion's record limit).
    #[serde(default)]
    pub truncated: bool,
    /// The blocks left out as `<unknown …/>` tags, to fetch by id.
    #[serde(default)]
    pub unknown_block_ids: Vec<String>,
}

/// Whether `in_trash` or the older `archived` says trashed.
pub fn trashed(in_trash: Option<bool>, archived: Option<bool>) -> bool {
    in_trash.unwrap_or(false) || archived.unwrap_or(false)
}

/// The runs' text, joined.
pub fn joined(runs: &[RichText]) -> String {
    runs.iter()
        .map(|run| {
            run.plain_text
                .clone()
                .or_else(|| run.text.as_ref().map(|text| text.content.clone()))
                .unwrap_or_default()
        })
        .collect()
}

/// `last_edited_time` as the version handed out: Unix seconds.
pub fn version_of(id: &str, last_edited_time: &str) -> Result<u64, ProviderError> {
    unix_seconds(last_edited_time)
        .ok()
        .and_then(|seconds| u64::try_from(seconds).ok())
        .ok_or_else(|| {
            ProviderError::Protocol(format!(
                "page {id} has a last_edited_time `{last_edited_time}` that is not an RFC 3339 time after 1970"
            ))
        })
}

/// A space from its root page.
pub fn space_of_page(page: &NotionPage, key: &str) -> Space {
    Space {
        id: page.id.clone(),
        key: key.to_owned(),
        name: page.title(),
        web_url: page.url.clone(),
    }
}

/// A space from a top-level data source.
pub fn space_of_data_source(source: &NotionDataSource, key: &str) -> Space {
    Space {
        id: source.id.clone(),
        key: key.to_owned(),
        name: joined(&source.title),
        web_url: source.url.clone(),
    }
}

/// A search hit in space `space`. Notion's search matches titles only and answers no
/// excerpt, so the excerpt is the title that matched.
pub fn summary(page: &NotionPage, space: &str) -> PageSummary {
    let title = page.title();
    PageSummary {
        id: page.id.clone(),
        space: space.to_owned(),
        excerpt: title.clone(),
        title,
        updated_at: Some(page.last_edited_time.clone()),
        web_url: page.url.clone(),
    }
}

/// A page of space `space` with its body (CommonMark): its parent is named when it is a page
/// other than the space's root.
pub fn kb_page(
    page: &NotionPage,
    space: &str,
    root: Option<&NotionId>,
    body: String,
) -> Result<KbPage, ProviderError> {
    let parent_id = match &page.parent {
        Parent::PageId { page_id } => {
            let parent = NotionId::parse(page_id).ok();
            (parent.as_ref() != root).then(|| page_id.clone())
        }
        _ => None,
    };
    Ok(KbPage {
        id: page.id.clone(),
        space: space.to_owned(),
        title: page.title(),
        body,
        version: page.version()?,
        parent_id,
        updated_at: Some(page.last_edited_time.clone()),
        web_url: page.url.clone(),
    })
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
