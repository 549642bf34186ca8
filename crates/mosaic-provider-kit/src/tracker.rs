//! What the three project-tracker adapters (Jira, Linear, Plane) share above their wire
//! protocols and beyond the kind SDK they implement (`mosaic_plugin::kinds::PmWorkItems`):
//! reading a transition's target ([`Target`]), the `conflict` answer when no transition
//! reaches it ([`no_transition`]), and splitting a work item key ([`split_key`]).

use mosaic_core::ProviderError;
use mosaic_core::input::pm::project_of_key;
use mosaic_core::model::StatusCategory;

/// Where `pm.issues.transition` should take a work item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Any state of this category (the caller wrote `done`, `in_progress`, …).
    Category(StatusCategory),
    /// The state with this name, compared without regard to case.
    State(String),
}

impl Target {
    /// Reads the `to` of a transition: a category's snake_case name, else a state name. A
    /// tracker state literally called `done` is still reached by `done`: its category is Done.
    pub fn parse(to: &str) -> Self {
        match StatusCategory::parse(to.trim()) {
            Some(category) => Self::Category(category),
            None => Self::State(to.trim().to_owned()),
        }
    }

    /// Whether a state with this name and category is what was asked for.
    pub fn matches(&self, name: &str, category: StatusCategory) -> bool {
        match self {
            Self::Category(wanted) => *wanted == category,
            Self::State(wanted) => wanted.to_lowercase() == name.to_lowercase(),
        }
    }

    /// How the target reads in an explanation: "category `done`" or "state `QA`".
    pub fn describe(&self) -> String {
        match self {
            Self::Category(category) => format!("status category `{}`", category.as_str()),
            Self::State(name) => format!("state `{name}`"),
        }
    }
}

/// The `conflict` answer when no transition reaches `target` from where `key` is: names the
/// current state and the states that can be reached, so a caller can choose.
pub fn no_transition(
    key: &str,
    current: &str,
    target: &Target,
    reachable: &[String],
) -> ProviderError {
    let options = if reachable.is_empty() {
        "no state can be reached from it".to_owned()
    } else {
        format!("it can move to: {}", reachable.join(", "))
    };
    ProviderError::Conflict(format!(
        "no transition takes {key} from `{current}` to {}; {options}",
        target.describe()
    ))
}

/// `KEY-NUMBER` split into the project key (as the core reads it for routing) and the number.
pub fn split_key(key: &str) -> Result<(&str, u64), ProviderError> {
    project_of_key(key)
        .and_then(|project| Some((project, key[project.len() + 1..].parse().ok()?)))
        .ok_or_else(|| {
            ProviderError::Invalid(format!(
                "work item keys are `PROJECT-NUMBER` such as `PROJ-12`, got `{key}`"
            ))
        })
}

#[cfg(test)]
#[path = "tracker_tests.rs"]
mod tests;
