//! `pm.issues.search` as JQL, the query language of Jira's issue search
//! (`GET /rest/api/3/search?jql=…`, and its successor `/rest/api/3/search/jql`).
//!
//! | unified field | JQL |
//! | --- | --- |
//! | `project` | `project = "KEY"` |
//! | `text` | `text ~ "words"` (each word matched literally) |
//! | `status` | `statusCategory in (…)`, refined by status or resolution (see below) |
//! | `assignee` | `assignee = "login or e-mail"` |
//! | `labels` | `labels = "a" AND labels = "b"` (all of them) |
//! | `updated_since` | `updated >= "yyyy-MM-dd HH:mm"` (UTC, rounded down to the minute) |
//!
//! Conditions are joined with `AND` and the query always ends `ORDER BY updated DESC, key ASC`:
//! the key breaks ties between items updated in the same minute, so pages do not overlap or
//! skip. Paging itself (`per_page`, `cursor`) is not part of JQL.
//!
//! Status categories follow [`StatusMapping`]: `in_progress` is the In Progress category;
//! `backlog` and `todo` split the To Do category by the backlog statuses (when none are
//! configured both are the whole category); `done` and `cancelled` split the Done category by
//! the cancelled resolutions. A category whose whole Jira category is asked for collapses into
//! `statusCategory in (…)`, so `[done, cancelled]` is simply `statusCategory = "Done"`.
//!
//! JQL dates have neither seconds nor an offset, and Jira reads them in the time zone of the
//! account that searches: the account an instance uses must have UTC as its profile time zone
//! for the `updated` bound to be exact.
//!
//! No caller value is ever part of the query's syntax: each is a quoted string literal, and the
//! text search escapes its own operators as well.

mod date;
mod literal;

use super::status::{JiraCategory, StatusMapping};
use literal::{literal_search_terms, string_literal};
use mosaic_core::ProviderError;
use mosaic_core::input::pm::IssuesSearch;
use mosaic_core::model::StatusCategory;
use std::collections::BTreeSet;

/// The order every search returns: newest change first, then by key.
pub const ORDER: &str = "ORDER BY updated DESC, key ASC";

/// The JQL for a unified search. Fails with `invalid_input` on a blank value, a control
/// character in a value, or an `updated_since` that is not an RFC 3339 date or time.
pub fn search_jql(
    search: &IssuesSearch,
    statuses: &StatusMapping,
) -> Result<String, ProviderError> {
    let mut clauses = Vec::new();
    if let Some(project) = &search.project {
        clauses.push(format!("project = {}", value("project", project)?));
    }
    if let Some(text) = &search.text {
        let terms = literal_search_terms(text);
        if terms.is_empty() {
            return Err(blank("text"));
        }
        clauses.push(format!("text ~ {}", string_literal("text", &terms)?));
    }
    if let Some(clause) = status_clause(&search.status, statuses)? {
        clauses.push(clause);
    }
    if let Some(assignee) = &search.assignee {
        clauses.push(format!("assignee = {}", value("assignee", assignee)?));
    }
    for (index, label) in search.labels.iter().enumerate() {
        let field = format!("labels[{index}]");
        clauses.push(format!("labels = {}", value(&field, label)?));
    }
    if let Some(since) = &search.updated_since {
        let time = date::jql_date_time("updated_since", since)?;
        clauses.push(format!("updated >= \"{time}\""));
    }
    if clauses.is_empty() {
        return Ok(ORDER.to_owned());
    }
    Ok(format!("{} {ORDER}", clauses.join(" AND ")))
}

/// A non-blank value as a string literal.
fn value(field: &str, value: &str) -> Result<String, ProviderError> {
    if value.trim().is_empty() {
        return Err(blank(field));
    }
    string_literal(field, value)
}

fn blank(field: &str) -> ProviderError {
    ProviderError::Invalid(format!("{field} must not be blank"))
}

/// The condition for "in one of these categories", or none when no category is asked for.
fn status_clause(
    wanted: &[StatusCategory],
    statuses: &StatusMapping,
) -> Result<Option<String>, ProviderError> {
    let wanted: BTreeSet<_> = wanted.iter().map(|category| category.as_str()).collect();
    let has = |category: StatusCategory| wanted.contains(category.as_str());
    let mut whole = Vec::new();
    let mut parts = Vec::new();

    let backlog = statuses.backlog_statuses();
    match (has(StatusCategory::Backlog), has(StatusCategory::Todo)) {
        (false, false) => {}
        (true, true) => whole.push(JiraCategory::ToDo),
        _ if backlog.is_empty() => whole.push(JiraCategory::ToDo),
        (only_backlog, _) => parts.push(format!(
            "(statusCategory = \"{}\" AND status {} ({}))",
            JiraCategory::ToDo.name(),
            if only_backlog { "IN" } else { "NOT IN" },
            list("backlog status", backlog)?
        )),
    }
    if has(StatusCategory::InProgress) {
        whole.push(JiraCategory::InProgress);
    }
    let cancelled = list("cancelled resolution", statuses.cancelled_resolutions())?;
    let done = JiraCategory::Done.name();
    match (has(StatusCategory::Done), has(StatusCategory::Cancelled)) {
        (false, false) => {}
        (true, true) => whole.push(JiraCategory::Done),
        // `NOT IN` never matches an empty field, so "no resolution" is asked for on its own.
        (true, false) => parts.push(format!(
            "(statusCategory = \"{done}\" AND (resolution IS EMPTY OR resolution NOT IN ({cancelled})))"
        )),
        (false, true) => parts.push(format!(
            "(statusCategory = \"{done}\" AND resolution IN ({cancelled}))"
        )),
    }

    whole.sort();
    match whole.as_slice() {
        [] => {}
        [one] => parts.insert(0, format!("statusCategory = \"{}\"", one.name())),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|category| format!("\"{}\"", category.name()))
                .collect();
            parts.insert(0, format!("statusCategory IN ({})", names.join(", ")));
        }
    }
    Ok(match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(format!("({})", parts.join(" OR "))),
    })
}

/// Configured names as a JQL list of string literals.
fn list(what: &str, names: &[String]) -> Result<String, ProviderError> {
    let literals = names
        .iter()
        .map(|name| string_literal(what, name))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(literals.join(", "))
}

#[cfg(test)]
#[path = "jql_tests.rs"]
mod tests;
