//! Linear's workflow state types and MosAIc's status categories.
//!
//! Every Linear workflow state has a `type` (`WorkflowState.type`): `triage`, `backlog`,
//! `unstarted`, `started`, `completed` or `canceled` (Linear's spelling). Each team names and
//! orders its own states, but the type is fixed, so the mapping is one table:
//!
//! | Linear type | category |
//! | --- | --- |
//! | `backlog` | `backlog` |
//! | `triage`, `unstarted` | `todo` |
//! | `started` | `in_progress` |
//! | `completed` | `done` |
//! | `canceled` | `cancelled` |
//!
//! Triage is the inbox of a team with triage turned on: accepted but not yet planned work
//! reads as `todo`, and a search for `todo` finds it. The same table, read backwards, gives the
//! types a search for a category asks for ([`types_of`]), so a work item read as `todo` is
//! exactly one a search for `todo` finds.

use mosaic_core::ProviderError;
use mosaic_core::model::StatusCategory;

/// Every state type Linear has, in workflow order.
pub const STATE_TYPES: [&str; 6] = [
    "triage",
    "backlog",
    "unstarted",
    "started",
    "completed",
    "canceled",
];

/// The category of a state type; a type Linear does not document is its fault.
pub fn category_of(state_type: &str) -> Result<StatusCategory, ProviderError> {
    match state_type {
        "backlog" => Ok(StatusCategory::Backlog),
        "triage" | "unstarted" => Ok(StatusCategory::Todo),
        "started" => Ok(StatusCategory::InProgress),
        "completed" => Ok(StatusCategory::Done),
        "canceled" => Ok(StatusCategory::Cancelled),
        other => Err(ProviderError::Protocol(format!(
            "unknown Linear workflow state type {other:?} (expected one of {})",
            STATE_TYPES.join(", ")
        ))),
    }
}

/// The state types of a category, for `state.type.in` in a search.
pub fn types_of(category: StatusCategory) -> &'static [&'static str] {
    match category {
        StatusCategory::Backlog => &["backlog"],
        StatusCategory::Todo => &["unstarted", "triage"],
        StatusCategory::InProgress => &["started"],
        StatusCategory::Done => &["completed"],
        StatusCategory::Cancelled => &["canceled"],
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
