//! The unified `pm.issues.search` as Linear's `IssueFilter`, and the page a caller asks for.
//!
//! | unified | `IssueFilter` |
//! | --- | --- |
//! | `project` | `team: { key: { eq } }` |
//! | `text` | `searchableContent: { contains }` (title, description and comments, as Linear's search box) |
//! | `status` | `state: { type: { in: [...] } }`, the types of [`super::status::types_of`] |
//! | `assignee` | `assignee: { email: { eq } }` with an `@`, else `assignee: { displayName: { eq } }` |
//! | `labels` | `and: [{ labels: { some: { name: { eq } } } }, ...]`, one per label: all of them |
//! | `updated_since` | `updatedAt: { gte }` |
//!
//! Every condition applies (Linear ands the fields of one filter). The filter is a GraphQL
//! *variable*: caller text is a JSON string value and never part of the document, so no value
//! can change what is asked.
//!
//! Cursors are Linear's `endCursor`, passed back as `after`. They are opaque, so only their
//! shape is checked: printable ASCII without spaces, at most [`MAX_CURSOR_LEN`] characters.

use super::status::types_of;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::IssuesSearch;
use mosaic_provider_kit::http::PageQuery;
use serde_json::{Map, Value, json};

/// The longest cursor accepted back from a caller; Linear's are a few dozen characters.
pub const MAX_CURSOR_LEN: usize = 512;

/// The `IssueFilter` of a search, or none when nothing narrows it.
pub fn issue_filter(input: &IssuesSearch) -> Option<Value> {
    let mut filter = Map::new();
    if let Some(project) = &input.project {
        filter.insert("team".into(), json!({ "key": { "eq": project } }));
    }
    if let Some(text) = input.text.as_deref().filter(|text| !text.trim().is_empty()) {
        filter.insert("searchableContent".into(), json!({ "contains": text }));
    }
    if !input.status.is_empty() {
        let mut types: Vec<&str> = Vec::new();
        for category in &input.status {
            for state_type in types_of(*category) {
                if !types.contains(state_type) {
                    types.push(state_type);
                }
            }
        }
        filter.insert("state".into(), json!({ "type": { "in": types } }));
    }
    if let Some(assignee) = &input.assignee {
        let field = if assignee.contains('@') {
            "email"
        } else {
            "displayName"
        };
        filter.insert("assignee".into(), json!({ field: { "eq": assignee } }));
    }
    if !input.labels.is_empty() {
        let each: Vec<Value> = input
            .labels
            .iter()
            .map(|label| json!({ "labels": { "some": { "name": { "eq": label } } } }))
            .collect();
        filter.insert("and".into(), Value::Array(each));
    }
    if let Some(since) = &input.updated_since {
        filter.insert("updatedAt".into(), json!({ "gte": since }));
    }
    (!filter.is_empty()).then_some(Value::Object(filter))
}

/// The page size asked for: 1 to 100, 30 by default.
pub fn page_size(per_page: Option<u32>) -> Result<i64, ProviderError> {
    Ok(i64::from(PageQuery::new(per_page, None)?.per_page))
}

/// A cursor given back, checked to look like one Linear issued.
pub fn after(cursor: Option<&str>) -> Result<Option<String>, ProviderError> {
    let Some(cursor) = cursor else {
        return Ok(None);
    };
    let printable = cursor.bytes().all(|b| b.is_ascii_graphic());
    if cursor.is_empty() || cursor.len() > MAX_CURSOR_LEN || !printable {
        return Err(ProviderError::Invalid(format!(
            "cursor is not one this provider issued (a Linear cursor is printable ASCII without spaces, at most {MAX_CURSOR_LEN} characters)"
        )));
    }
    Ok(Some(cursor.to_owned()))
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
