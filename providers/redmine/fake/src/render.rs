//! The tracker's data in Redmine's JSON, as the vendored description writes it
//! (`providers/redmine/api/openapi.yaml`: `project.summary`, `issue.summary`, `issue` with its
//! `journals` and `allowed_statuses`, `issue_status`, `user`, `issue_category`).

use super::ids::{self, category_id, issue_id, priority_of_level, status_of, statuses, tracker_of};
use mosaic_fake_kit::tracker::{Comment, Item, Person, Project, Tracker};
use serde_json::{Map, Value, json};

/// When every seed project was created (the tracker's clock starts after it).
const PROJECTS_CREATED: &str = "2026-11-01T00:00:00Z";

/// `{id, name}`, Redmine's reference to another object (`id_name`).
fn id_name(id: u64, name: &str) -> Value {
    json!({ "id": id, "name": name })
}

/// A person as Redmine names one in a reference: first and last name.
fn person(tracker: &Tracker, login: &str) -> Option<Value> {
    let person = tracker.person(login)?;
    Some(id_name(person.id, &person.name))
}

/// A project (`project.summary`), with its issue categories when asked
/// (`include=issue_categories`) and its trackers (`include=trackers`).
pub fn project(tracker: &Tracker, project: &Project, include: &[&str]) -> Value {
    let mut fields = json!({
        "id": project.id,
        "name": project.name,
        "identifier": identifier(project),
        "description": "",
        "homepage": "",
        "status": 1,
        "is_public": true,
        "inherit_members": false,
        "created_on": PROJECTS_CREATED,
        "updated_on": PROJECTS_CREATED,
    });
    if include.contains(&"issue_categories") {
        fields["issue_categories"] = categories(tracker, project);
    }
    if include.contains(&"trackers") {
        fields["trackers"] = ids::TRACKERS
            .iter()
            .map(|(id, name)| id_name(*id, name))
            .collect();
    }
    fields
}

/// A project's identifier: Redmine's are lower case (`[a-z][a-z0-9_-]*`).
pub fn identifier(project: &Project) -> String {
    project.key.to_ascii_lowercase()
}

/// A project's categories, one per label, as `id_name`s.
pub fn categories(tracker: &Tracker, project: &Project) -> Value {
    project
        .labels
        .iter()
        .enumerate()
        .map(|(index, label)| id_name(category_id(tracker, project, index), label))
        .collect()
}

/// A category (`issue_category`) of its project's list.
pub fn category(tracker: &Tracker, project: &Project, index: usize) -> Value {
    json!({
        "id": category_id(tracker, project, index),
        "project": id_name(project.id, &project.name),
        "name": project.labels[index],
    })
}

/// Every status (`issue_status`).
pub fn issue_statuses(tracker: &Tracker) -> Value {
    let all: Vec<Value> = statuses(tracker)
        .into_iter()
        .map(|(id, name, closed)| {
            json!({"id": id, "name": name, "is_closed": closed, "description": null})
        })
        .collect();
    json!({ "issue_statuses": all })
}

/// A user as the admin's user list shows one (`user`).
pub fn user(person: &Person) -> Value {
    let (first, last) = person.name.split_once(' ').unwrap_or((&person.name, ""));
    json!({
        "id": person.id,
        "login": person.login,
        "admin": person.id == 1,
        "firstname": first,
        "lastname": last,
        "mail": person.email,
        "created_on": PROJECTS_CREATED,
        "updated_on": PROJECTS_CREATED,
        "last_login_on": null,
        "passwd_changed_on": null,
        "twofa_scheme": null,
        "status": 1,
    })
}

/// What `include=` adds to an issue shown alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Include {
    /// `journals`: its history, comments among it.
    pub journals: bool,
    /// `allowed_statuses`: the statuses the workflow lets the caller move it to.
    pub allowed_statuses: bool,
}

