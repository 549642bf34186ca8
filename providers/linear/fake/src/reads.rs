//! The queries: viewer, teams, issue search and one issue, and the lookups writes make (a team
//! by key, an issue's team, people by e-mail or display name).

use super::filter::matches;
use super::ids::{number, uuid};
use super::render::{self, workspace_labels};
use super::{GraphqlError, ORGANIZATION};
use mosaic_fake_kit::tracker::{Item, Tracker};
use serde_json::{Map, Value, json};

/// The largest `first` Linear accepts.
const MAX_FIRST: i64 = 250;

type Variables = Map<String, Value>;
type Answer = Result<Value, GraphqlError>;

/// A required string variable.
pub(super) fn text<'v>(variables: &'v Variables, name: &str) -> Result<&'v str, GraphqlError> {
    variables.get(name).and_then(Value::as_str).ok_or_else(|| {
        GraphqlError::validation(format!(
            "Variable \"${name}\" of required type \"String!\" was not provided."
        ))
    })
}

/// The issue an `id` argument names: an identifier (`WEB-3`) or an id.
pub(super) fn find_issue<'t>(tracker: &'t Tracker, id: &str) -> Result<&'t Item, GraphqlError> {
    tracker
        .item(id)
        .or_else(|| number(id).and_then(|n| tracker.item_by_id(n)))
        .ok_or_else(|| GraphqlError::not_found("Issue"))
}

/// One page of `nodes` after the node whose id is the `after` cursor.
fn page(nodes: Vec<(String, Value)>, variables: &Variables) -> Answer {
    let first = match variables.get("first") {
        None | Some(Value::Null) => 50,
        Some(value) => value
            .as_i64()
            .filter(|first| (1..=MAX_FIRST).contains(first))
            .ok_or_else(|| {
                GraphqlError::invalid(format!("first must be between 1 and {MAX_FIRST}"))
            })?,
    };
    let start = match variables.get("after") {
        None | Some(Value::Null) => 0,
        Some(Value::String(cursor)) => {
            nodes
                .iter()
                .position(|(id, _)| id == cursor)
                .ok_or_else(|| GraphqlError::invalid("after: cursor not found"))?
                + 1
        }
        Some(_) => return Err(GraphqlError::invalid("after must be a string")),
    };
    let rest = nodes.len().saturating_sub(start);
    let taken: Vec<(String, Value)> = nodes.into_iter().skip(start).take(first as usize).collect();
    let end_cursor = taken.last().map(|(id, _)| id.clone());
    Ok(json!({
        "nodes": taken.into_iter().map(|(_, node)| node).collect::<Vec<_>>(),
        "pageInfo": { "hasNextPage": rest > first as usize, "endCursor": end_cursor },
    }))
}

pub(super) fn viewer(tracker: &Tracker) -> Answer {
    Ok(json!({ "viewer": { "id": uuid(tracker.caller().id) } }))
}

pub(super) fn teams(tracker: &Tracker, variables: &Variables) -> Answer {
    let nodes = tracker
        .projects
        .iter()
        .map(|project| {
            let id = uuid(project.id);
            let node = json!({ "id": id, "key": project.key, "name": project.name });
            (id, node)
        })
        .collect();
    Ok(json!({
        "organization": { "urlKey": ORGANIZATION },
        "teams": page(nodes, variables)?,
    }))
}

pub(super) fn issue_search(tracker: &Tracker, variables: &Variables) -> Answer {
    let filter = variables.get("filter").filter(|filter| !filter.is_null());
    let mut found: Vec<&Item> = Vec::new();
    for item in &tracker.items {
        let passes = match filter {
            Some(filter) => matches(tracker, item, filter)?,
            None => true,
        };
        if passes {
            found.push(item);
        }
    }
    // `orderBy: updatedAt`: the most recently updated first.
    found.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
    let nodes = found
        .into_iter()
        .map(|item| (uuid(item.id), render::issue(tracker, item)))
        .collect();
    Ok(json!({ "issues": page(nodes, variables)? }))
}

pub(super) fn issue_get(tracker: &Tracker, variables: &Variables) -> Answer {
    let item = find_issue(tracker, text(variables, "id")?)?;
    Ok(json!({ "issue": render::issue(tracker, item) }))
}

pub(super) fn team_context(tracker: &Tracker, variables: &Variables) -> Answer {
    let key = text(variables, "key")?;
    let nodes: Vec<Value> = tracker
        .project(key)
        .map(render::team_parts)
        .into_iter()
        .collect();
    Ok(json!({ "teams": { "nodes": nodes }, "workspaceLabels": workspace_labels() }))
}

pub(super) fn issue_context(tracker: &Tracker, variables: &Variables) -> Answer {
    let item = find_issue(tracker, text(variables, "id")?)?;
    let team = tracker
        .project(&item.project)
        .ok_or_else(|| GraphqlError::not_found("Team"))?;
    let state = tracker
        .state_of(item)
        .ok_or_else(|| GraphqlError::not_found("WorkflowState"))?;
    Ok(json!({
        "issue": {
            "id": uuid(item.id),
            "identifier": item.key(),
            "state": render::state(state),
            "team": render::team_parts(team),
        },
        "workspaceLabels": workspace_labels(),
    }))
}

pub(super) fn user_lookup(tracker: &Tracker, variables: &Variables) -> Answer {
    let who = text(variables, "who")?;
    let nodes: Vec<Value> = tracker
        .people
        .iter()
        .filter(|person| person.email == who || person.login == who)
        .take(2)
        .map(|person| {
            let mut node = render::person(person);
            node["id"] = json!(uuid(person.id));
            node
        })
        .collect();
    Ok(json!({ "users": { "nodes": nodes } }))
}
