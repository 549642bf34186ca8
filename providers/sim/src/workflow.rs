//! The simulated tracker's workflow: its named states, each mapped to a unified status
//! category, and how a transition target (`done`, `In Review`) is resolved to a state.

use mosaic_core::ProviderError;
use mosaic_core::model::StatusCategory;

/// The states of the workflow, in order, with their categories. The first state of a
/// category is where a transition to that category lands.
pub(crate) const STATES: [(&str, StatusCategory); 6] = [
    ("Backlog", StatusCategory::Backlog),
    ("Todo", StatusCategory::Todo),
    ("In Progress", StatusCategory::InProgress),
    ("In Review", StatusCategory::InProgress),
    ("Done", StatusCategory::Done),
    ("Canceled", StatusCategory::Cancelled),
];

/// Where new work items start.
pub(crate) const INITIAL: (&str, StatusCategory) = STATES[1];

/// Issue types a work item may be created with (matched ignoring case).
pub(crate) const ISSUE_TYPES: [&str; 4] = ["Task", "Bug", "Story", "Epic"];

/// Resolves a transition target: an exact state name first (then the same name ignoring case),
/// then a status category name.
pub(crate) fn resolve(target: &str) -> Result<(&'static str, StatusCategory), ProviderError> {
    let target = target.trim();
    let by_name = STATES.iter().find(|(name, _)| *name == target).or_else(|| {
        STATES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(target))
    });
    if let Some(state) = by_name {
        return Ok(*state);
    }
    if let Some(category) = StatusCategory::parse(&target.to_ascii_lowercase())
        && let Some(state) = STATES.iter().find(|(_, of)| *of == category)
    {
        return Ok(*state);
    }
    let names: Vec<&str> = STATES.iter().map(|(name, _)| *name).collect();
    Err(ProviderError::Invalid(format!(
        "unknown state `{target}`: the workflow's states are {}; or give a status category: backlog, todo, in_progress, done, cancelled",
        names.join(", ")
    )))
}

/// The issue type as the tracker spells it, or why it is not one.
pub(crate) fn issue_type(requested: &str) -> Result<&'static str, ProviderError> {
    ISSUE_TYPES
        .iter()
        .find(|known| known.eq_ignore_ascii_case(requested.trim()))
        .copied()
        .ok_or_else(|| {
            ProviderError::Invalid(format!(
                "unknown issue type `{requested}`; this tracker has {}",
                ISSUE_TYPES.join(", ")
            ))
        })
}
