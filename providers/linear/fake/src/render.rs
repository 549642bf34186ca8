//! The tracker's data in Linear's JSON, exactly the fields the adapter's documents select:
//! `IssueFields` (issues), `TeamParts` (a team's labels and states), comments, teams.

use super::ORGANIZATION;
use super::ids::{label_uuid, uuid};
use mosaic_fake_kit::tracker::{Comment, Item, Person, Project, State, StateGroup, Tracker};
use serde_json::{Value, json};

/// Linear's state type of a tracker state group (Linear spells it `canceled`).
pub fn state_type(group: StateGroup) -> &'static str {
    match group {
        StateGroup::Cancelled => "canceled",
        other => other.name(),
    }
}

/// A time as Linear writes it, with milliseconds: `2026-11-01T00:05:00.000Z`.
pub fn time(rfc3339: &str) -> String {
    format!("{}.000Z", rfc3339.trim_end_matches('Z'))
}

/// The issue's page: `https://linear.app/{org}/issue/{KEY-N}/{title-slug}`.
pub fn issue_url(item: &Item) -> String {
    let slug: String = item
        .title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "https://linear.app/{ORGANIZATION}/issue/{}/{slug}",
        item.key()
    )
}

/// A person as `{displayName, email}`.
pub fn person(person: &Person) -> Value {
    json!({ "displayName": person.login, "email": person.email })
}

/// A state as `{id, name, type}`.
pub fn state(state: &State) -> Value {
    json!({ "id": uuid(state.id), "name": state.name, "type": state_type(state.group) })
}

/// A Markdown text as stored: the seed's and the adapter's are strings.
fn markdown(stored: Option<&Value>) -> Value {
    match stored {
        None | Some(Value::Null) => Value::Null,
        Some(Value::String(text)) => json!(text),
        Some(other) => json!(other.to_string()),
    }
}

/// An issue as the `IssueFields` fragment selects it.
pub fn issue(tracker: &Tracker, item: &Item) -> Value {
    let state = tracker.state_of(item).map_or(Value::Null, self::state);
    let assignee = item
        .assignee
        .as_deref()
        .and_then(|login| tracker.person(login))
        .map_or(Value::Null, person);
    let labels: Vec<Value> = item
        .labels
        .iter()
        .map(|name| json!({ "name": name }))
        .collect();
    json!({
        "id": uuid(item.id),
        "identifier": item.key(),
        "title": item.title,
        "description": markdown(item.description.as_ref()),
        "priority": f64::from(item.priority),
        "url": issue_url(item),
        "createdAt": time(&item.created_at),
        "updatedAt": time(&item.updated_at),
        "state": state,
        "assignee": assignee,
        "labels": { "nodes": labels },
        "team": { "key": item.project },
    })
}

/// A team as the `TeamParts` fragment selects it: labels and states in workflow order, the
/// position being the place in it.
pub fn team_parts(project: &Project) -> Value {
    let labels: Vec<Value> = project
        .labels
        .iter()
        .enumerate()
        .map(|(index, name)| json!({ "id": label_uuid(project.id, index), "name": name }))
        .collect();
    let states: Vec<Value> = project
        .states
        .iter()
        .enumerate()
        .map(|(position, current)| {
            let mut value = state(current);
            value["position"] = json!(position as f64);
            value
        })
        .collect();
    json!({
        "id": uuid(project.id),
        "key": project.key,
        "labels": { "nodes": labels },
        "states": { "nodes": states },
    })
}

/// A comment with its author.
pub fn comment(tracker: &Tracker, item: &Item, comment: &Comment) -> Value {
    let author = tracker.person(&comment.author).map_or(Value::Null, person);
    json!({
        "id": uuid(comment.id),
        "body": markdown(Some(&comment.body)),
        "createdAt": time(&comment.created_at),
        "url": format!("{}#comment-{:08x}", issue_url(item), comment.id),
        "user": author,
    })
}

/// The workspace's own labels (none: the tracker's labels belong to teams).
pub fn workspace_labels() -> Value {
    json!({ "nodes": [] })
}
