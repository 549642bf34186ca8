//! Plane's state groups and MosAIc's status categories.
//!
//! Every Plane state belongs to one group (`State.group`), and the five groups Plane shows in a
//! project's workflow are MosAIc's five categories one to one:
//!
//! | Plane group | category |
//! | --- | --- |
//! | `backlog` | `backlog` |
//! | `unstarted` | `todo` |
//! | `started` | `in_progress` |
//! | `completed` | `done` |
//! | `cancelled` | `cancelled` |
//! | `triage` | `backlog` |
//!
//! `triage` is the group of the hidden state of Plane's intake: work that nobody has accepted
//! into the project yet is, like the backlog, not yet planned. Plane lists no triage state
//! among a project's states, so a transition never picks one.
//!
//! A transition to a category picks the first state of that group in Plane's own order (the
//! states' `sequence`, as Plane's board shows them).

use mosaic_core::ProviderError;
use mosaic_core::model::StatusCategory;

/// The category of a state of group `group`; an unknown group is the provider's fault.
pub fn category_of(group: &str) -> Result<StatusCategory, ProviderError> {
    match group {
        "backlog" | "triage" => Ok(StatusCategory::Backlog),
        "unstarted" => Ok(StatusCategory::Todo),
        "started" => Ok(StatusCategory::InProgress),
        "completed" => Ok(StatusCategory::Done),
        "cancelled" => Ok(StatusCategory::Cancelled),
        other => Err(ProviderError::Protocol(format!(
            "unknown Plane state group {other:?} (expected backlog, unstarted, started, completed, cancelled or triage)"
        ))),
    }
}

/// The Plane group that holds a category's states.
pub fn group_of(category: StatusCategory) -> &'static str {
    match category {
        StatusCategory::Backlog => "backlog",
        StatusCategory::Todo => "unstarted",
        StatusCategory::InProgress => "started",
        StatusCategory::Done => "completed",
        StatusCategory::Cancelled => "cancelled",
    }
}
