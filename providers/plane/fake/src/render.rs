//! The tracker's data in Plane's JSON (API v1 serializers: `ProjectSerializer`,
//! `IssueSerializer`, `StateSerializer`, `LabelSerializer`, `UserLiteSerializer`,
//! `IssueCommentSerializer`).

use super::ids::{label_uuid, uuid, workspace};
use mosaic_fake_kit::tracker::{Comment, Item, Person, Project, StateGroup, Tracker};
use serde_json::{Value, json};

/// Plane's priorities by the tracker's level (0 none, 1 urgent … 4 low).
pub const PRIORITIES: [&str; 5] = ["none", "urgent", "high", "medium", "low"];

/// The fields of a work item `expand` turns from ids into objects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Expand {
    /// `state`.
    pub state: bool,
    /// `labels`.
    pub labels: bool,
    /// `assignees`.
    pub assignees: bool,
}

impl Expand {
    /// Reads the `expand` query parameter (comma-separated field names).
    pub fn parse(text: Option<&String>) -> Self {
        let fields: Vec<&str> = text.map_or_else(Vec::new, |text| text.split(',').collect());
        Self {
            state: fields.contains(&"state"),
            labels: fields.contains(&"labels"),
            assignees: fields.contains(&"assignees"),
        }
    }
}

/// `2026-11-01T00:05:00Z` as Django REST framework writes times, with microseconds.
pub fn time(rfc3339: &str) -> String {
    format!("{}.000000Z", rfc3339.trim_end_matches('Z'))
}

/// HTML as stored (`{"html": …}`, what a client sent) or seed text as one paragraph.
pub fn html(stored: Option<&Value>) -> String {
    match stored {
        None => "<p></p>".into(),
        Some(Value::String(text)) => format!("<p>{}</p>", escape(text)),
        Some(other) => other
            .get("html")
            .and_then(Value::as_str)
            .unwrap_or("<p></p>")
            .to_owned(),
    }
}

/// What the fake stores for HTML a client sent.
pub fn stored_html(html: &str) -> Value {
    json!({ "html": html })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A project.
pub fn project(tracker: &Tracker, project: &Project) -> Value {
    let creator = tracker.people.first().map(|person| uuid(person.id));
    json!({
        "id": uuid(project.id),
        "identifier": project.key,
        "name": project.name,
        "description": "",
        "network": 2,
        "workspace": workspace(),
        "default_state": project.states.first().map(|state| uuid(state.id)),
        "archived_at": null,
        "is_member": true,
        "member_role": 20,
        "total_members": tracker.people.len(),
        "created_at": time("2026-11-01T00:00:00Z"),
        "updated_at": time("2026-11-01T00:00:00Z"),
        "created_by": creator,
        "updated_by": creator,
    })
}

fn color(group: StateGroup) -> &'static str {
    match group {
        StateGroup::Backlog => "#60646C",
        StateGroup::Unstarted => "#60646C",
        StateGroup::Started => "#F59E0B",
        StateGroup::Completed => "#46A758",
        StateGroup::Cancelled => "#9AA4BC",
    }
}

/// Every state of `project`, in workflow order; `sequence` grows with it, and the first state
/// is the default, as in a new Plane project.
pub fn states(project: &Project) -> Vec<Value> {
    project
        .states
        .iter()
        .enumerate()
        .map(|(index, state)| {
            json!({
                "id": uuid(state.id),
                "name": state.name,
                "color": color(state.group),
                "group": state.group.name(),
                "sequence": (index as f64 + 1.0) * 15_000.0,
                "default": index == 0,
                "description": "",
                "project": uuid(project.id),
                "workspace": workspace(),
            })
        })
        .collect()
}

/// The state of `item` as `expand=state` writes it (`StateLiteSerializer`).
fn state_lite(project: &Project, item: &Item) -> Value {
    match project.state_by_id(item.state) {
        Some(state) => json!({
            "id": uuid(state.id),
            "name": state.name,
            "color": color(state.group),
            "group": state.group.name(),
        }),
        None => Value::Null,
    }
}