impl Include {
    /// Reads the `include` query parameter (comma-separated).
    pub fn parse(text: Option<&String>) -> Self {
        let names: Vec<&str> = text.map_or_else(Vec::new, |text| text.split(',').collect());
        Self {
            journals: names.contains(&"journals"),
            allowed_statuses: names.contains(&"allowed_statuses"),
        }
    }
}

/// An issue (`issue.summary`, and `issue` with what `include` asks).
pub fn issue(tracker: &Tracker, item: &Item, include: Include) -> Value {
    let project = tracker.project(&item.project);
    let (status_id, status_name, closed) = status_of(tracker, item);
    let (priority_id, priority_name) = priority_of_level(item.priority);
    let (tracker_id, tracker_name) = tracker_of(item);
    let mut fields = Map::new();
    fields.insert("id".into(), json!(issue_id(tracker, item)));
    if let Some(project) = project {
        fields.insert("project".into(), id_name(project.id, &project.name));
    }
    fields.insert("tracker".into(), id_name(tracker_id, tracker_name));
    fields.insert(
        "status".into(),
        json!({"id": status_id, "name": status_name, "is_closed": closed}),
    );
    fields.insert("priority".into(), id_name(priority_id, priority_name));
    if let Some(author) = person(tracker, &tracker.caller().login) {
        fields.insert("author".into(), author);
    }
    if let Some(assignee) = item
        .assignee
        .as_deref()
        .and_then(|login| person(tracker, login))
    {
        fields.insert("assigned_to".into(), assignee);
    }
    // Redmine holds one category per issue: the item's first label.
    let category = project.and_then(|project| {
        let label = item.labels.first()?;
        let index = project.labels.iter().position(|known| known == label)?;
        Some(id_name(category_id(tracker, project, index), label))
    });
    if let Some(category) = category {
        fields.insert("category".into(), category);
    }
    let description = match &item.description {
        Some(Value::String(text)) => text.clone(),
        _ => String::new(),
    };
    let rest = json!({
        "subject": item.title,
        "description": description,
        "start_date": null,
        "due_date": null,
        "done_ratio": 0,
        "is_private": false,
        "estimated_hours": null,
        "total_estimated_hours": null,
        "spent_hours": 0.0,
        "total_spent_hours": 0.0,
        "custom_fields": [],
        "created_on": item.created_at,
        "updated_on": item.updated_at,
        "closed_on": if closed { json!(item.updated_at) } else { Value::Null },
    });
    if let Value::Object(rest) = rest {
        fields.extend(rest);
    }
    if include.journals {
        let journals: Vec<Value> = item
            .comments
            .iter()
            .map(|comment| journal(tracker, comment))
            .collect();
        fields.insert("journals".into(), json!(journals));
    }
    if include.allowed_statuses {
        fields.insert("allowed_statuses".into(), allowed_statuses(tracker, item));
    }
    Value::Object(fields)
}

/// A comment as Redmine keeps it: a journal with notes and no details.
fn journal(tracker: &Tracker, comment: &Comment) -> Value {
    let notes = match &comment.body {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    json!({
        "id": comment.id,
        "user": person(tracker, &comment.author),
        "notes": notes,
        "created_on": comment.created_at,
        "updated_on": comment.created_at,
        "private_notes": false,
        "details": [],
    })
}

/// The statuses the workflow lets `item` take, its own among them (Redmine's
/// `Issue#new_statuses_allowed_to`).
fn allowed_statuses(tracker: &Tracker, item: &Item) -> Value {
    let Some(project) = tracker.project(&item.project) else {
        return json!([]);
    };
    statuses(tracker)
        .into_iter()
        .filter(|(_, name, _)| {
            project.state(name).is_some_and(|state| {
                state.id == item.state || project.can_move(item.state, state.id)
            })
        })
        .map(|(id, name, closed)| json!({"id": id, "name": name, "is_closed": closed}))
        .collect()
}
