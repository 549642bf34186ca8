//! Jira's three status categories and MosAIc's five.
//!
//! Every Jira status belongs to a category, `statusCategory.key` in the API: `new` ("To Do"),
//! `indeterminate` ("In Progress") or `done` ("Done"), and `undefined` ("No Category") for a
//! status an administrator left without one. MosAIc tells two more things apart:
//!
//! - **backlog or todo.** Jira has no backlog category. Statuses listed as backlog statuses
//!   (for example the "Backlog" status of Jira Software's Kanban workflow) are `backlog`, every
//!   other To Do status is `todo`. The list is empty unless configured, because naming a status
//!   that does not exist makes a JQL query fail; then nothing reads as `backlog`, and searching
//!   for `backlog` finds the To Do category just as `todo` does.
//! - **done or cancelled.** Jira closes abandoned work in a Done status too, and records why in
//!   the work item's *resolution*. A Done-category item whose resolution is one of the cancelled
//!   resolutions is `cancelled`; any other (or no resolution) is `done`. By default those are
//!   the resolutions a Jira Cloud site starts with besides "Done": "Won't Do", "Duplicate" and
//!   "Cannot Reproduce".
//!
//! Names compare without regard to case, as JQL compares them. The search side of the same
//! rules is in [`super::jql`], so that a work item read as `cancelled` is exactly one a search
//! for `cancelled` finds.

use mosaic_core::ProviderError;
use mosaic_core::model::StatusCategory;

/// The resolutions that mean `cancelled` unless configured otherwise.
pub const DEFAULT_CANCELLED_RESOLUTIONS: [&str; 3] = ["Won't Do", "Duplicate", "Cannot Reproduce"];

/// Jira's status categories, by the names JQL's `statusCategory` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JiraCategory {
    /// `new`.
    ToDo,
    /// `indeterminate`.
    InProgress,
    /// `done`.
    Done,
}

impl JiraCategory {
    /// The category's name in JQL.
    pub fn name(self) -> &'static str {
        match self {
            Self::ToDo => "To Do",
            Self::InProgress => "In Progress",
            Self::Done => "Done",
        }
    }

    /// The Jira category holding a unified one.
    pub fn of(category: StatusCategory) -> Self {
        match category {
            StatusCategory::Backlog | StatusCategory::Todo => Self::ToDo,
            StatusCategory::InProgress => Self::InProgress,
            StatusCategory::Done | StatusCategory::Cancelled => Self::Done,
        }
    }
}

/// A status mapping that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid Jira status mapping: {0}")]
pub struct InvalidStatusMapping(pub String);

/// How one Jira instance's statuses and resolutions map to the unified status categories.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMapping {
    backlog_statuses: Vec<String>,
    cancelled_resolutions: Vec<String>,
}

impl Default for StatusMapping {
    /// No backlog statuses; Jira Cloud's default cancelled resolutions.
    fn default() -> Self {
        Self {
            backlog_statuses: Vec::new(),
            cancelled_resolutions: DEFAULT_CANCELLED_RESOLUTIONS
                .iter()
                .map(|name| (*name).to_owned())
                .collect(),
        }
    }
}

impl StatusMapping {
    /// A mapping with these backlog statuses and cancelled resolutions. At least one
    /// resolution must mean cancelled — otherwise nothing could ever be `cancelled` — and no
    /// name may be blank or hold control characters.
    pub fn new(
        backlog_statuses: Vec<String>,
        cancelled_resolutions: Vec<String>,
    ) -> Result<Self, InvalidStatusMapping> {
        if cancelled_resolutions.is_empty() {
            return Err(InvalidStatusMapping(
                "cancelled_resolutions must name at least one resolution".into(),
            ));
        }
        for (list, names) in [
            ("backlog_statuses", &backlog_statuses),
            ("cancelled_resolutions", &cancelled_resolutions),
        ] {
            for (index, name) in names.iter().enumerate() {
                if name.trim().is_empty() || name.chars().any(char::is_control) {
                    return Err(InvalidStatusMapping(format!(
                        "{list}[{index}] must be a name without control characters, got {name:?}"
                    )));
                }
            }
        }
        Ok(Self {
            backlog_statuses,
            cancelled_resolutions,
        })
    }

    /// The To Do statuses that are `backlog`.
    pub fn backlog_statuses(&self) -> &[String] {
        &self.backlog_statuses
    }

    /// The resolutions that make a Done item `cancelled`; never empty.
    pub fn cancelled_resolutions(&self) -> &[String] {
        &self.cancelled_resolutions
    }

    /// The unified category of a work item from its status's `statusCategory.key`, its status
    /// name and its resolution name. An unknown category key is the provider's fault.
    pub fn category(
        &self,
        category_key: &str,
        status: &str,
        resolution: Option<&str>,
    ) -> Result<StatusCategory, ProviderError> {
        match category_key {
            "new" | "undefined" if contains(&self.backlog_statuses, status) => {
                Ok(StatusCategory::Backlog)
            }
            "new" | "undefined" => Ok(StatusCategory::Todo),
            "indeterminate" => Ok(StatusCategory::InProgress),
            "done"
                if resolution.is_some_and(|name| contains(&self.cancelled_resolutions, name)) =>
            {
                Ok(StatusCategory::Cancelled)
            }
            "done" => Ok(StatusCategory::Done),
            other => Err(ProviderError::Protocol(format!(
                "unknown Jira status category key {other:?} (expected new, indeterminate or done)"
            ))),
        }
    }
}

fn contains(names: &[String], wanted: &str) -> bool {
    names
        .iter()
        .any(|name| name.to_lowercase() == wanted.to_lowercase())
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
