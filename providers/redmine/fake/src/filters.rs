//! The filters of Redmine's issue list (`IssueQuery`, read from the query string by
//! `Query#build_from_params` as the vendored description documents them): each parameter is
//! `[operator]value[|value2…]`. Lists take `=` (the default), `!`, `*` and `!*`; `status_id`
//! also `o` and `c` and the older words `open`, `closed` and `*`; text fields take `~`
//! (contains), `!~`, `^` (starts with), `$` (ends with); times `>=`, `<=` and `><`. Without a
//! `status_id`, only open issues are listed, as in Redmine.
//!
//! A value that names nothing Redmine knows of is a refusal (422 with the query's errors),
//! never a filter that silently matches everything.

use super::ids::{self, issue_id, status_of};
use super::render::identifier;
use mosaic_fake_kit::tracker::{Item, Tracker};
use std::collections::HashMap;

/// One parsed filter over issues.
type Check = Box<dyn Fn(&Tracker, &Item) -> bool>;

/// The filters of `params`, or the query's errors (`["Status is invalid"]`).
pub fn filters(tracker: &Tracker, params: &HashMap<String, String>) -> Result<Vec<Check>, String> {
    let mut checks: Vec<Check> = Vec::new();
    let status = params.get("status_id").map_or("o", String::as_str);
    checks.push(status_filter(status)?);
    for (name, label) in [
        ("assigned_to_id", "Assignee"),
        ("tracker_id", "Tracker"),
        ("category_id", "Category"),
        ("priority_id", "Priority"),
        ("issue_id", "Issue"),
    ] {
        if let Some(value) = params.get(name) {
            checks.push(list_filter(tracker, name, label, value)?);
        }
    }
    for (name, label) in [
        ("subject", "Subject"),
        ("description", "Description"),
        ("any_searchable", "Any searchable text"),
    ] {
        if let Some(value) = params.get(name) {
            checks.push(text_filter(name, label, value)?);
        }
    }
    for (name, label) in [("updated_on", "Updated"), ("created_on", "Created")] {
        if let Some(value) = params.get(name) {
            checks.push(time_filter(name, label, value)?);
        }
    }
    Ok(checks)
}

fn invalid(label: &str) -> String {
    format!("{label} is invalid")
}

/// `o`/`open`, `c`/`closed`, `*`, or status ids (`=1|2`, `!3`).
fn status_filter(value: &str) -> Result<Check, String> {
    match value {
        "o" | "open" | "" => return Ok(Box::new(|tracker, item| !status_of(tracker, item).2)),
        "c" | "closed" => return Ok(Box::new(|tracker, item| status_of(tracker, item).2)),
        "*" => return Ok(Box::new(|_, _| true)),
        _ => {}
    }
    let (negated, ids) = id_list(value).ok_or_else(|| invalid("Status"))?;
    Ok(Box::new(move |tracker, item| {
        ids.contains(&status_of(tracker, item).0) != negated
    }))
}

/// `[!]id|id…`; `None` when a value is not a number.
fn id_list(value: &str) -> Option<(bool, Vec<u64>)> {
    let (negated, rest) = match value.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, value.strip_prefix('=').unwrap_or(value)),
    };
    let ids: Option<Vec<u64>> = rest.split('|').map(|id| id.trim().parse().ok()).collect();
    Some((negated, ids?))
}

