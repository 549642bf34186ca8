//! The mutations: `issueCreate`, `issueUpdate`, `commentCreate`. Inputs are checked as Linear
//! checks them: ids must name things of the issue's team (`Entity not found: …`), a title is at
//! most 255 characters, a priority 0 to 4, a comment has a body. An input field the adapter
//! does not send is refused, so a test notices one that slips in.

use super::ids::{label, number};
use super::reads::{find_issue, text};
use super::{GraphqlError, render};
use mosaic_fake_kit::tracker::{Project, Tracker};
use serde_json::{Map, Value, json};

/// The longest title Linear stores.
const MAX_TITLE: usize = 255;

type Variables = Map<String, Value>;
type Answer = Result<Value, GraphqlError>;

/// The fields of `IssueCreateInput` and `IssueUpdateInput` the fake applies.
const ISSUE_FIELDS: [&str; 7] = [
    "title",
    "description",
    "priority",
    "labelIds",
    "assigneeId",
    "stateId",
    "teamId",
];

/// Changes to an issue, checked against its team before anything is applied.
#[derive(Default)]
struct Changes {
    title: Option<String>,
    description: Option<Value>,
    priority: Option<u8>,
    labels: Option<Vec<String>>,
    /// `Some(None)` unassigns.
    assignee: Option<Option<String>>,
    state: Option<u64>,
}

fn input(variables: &Variables) -> Result<&Map<String, Value>, GraphqlError> {
    variables
        .get("input")
        .and_then(Value::as_object)
        .ok_or_else(|| GraphqlError::validation("Variable \"$input\" was not provided."))
}

/// Reads and checks the fields of an issue input against `team`.
fn changes(
    tracker: &Tracker,
    team: &Project,
    fields: &Map<String, Value>,
) -> Result<Changes, GraphqlError> {
    let mut changes = Changes::default();
    for (field, value) in fields {
        if !ISSUE_FIELDS.contains(&field.as_str()) {
            return Err(GraphqlError::validation(format!(
                "the fake does not apply the input field \"{field}\""
            )));
        }
        match (field.as_str(), value) {
            ("teamId", _) => {}
            ("title", Value::String(title)) => {
                if title.trim().is_empty() || title.chars().count() > MAX_TITLE {
                    return Err(GraphqlError::invalid(format!(
                        "title must be between 1 and {MAX_TITLE} characters"
                    )));
                }
                changes.title = Some(title.clone());
            }
            ("description", Value::String(_) | Value::Null) => {
                changes.description = Some(value.clone());
            }
            ("priority", Value::Number(number)) => {
                let priority = number
                    .as_u64()
                    .filter(|priority| *priority <= 4)
                    .ok_or_else(|| GraphqlError::invalid("priority must be between 0 and 4"))?;
                changes.priority = Some(priority as u8);
            }
            ("labelIds", Value::Array(ids)) => {
                let mut names = Vec::new();
                for id in ids {
                    let name = id
                        .as_str()
                        .and_then(label)
                        .filter(|(owner, _)| *owner == team.id)
                        .and_then(|(_, index)| team.labels.get(index))
                        .ok_or_else(|| GraphqlError::not_found("IssueLabel"))?;
                    names.push(name.clone());
                }
                changes.labels = Some(names);
            }
            ("assigneeId", Value::Null) => changes.assignee = Some(None),
            ("assigneeId", Value::String(id)) => {
                let person = number(id)
                    .and_then(|n| tracker.people.iter().find(|person| person.id == n))
                    .ok_or_else(|| GraphqlError::not_found("User"))?;
                changes.assignee = Some(Some(person.login.clone()));
            }
            ("stateId", Value::String(id)) => {
                let state = number(id)
                    .and_then(|n| team.state_by_id(n))
                    .ok_or_else(|| GraphqlError::not_found("WorkflowState"))?;
                changes.state = Some(state.id);
            }
            (field, _) => {
                return Err(GraphqlError::validation(format!(
                    "Variable \"$input\" got an invalid value at \"input.{field}\""
                )));
            }
        }
    }
    Ok(changes)
}

