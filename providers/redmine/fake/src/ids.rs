//! Redmine's ids for the tracker's data. Redmine numbers issues once across the whole server,
//! in creation order (an auto-increment column), so an issue's id is its place in the
//! tracker's list; statuses, trackers and priorities are global lists of their own; issue
//! categories belong to one project each, and stand for the project's labels.

use mosaic_fake_kit::tracker::{Item, Project, StateGroup, Tracker};

/// The issue priorities of a fresh Redmine (`IssuePriority`, its default enumeration), by id.
pub const PRIORITIES: [(u64, &str); 5] = [
    (1, "Low"),
    (2, "Normal"),
    (3, "High"),
    (4, "Urgent"),
    (5, "Immediate"),
];

/// The trackers (Redmine's issue types), by id; the tracker's `Task` is the first.
pub const TRACKERS: [(u64, &str); 4] = [(1, "Task"), (2, "Bug"), (3, "Feature"), (4, "Support")];

/// The id of `item`: its place in creation order, from 1.
pub fn issue_id(tracker: &Tracker, item: &Item) -> u64 {
    let at = tracker.items.iter().position(|other| other.id == item.id);
    at.map_or(0, |at| at as u64 + 1)
}

/// The issue with id `id`.
pub fn issue(tracker: &Tracker, id: u64) -> Option<&Item> {
    let at = usize::try_from(id.checked_sub(1)?).ok()?;
    tracker.items.get(at)
}

/// Every status name of the tracker's projects, in workflow order, once: Redmine's statuses
/// are global, each project's workflow using some of them.
pub fn statuses(tracker: &Tracker) -> Vec<(u64, String, bool)> {
    let mut names: Vec<(String, bool)> = Vec::new();
    for project in &tracker.projects {
        for state in &project.states {
            if !names.iter().any(|(name, _)| *name == state.name) {
                let closed = matches!(state.group, StateGroup::Completed | StateGroup::Cancelled);
                names.push((state.name.clone(), closed));
            }
        }
    }
    names
        .into_iter()
        .enumerate()
        .map(|(at, (name, closed))| (at as u64 + 1, name, closed))
        .collect()
}

/// The global status of `item`: id, name and whether it is closed.
pub fn status_of(tracker: &Tracker, item: &Item) -> (u64, String, bool) {
    let name = tracker
        .state_of(item)
        .map(|state| state.name.clone())
        .unwrap_or_default();
    statuses(tracker)
        .into_iter()
        .find(|(_, known, _)| *known == name)
        .unwrap_or((0, name, false))
}

/// The state of `project` a global status id stands for.
pub fn state_of_status(tracker: &Tracker, project: &Project, status: u64) -> Option<u64> {
    let (_, name, _) = statuses(tracker)
        .into_iter()
        .find(|(id, _, _)| *id == status)?;
    project.state(&name).map(|state| state.id)
}

/// The id of the category standing for label `index` of `project`.
pub fn category_id(tracker: &Tracker, project: &Project, index: usize) -> u64 {
    let at = tracker
        .projects
        .iter()
        .position(|other| other.id == project.id)
        .unwrap_or(0);
    (at as u64 + 1) * 100 + index as u64 + 1
}

/// The label of `project` a category id stands for (none when it is another project's).
pub fn label_of_category(tracker: &Tracker, project: &Project, id: u64) -> Option<String> {
    project
        .labels
        .iter()
        .enumerate()
        .find(|(index, _)| category_id(tracker, project, *index) == id)
        .map(|(_, label)| label.clone())
}

/// Redmine's priority of the tracker's level (0 none, 1 urgent … 4 low): none and medium are
/// both Redmine's default, Normal.
pub fn priority_of_level(level: u8) -> (u64, &'static str) {
    let id = match level {
        1 => 4,
        2 => 3,
        4 => 1,
        _ => 2,
    };
    PRIORITIES[(id - 1) as usize]
}

/// The tracker's level of a Redmine priority id (Immediate is urgent too).
pub fn level_of_priority(id: u64) -> Option<u8> {
    Some(match id {
        1 => 4,
        2 => 3,
        3 => 2,
        4 | 5 => 1,
        _ => return None,
    })
}

/// The tracker (issue type) of `item`: its type's, or the first.
pub fn tracker_of(item: &Item) -> (u64, &'static str) {
    TRACKERS
        .into_iter()
        .find(|(_, name)| *name == item.issue_type)
        .unwrap_or(TRACKERS[0])
}
