//! Evaluating an `IssueFilter` on the tracker's items, for the fields a unified search uses:
//!
//! - `team: { key: { eq } }`
//! - `searchableContent: { contains }` (title, description and comments, without regard to
//!   case)
//! - `state: { type: { in: [...] } }` (Linear's state types)
//! - `assignee: { email: { eq } }`, `assignee: { displayName: { eq } }`
//! - `labels: { some: { name: { eq } } }`
//! - `updatedAt: { gte }` (a date or a date-time)
//! - `and: [IssueFilter]`
//!
//! Fields of one filter all apply, as in Linear. Any other field or comparator is refused as
//! input the fake does not evaluate, so a test notices rather than getting everything.

use super::GraphqlError;
use super::render::state_type;
use mosaic_fake_kit::tracker::{Item, Tracker};
use serde_json::{Map, Value};

/// Whether `item` passes `filter`.
pub fn matches(tracker: &Tracker, item: &Item, filter: &Value) -> Result<bool, GraphqlError> {
    let fields = object(filter, "filter")?;
    for (field, condition) in fields {
        let passes = match field.as_str() {
            "team" => string_eq(at(condition, &["key"])?, &item.project)?,
            "searchableContent" => {
                let wanted = comparator_text(object(condition, field)?, "contains")?;
                searchable(item).contains(&wanted.to_lowercase())
            }
            "state" => {
                let types = at(condition, &["type", "in"])?;
                let types = types
                    .as_array()
                    .ok_or_else(|| unsupported("state.type.in must be a list"))?;
                let current = tracker.state_of(item).map(|state| state_type(state.group));
                types
                    .iter()
                    .any(|wanted| wanted.as_str().is_some() && wanted.as_str() == current)
            }
            "assignee" => {
                let person = item
                    .assignee
                    .as_deref()
                    .and_then(|login| tracker.person(login));
                let (name, comparator) = single(object(condition, field)?, field)?;
                let value = match name {
                    "email" => person.map(|person| person.email.as_str()),
                    "displayName" => person.map(|person| person.login.as_str()),
                    other => return Err(unsupported(&format!("assignee.{other}"))),
                };
                match value {
                    Some(value) => string_eq(comparator, value)?,
                    None => false,
                }
            }
            "labels" => {
                let wanted = at(condition, &["some", "name"])?;
                let mut any = false;
                for label in &item.labels {
                    any |= string_eq(wanted, label)?;
                }
                any
            }
            "updatedAt" => {
                let since = comparator_text(object(condition, field)?, "gte")?;
                moment(&item.updated_at) >= moment(&since)
            }
            "and" => {
                let all = condition
                    .as_array()
                    .ok_or_else(|| unsupported("and must be a list"))?;
                let mut every = true;
                for each in all {
                    every &= matches(tracker, item, each)?;
                }
                every
            }
            other => return Err(unsupported(other)),
        };
        if !passes {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Title, description and comments in lower case.
fn searchable(item: &Item) -> String {
    let mut text = item.title.to_lowercase();
    for stored in item
        .description
        .iter()
        .chain(item.comments.iter().map(|comment| &comment.body))
    {
        text.push('\n');
        match stored {
            Value::String(body) => text.push_str(&body.to_lowercase()),
            other => text.push_str(&other.to_string().to_lowercase()),
        }
    }
    text
}

/// `YYYY-MM-DDTHH:MM:SS` of a date or date-time, for comparing.
fn moment(text: &str) -> String {
    let mut moment: String = text.chars().take(19).collect();
    if moment.len() == 10 {
        moment.push_str("T00:00:00");
    }
    moment.replace(' ', "T")
}

/// `{ eq: value }` against `actual`.
fn string_eq(comparator: &Value, actual: &str) -> Result<bool, GraphqlError> {
    let wanted = comparator_text(object(comparator, "comparator")?, "eq")?;
    Ok(wanted == actual)
}

/// The text of the one comparator `name` a comparator object must hold.
fn comparator_text(fields: &Map<String, Value>, name: &str) -> Result<String, GraphqlError> {
    match single(fields, name)? {
        (found, Value::String(text)) if found == name => Ok(text.clone()),
        (found, _) => Err(unsupported(&format!("comparator {found}"))),
    }
}

/// The only entry of an object.
fn single<'v>(
    fields: &'v Map<String, Value>,
    what: &str,
) -> Result<(&'v str, &'v Value), GraphqlError> {
    let mut entries = fields.iter();
    match (entries.next(), entries.next()) {
        (Some((name, value)), None) => Ok((name.as_str(), value)),
        _ => Err(unsupported(&format!(
            "{what} with other than one comparator"
        ))),
    }
}

fn object<'v>(value: &'v Value, what: &str) -> Result<&'v Map<String, Value>, GraphqlError> {
    value
        .as_object()
        .ok_or_else(|| GraphqlError::invalid(format!("{what} must be an input object")))
}

/// The value at a path of single-entry objects.
fn at<'v>(value: &'v Value, path: &[&str]) -> Result<&'v Value, GraphqlError> {
    let mut current = value;
    for step in path {
        let (name, next) = single(object(current, step)?, step)?;
        if name != *step {
            return Err(unsupported(name));
        }
        current = next;
    }
    Ok(current)
}

fn unsupported(what: &str) -> GraphqlError {
    GraphqlError::invalid(format!(
        "the fake does not evaluate the filter field `{what}`"
    ))
}