/// Every label of `project`.
pub fn labels(project: &Project) -> Vec<Value> {
    project
        .labels
        .iter()
        .enumerate()
        .map(|(index, name)| label(project, index, name))
        .collect()
}

fn label(project: &Project, index: usize, name: &str) -> Value {
    json!({
        "id": label_uuid(project.id, index),
        "name": name,
        "color": "#3A5BC7",
        "description": "",
        "parent": null,
        "sort_order": (index as f64 + 1.0) * 10_000.0,
        "project": uuid(project.id),
        "workspace": workspace(),
    })
}

/// A person as `UserLiteSerializer` writes them.
pub fn member(person: &Person) -> Value {
    let (first, last) = person.name.split_once(' ').unwrap_or((&person.name, ""));
    json!({
        "id": uuid(person.id),
        "first_name": first,
        "last_name": last,
        "email": person.email,
        "avatar": "",
        "avatar_url": null,
        "display_name": person.login,
    })
}

/// A work item, with the fields `expand` names as objects.
pub fn issue(tracker: &Tracker, project: &Project, item: &Item, expand: Expand) -> Value {
    let assignees: Vec<&Person> = item
        .assignee
        .iter()
        .filter_map(|login| tracker.person(login))
        .collect();
    let assignees: Vec<Value> = if expand.assignees {
        assignees.into_iter().map(member).collect()
    } else {
        assignees
            .iter()
            .map(|person| json!(uuid(person.id)))
            .collect()
    };
    let labels: Vec<Value> = item
        .labels
        .iter()
        .filter_map(|name| {
            let index = project.labels.iter().position(|known| known == name)?;
            Some(if expand.labels {
                label(project, index, name)
            } else {
                json!(label_uuid(project.id, index))
            })
        })
        .collect();
    let state = if expand.state {
        state_lite(project, item)
    } else {
        json!(uuid(item.state))
    };
    let finished = project
        .state_by_id(item.state)
        .is_some_and(|state| state.group == StateGroup::Completed);
    let creator = tracker.people.first().map(|person| uuid(person.id));
    json!({
        "id": uuid(item.id),
        "name": item.title,
        "description_html": html(item.description.as_ref()),
        "priority": PRIORITIES.get(usize::from(item.priority)).copied().unwrap_or("none"),
        "sequence_id": item.number,
        "sort_order": item.number as f64 * 65_535.0,
        "state": state,
        "assignees": assignees,
        "labels": labels,
        "project": uuid(project.id),
        "workspace": workspace(),
        "parent": null,
        "estimate_point": null,
        "start_date": null,
        "target_date": null,
        "completed_at": finished.then(|| time(&item.updated_at)),
        "archived_at": null,
        "is_draft": false,
        "external_id": null,
        "external_source": null,
        "type_id": null,
        "created_at": time(&item.created_at),
        "updated_at": time(&item.updated_at),
        "created_by": creator,
        "updated_by": creator,
        "deleted_at": null,
    })
}

/// A comment of `item`.
pub fn comment(tracker: &Tracker, project: &Project, item: &Item, comment: &Comment) -> Value {
    let actor = tracker
        .person(&comment.author)
        .map(|person| uuid(person.id));
    json!({
        "id": uuid(comment.id),
        "comment_html": html(Some(&comment.body)),
        "actor": actor,
        "issue": uuid(item.id),
        "project": uuid(project.id),
        "workspace": workspace(),
        "access": "INTERNAL",
        "is_member": true,
        "attachments": [],
        "external_id": null,
        "external_source": null,
        "created_at": time(&comment.created_at),
        "updated_at": time(&comment.created_at),
        "created_by": actor,
        "updated_by": actor,
        "deleted_at": null,
    })
}