/// A list filter over one field of an issue: its ids, `*` (any) or `!*` (none).
fn list_filter(tracker: &Tracker, name: &str, label: &str, value: &str) -> Result<Check, String> {
    let field = name.to_owned();
    let value_of = move |tracker: &Tracker, item: &Item| -> Option<u64> {
        match field.as_str() {
            "assigned_to_id" => item
                .assignee
                .as_deref()
                .and_then(|login| tracker.person(login))
                .map(|person| person.id),
            "tracker_id" => Some(ids::tracker_of(item).0),
            "priority_id" => Some(ids::priority_of_level(item.priority).0),
            "issue_id" => Some(issue_id(tracker, item)),
            _ => {
                let project = tracker.project(&item.project)?;
                let label = item.labels.first()?;
                let index = project.labels.iter().position(|known| known == label)?;
                Some(ids::category_id(tracker, project, index))
            }
        }
    };
    match value {
        "*" => return Ok(Box::new(move |t, item| value_of(t, item).is_some())),
        "!*" => return Ok(Box::new(move |t, item| value_of(t, item).is_none())),
        _ => {}
    }
    // `me` is the caller, for the people filters.
    let caller = tracker.caller().id.to_string();
    let value = if name == "assigned_to_id" {
        value.replace("me", &caller)
    } else {
        value.to_owned()
    };
    let (negated, wanted) = id_list(&value).ok_or_else(|| invalid(label))?;
    Ok(Box::new(move |tracker, item| {
        value_of(tracker, item).is_some_and(|id| wanted.contains(&id)) != negated
    }))
}

/// `~text` (contains, any case), `!~text`, `^text`, `$text`.
fn text_filter(name: &str, label: &str, value: &str) -> Result<Check, String> {
    let field = name.to_owned();
    let text_of = move |item: &Item| -> String {
        let description = match &item.description {
            Some(serde_json::Value::String(text)) => text.clone(),
            _ => String::new(),
        };
        let text = match field.as_str() {
            "subject" => item.title.clone(),
            "description" => description,
            _ => {
                let notes: Vec<String> = item
                    .comments
                    .iter()
                    .filter_map(|comment| comment.body.as_str().map(str::to_owned))
                    .collect();
                format!("{}\n{description}\n{}", item.title, notes.join("\n"))
            }
        };
        text.to_lowercase()
    };
    let (operator, wanted) = ["!~", "~", "^", "$"]
        .iter()
        .find_map(|operator| Some((*operator, value.strip_prefix(operator)?)))
        .ok_or_else(|| invalid(label))?;
    let wanted = wanted.to_lowercase();
    let all_words = name == "any_searchable";
    Ok(Box::new(move |_, item| {
        let text = text_of(item);
        let contains = if all_words {
            wanted.split_whitespace().all(|word| text.contains(word))
        } else {
            text.contains(&wanted)
        };
        match operator {
            "~" => contains,
            "!~" => !contains,
            "^" => text.starts_with(&wanted),
            _ => text.ends_with(&wanted),
        }
    }))
}

/// `>=time`, `<=time`, `><from|to`: a date alone compares the day.
fn time_filter(name: &str, label: &str, value: &str) -> Result<Check, String> {
    let updated = name == "updated_on";
    let (operator, rest) = ["><", ">=", "<="]
        .iter()
        .find_map(|operator| Some((*operator, value.strip_prefix(operator)?)))
        .ok_or_else(|| invalid(label))?;
    let bounds: Vec<String> = rest.split('|').map(str::to_owned).collect();
    let well_formed = |bound: &String| {
        bound.len() >= 10 && bound.as_bytes()[4] == b'-' && bound.as_bytes()[7] == b'-'
    };
    if bounds.is_empty() || !bounds.iter().all(well_formed) {
        return Err(invalid(label));
    }
    let at_least = |time: &str, bound: &str| time[..bound.len().min(time.len())] >= *bound;
    let at_most = |time: &str, bound: &str| time[..bound.len().min(time.len())] <= *bound;
    let operator = operator.to_owned();
    Ok(Box::new(move |_, item| {
        let time = if updated {
            &item.updated_at
        } else {
            &item.created_at
        };
        match (operator.as_str(), bounds.as_slice()) {
            (">=", [bound, ..]) => at_least(time, bound),
            ("<=", [bound, ..]) => at_most(time, bound),
            (_, [from, to, ..]) => at_least(time, from) && at_most(time, to),
            _ => false,
        }
    }))
}

/// The project a `project_id` names: its id or its identifier.
pub fn project_named<'t>(
    tracker: &'t Tracker,
    name: &str,
) -> Option<&'t mosaic_fake_kit::tracker::Project> {
    tracker
        .projects
        .iter()
        .find(|project| project.id.to_string() == name || identifier(project) == name)
}