/// Applies checked changes to the issue `key`, as one change in time.
fn apply(tracker: &mut Tracker, key: &str, changes: Changes) {
    if let Some(item) = tracker.item_mut(key) {
        if let Some(state) = changes.state {
            item.state = state;
        }
        if let Some(title) = changes.title {
            item.title = title;
        }
        if let Some(description) = changes.description {
            item.description = (!description.is_null()).then_some(description);
        }
        if let Some(priority) = changes.priority {
            item.priority = priority;
        }
        if let Some(labels) = changes.labels {
            item.labels = labels;
        }
        if let Some(assignee) = changes.assignee {
            item.assignee = assignee;
        }
    }
    tracker.touch(key);
}

fn payload(tracker: &Tracker, field: &str, key: &str) -> Answer {
    let item = tracker
        .item(key)
        .ok_or_else(|| GraphqlError::not_found("Issue"))?;
    Ok(json!({ field: { "success": true, "issue": render::issue(tracker, item) } }))
}

pub(super) fn issue_create(tracker: &mut Tracker, variables: &Variables) -> Answer {
    let fields = input(variables)?;
    let team = fields
        .get("teamId")
        .and_then(Value::as_str)
        .and_then(number)
        .and_then(|id| tracker.project_by_id(id))
        .ok_or_else(|| GraphqlError::not_found("Team"))?
        .clone();
    if !fields.get("title").is_some_and(Value::is_string) {
        return Err(GraphqlError::invalid("title should not be empty"));
    }
    let changes = changes(tracker, &team, fields)?;
    let title = changes.title.clone().unwrap_or_default();
    let key = tracker.create_item(&team.key, &title);
    apply(tracker, &key, changes);
    payload(tracker, "issueCreate", &key)
}

pub(super) fn issue_update(tracker: &mut Tracker, variables: &Variables) -> Answer {
    let key = find_issue(tracker, text(variables, "id")?)?.key();
    let fields = input(variables)?;
    let project = find_issue(tracker, &key)?.project.clone();
    let team = tracker
        .project(&project)
        .ok_or_else(|| GraphqlError::not_found("Team"))?
        .clone();
    if fields.contains_key("teamId") {
        return Err(GraphqlError::validation(
            "the fake does not move issues between teams",
        ));
    }
    let changes = changes(tracker, &team, fields)?;
    apply(tracker, &key, changes);
    payload(tracker, "issueUpdate", &key)
}

pub(super) fn comment_create(tracker: &mut Tracker, variables: &Variables) -> Answer {
    let fields = input(variables)?;
    for field in fields.keys() {
        if field != "issueId" && field != "body" {
            return Err(GraphqlError::validation(format!(
                "the fake does not apply the input field \"{field}\""
            )));
        }
    }
    let issue_id = fields
        .get("issueId")
        .and_then(Value::as_str)
        .ok_or_else(|| GraphqlError::invalid("issueId is required"))?;
    let key = find_issue(tracker, issue_id)?.key();
    let body = fields
        .get("body")
        .and_then(Value::as_str)
        .filter(|body| !body.trim().is_empty())
        .ok_or_else(|| GraphqlError::invalid("body should not be empty"))?;
    let id = tracker
        .add_comment(&key, Value::String(body.to_owned()))
        .ok_or_else(|| GraphqlError::not_found("Issue"))?;
    let item = tracker
        .item(&key)
        .ok_or_else(|| GraphqlError::not_found("Issue"))?;
    let comment = item
        .comments
        .iter()
        .find(|comment| comment.id == id)
        .ok_or_else(|| GraphqlError::not_found("Comment"))?;
    Ok(json!({ "commentCreate": {
        "success": true,
        "comment": render::comment(tracker, item, comment),
    }}))
}
