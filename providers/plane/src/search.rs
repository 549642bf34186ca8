//! How `pm.issues.search` reads Plane, and the cursors of its lists.
//!
//! **What Plane filters.** Plane's v1 work item list filters on nothing a search asks for: it
//! takes `per_page`, `cursor`, `order_by`, `expand` and `fields` (and `external_id`; its
//! `pql` and `filters` parameters are refused outside Plane's commercial editions), and its
//! `/work-items/search/` endpoint answers at most a few matches of a title search, unpaged. So
//! the project is the list's path, and every other filter is applied here, to work items read
//! with `expand=state,labels,assignees`:
//! - `status`: the state's group ([`super::status`]) is one of the categories;
//! - `assignee`: one of the assignees has that e-mail (any case), display name or id;
//! - `labels`: the item carries every one of them (names, any case);
//! - `updated_since`: `updated_at` is at or after it (compared to the second);
//! - `text`: every word of it is in the title or the description (any case). The words are
//!   only compared, never sent: user text never becomes query syntax.
//!
//! **Order and cursors.** Items are read in `order_by=sequence_id` order (`PLAT-1`, `PLAT-2`,
//! …), which new items only extend, so offsets stay put while someone adds work. A cursor is
//! `items:{project id}:{offset}`, the position of the next item to look at; it is checked to
//! name one of the projects searched, and any other text is `invalid_input`. A page holds at
//! most `per_page` items; to fill it, up to [`MAX_SCAN_PAGES`] pages of 100 are read, so a
//! page of a filtered search can hold fewer (even none) while `next_cursor` goes on — follow
//! it until it is absent. Deleting items moves later ones forward, so a walk during deletions
//! may skip some.
//!
//! **Without a project**, the search walks the workspace's projects in Plane's order, each from
//! its first item, the cursor naming the project it stopped in.
//!
//! `pm.projects.list` pages the same way, with cursors `projects:{offset}`.
//!
//! This file holds the filter, the cursors and where a search resumes, without I/O; the
//! search that reads the pages is `pm.issues.search` in `issues.rs`.

use super::mapping::{PlaneItem, PlaneProject};
use super::status::category_of;
use mosaic_core::ProviderError;
use mosaic_core::input::pm::IssuesSearch;
use mosaic_core::model::StatusCategory;
use mosaic_provider_kit::html::html_to_markdown;
use mosaic_provider_kit::rfc3339::unix_minutes;

/// Pages of work items read at most for one page of a filtered search.
pub const MAX_SCAN_PAGES: u32 = 5;

/// How work items are read for a search: oldest number first, with what the filters and the
/// unified model need expanded.
pub const ITEM_QUERY: [(&str, &str); 2] = [
    ("order_by", "sequence_id"),
    ("expand", "state,labels,assignees"),
];

/// The filters Plane cannot apply, applied to each work item read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    categories: Vec<StatusCategory>,
    assignee: Option<String>,
    labels: Vec<String>,
    /// Unix seconds.
    since: Option<i64>,
    words: Vec<String>,
}

impl Filter {
    /// The filters of a search; a malformed `updated_since` is `invalid_input`.
    pub fn of(input: &IssuesSearch) -> Result<Self, ProviderError> {
        let since =
            match &input.updated_since {
                Some(text) => Some(unix_seconds(text).map_err(|why| {
                    ProviderError::Invalid(format!("updated_since `{text}`: {why}"))
                })?),
                None => None,
            };
        Ok(Self {
            categories: input.status.clone(),
            assignee: input.assignee.clone().filter(|who| !who.trim().is_empty()),
            labels: input
                .labels
                .iter()
                .map(|label| label.to_lowercase())
                .collect(),
            since,
            words: input
                .text
                .as_deref()
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_lowercase)
                .collect(),
        })
    }

    /// Whether every item passes.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether `item` passes every filter.
    pub fn matches(&self, item: &PlaneItem) -> bool {
        let category_ok = self.categories.is_empty()
            || category_of(&item.state.group)
                .is_ok_and(|category| self.categories.contains(&category));
        let assignee_ok = self
            .assignee
            .as_deref()
            .is_none_or(|who| item.assignees.iter().any(|person| person.is(who)));
        let labels_ok = self.labels.iter().all(|wanted| {
            item.labels
                .iter()
                .any(|label| label.name.to_lowercase() == *wanted)
        });
        let since_ok = self.since.is_none_or(|since| {
            item.updated_at
                .as_deref()
                .and_then(|at| unix_seconds(at).ok())
                .is_some_and(|at| at >= since)
        });
        category_ok && assignee_ok && labels_ok && since_ok && self.text_matches(item)
    }

    fn text_matches(&self, item: &PlaneItem) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let description = html_to_markdown(item.description_html.as_deref().unwrap_or_default());
        let haystack = format!("{}\n{description}", item.name).to_lowercase();
        self.words
            .iter()
            .all(|word| haystack.contains(word.as_str()))
    }
}

/// Seconds since 1970 of an RFC 3339 date or time (a date alone is midnight UTC).
pub fn unix_seconds(text: &str) -> Result<i64, &'static str> {
    let minutes = unix_minutes(text)?;
    // `unix_minutes` checked the shape; the seconds, when written, are at 17..19.
    let seconds = match text.as_bytes().get(16) {
        Some(b':') => text
            .get(17..19)
            .and_then(|digits| digits.parse::<i64>().ok())
            .ok_or("the seconds are not ss")?,
        _ => 0,
    };
    Ok(minutes * 60 + seconds.min(59))
}

/// The cursor of the project list at `offset`.
pub fn projects_cursor(offset: u64) -> String {
    format!("projects:{offset}")
}

/// The offset of a project list cursor this provider issued.
pub fn projects_offset(cursor: &str) -> Result<u64, ProviderError> {
    cursor
        .strip_prefix("projects:")
        .and_then(|offset| offset.parse().ok())
        .ok_or_else(|| not_issued("pm.projects.list"))
}

/// The cursor of a search at `offset` in `project`.
pub fn items_cursor(project: &str, offset: u64) -> String {
    format!("items:{project}:{offset}")
}

/// The project id and offset of a search cursor this provider issued.
pub fn items_position(cursor: &str) -> Result<(&str, u64), ProviderError> {
    cursor
        .strip_prefix("items:")
        .and_then(|rest| rest.rsplit_once(':'))
        .and_then(|(project, offset)| Some((project, offset.parse().ok()?)))
        .filter(|(project, _)| !project.is_empty())
        .ok_or_else(|| not_issued("pm.issues.search"))
}

fn not_issued(op: &str) -> ProviderError {
    ProviderError::Invalid(format!(
        "cursor is not one this provider issued for {op}; pass back a `next_cursor` unchanged"
    ))
}

/// Where a search given `cursor` goes on among the `projects` it covers: the index of the
/// project and the offset in it; from the first project's first item without a cursor.
pub fn resume_at(
    projects: &[PlaneProject],
    cursor: Option<&str>,
) -> Result<(usize, u64), ProviderError> {
    let Some(cursor) = cursor else {
        return Ok((0, 0));
    };
    let (project, offset) = items_position(cursor)?;
    let index = projects
        .iter()
        .position(|candidate| candidate.id == project)
        .ok_or_else(|| {
            ProviderError::Invalid(
                "cursor names a project this search does not cover (or that no longer exists)"
                    .into(),
            )
        })?;
    Ok((index, offset))
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
