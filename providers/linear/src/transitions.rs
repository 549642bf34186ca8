//! `pm.issues.transition`: Linear has no workflow rules between states — any state of the
//! work item's team can be set — so a transition is choosing one of the team's states and
//! setting `stateId`.
//!
//! The target is a category (`done`) or a state's exact name (compared without regard to
//! case), read by [`Target::parse`]. A category is reached through the state types of
//! [`super::status`]; when the team has several states of it (two `started` ones, say), the
//! first in the team's workflow, the lowest `position`, is taken. A work item already where the
//! caller asked is answered as it is. When the team has no such state the answer is `conflict`
//! naming the current state and the states the item can move to, and nothing is written.
//!
//! The choice is made here, without I/O; `pm.issues.transition` in `issues.rs` reads the
//! team's states and sets the one chosen.

use super::context::StateInfo;
use super::status::category_of;
use mosaic_provider_kit::tracker::Target;

/// Whether `state` is what `target` asks for: its name, or a state of its category.
pub fn reaches(target: &Target, state: &StateInfo) -> bool {
    match target {
        Target::State(name) => name.to_lowercase() == state.name.to_lowercase(),
        Target::Category(wanted) => {
            category_of(&state.state_type).is_ok_and(|category| category == *wanted)
        }
    }
}

/// The state `target` names among `states`: by name, or the first of the category in
/// workflow order. States of a type Linear does not document are only reached by name.
pub fn choose<'s>(states: &'s [StateInfo], target: &Target) -> Option<&'s StateInfo> {
    states
        .iter()
        .filter(|state| reaches(target, state))
        .min_by(|a, b| a.position.total_cmp(&b.position))
}

/// The names of the states other than `current`, in workflow order.
pub fn reachable(states: &[StateInfo], current: &str) -> Vec<String> {
    let mut others: Vec<&StateInfo> = states.iter().filter(|state| state.id != current).collect();
    others.sort_by(|a, b| a.position.total_cmp(&b.position));
    others.into_iter().map(|state| state.name.clone()).collect()
}

#[cfg(test)]
#[path = "transitions_tests.rs"]
mod tests;
