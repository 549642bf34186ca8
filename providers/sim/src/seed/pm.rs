//! Builds the seed projects and their work items, spread over every workflow state.

use super::super::clock::seed_time;
use super::super::dataset::{ItemData, ProjectData, State, WEB};
use super::super::workflow::STATES;
use mosaic_core::model::{Project, WorkItem};

const PROJECTS: [(&str, &str); 3] = [("PLAT", "Platform"), ("WEB", "Web"), ("OPS", "Operations")];

/// Work items oldest first: project, title, state (index into the workflow), assignee,
/// labels, priority.
#[allow(clippy::type_complexity)]
const ITEMS: [(&str, &str, usize, Option<&str>, &[&str], &str); 17] = [
    (
        "PLAT",
        "Rate-limit the public API",
        2,
        Some("ana"),
        &["api", "security"],
        "High",
    ),
    (
        "PLAT",
        "Move order search to a dedicated index",
        1,
        Some("ben"),
        &["api", "performance"],
        "Medium",
    ),
    (
        "PLAT",
        "Upgrade PostgreSQL to 17",
        0,
        None,
        &["database"],
        "Low",
    ),
    (
        "PLAT",
        "Cursor pagination for /orders",
        3,
        Some("chloe"),
        &["api"],
        "Medium",
    ),
    (
        "PLAT",
        "Rotate signing keys quarterly",
        4,
        Some("dmitri"),
        &["security"],
        "High",
    ),
    (
        "PLAT",
        "Evaluate a second message queue",
        5,
        None,
        &["architecture"],
        "Low",
    ),
    (
        "PLAT",
        "Fix the flaky orders pagination test",
        2,
        Some("dmitri"),
        &["ci", "flaky"],
        "High",
    ),
    ("WEB", "Dark mode", 3, Some("emeka"), &["ui"], "Medium"),
    (
        "WEB",
        "Checkout button misaligned on Safari",
        1,
        Some("chloe"),
        &["ui", "bug"],
        "High",
    ),
    (
        "WEB",
        "Split the charts bundle",
        4,
        Some("chloe"),
        &["performance"],
        "Medium",
    ),
    (
        "WEB",
        "Accessible colour contrast on forms",
        0,
        None,
        &["ui", "accessibility"],
        "Medium",
    ),
    (
        "WEB",
        "Show order history",
        4,
        Some("emeka"),
        &["ui"],
        "Low",
    ),
    (
        "OPS",
        "Write the on-call escalation policy",
        2,
        Some("chloe"),
        &["on-call", "docs"],
        "High",
    ),
    (
        "OPS",
        "Alert on API error budget burn",
        1,
        Some("dmitri"),
        &["monitoring"],
        "High",
    ),
    (
        "OPS",
        "Automate key rotation",
        0,
        Some("dmitri"),
        &["security", "automation"],
        "Medium",
    ),
    (
        "OPS",
        "Game day: database failover",
        4,
        Some("ben"),
        &["reliability"],
        "Medium",
    ),
    ("OPS", "Retire the old VPN", 5, None, &["network"], "Low"),
];

pub(super) fn seed(state: &mut State) {
    for (key, name) in PROJECTS {
        state.pm.projects.push(ProjectData {
            project: Project {
                id: state.ids.next().to_string(),
                key: key.to_owned(),
                name: name.to_owned(),
                web_url: format!("{WEB}/projects/{key}"),
            },
            last_number: 0,
        });
    }
    for (index, (project, title, state_index, assignee, labels, priority)) in (0i64..).zip(ITEMS) {
        let Some(data) = state
            .pm
            .projects
            .iter_mut()
            .find(|p| p.project.key == project)
        else {
            continue;
        };
        data.last_number += 1;
        let key = format!("{project}-{}", data.last_number);
        let (status, category) = STATES[state_index.min(STATES.len() - 1)];
        let item = WorkItem {
            id: state.ids.next().to_string(),
            web_url: format!("{WEB}/browse/{key}"),
            key,
            project: project.to_owned(),
            title: title.to_owned(),
            description: Some(format!("{title}.\n\nSee the {project} board for context.")),
            status: status.to_owned(),
            status_category: category,
            assignee: assignee.map(str::to_owned),
            labels: labels.iter().map(|label| (*label).to_owned()).collect(),
            priority: Some(priority.to_owned()),
            created_at: Some(seed_time(index * 150)),
            updated_at: Some(seed_time(index * 150 + 24 * 60 + index * 37)),
        };
        state.pm.insert(ItemData {
            item,
            comments: Vec::new(),
        });
    }
}
