//! The tracker's data in Jira's JSON (Cloud platform REST v3).

use super::jql::category_name;
use mosaic_fake_kit::tracker::{Comment, Item, Person, StateGroup, Tracker};
use serde_json::{Value, json};

/// Jira's status category key of a state group.
pub fn category_key(group: StateGroup) -> &'static str {
    match group {
        StateGroup::Backlog | StateGroup::Unstarted => "new",
        StateGroup::Started => "indeterminate",
        StateGroup::Completed | StateGroup::Cancelled => "done",
    }
}

/// Priority names by the tracker's level (1 urgent … 4 low; 0 none).
pub const PRIORITIES: [&str; 4] = ["Highest", "High", "Medium", "Low"];

/// A status.
pub fn status(origin: &str, id: u64, name: &str, group: StateGroup) -> Value {
    json!({
        "self": format!("{origin}/rest/api/3/status/{id}"),
        "id": id.to_string(),
        "name": name,
        "statusCategory": {"key": category_key(group), "name": category_name(group)},
    })
}

/// A person; the e-mail hidden for `chloe`, as Jira does for people who hide theirs.
pub fn person(origin: &str, person: &Person) -> Value {
    let mut user = json!({
        "self": format!("{origin}/rest/api/3/user?accountId={}", person.account_id),
        "accountId": person.account_id,
        "displayName": person.name,
        "active": true,
    });
    if person.login != "chloe" {
        user["emailAddress"] = json!(person.email);
    }
    user
}

/// An ADF document from what the tracker holds: a stored document as it is, seed text as one
/// paragraph.
pub fn adf(stored: &Value) -> Value {
    match stored {
        Value::String(text) => json!({"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": text}]}
        ]}),
        other => other.clone(),
    }
}

/// `2026-11-01T00:05:00Z` as Jira writes times, `2026-11-01T00:05:00.000+0000`.
pub fn time(rfc3339: &str) -> String {
    format!("{}.000+0000", rfc3339.trim_end_matches('Z'))
}

/// An issue with the fields the adapter asks for.
pub fn issue(origin: &str, tracker: &Tracker, item: &Item) -> Value {
    let state = tracker.state_of(item);
    let assignee = item
        .assignee
        .as_deref()
        .and_then(|login| tracker.person(login))
        .map(|p| person(origin, p));
    let priority = PRIORITIES
        .get(usize::from(item.priority).wrapping_sub(1))
        .map(|name| json!({"name": name}));
    json!({
        "id": item.id.to_string(),
        "key": item.key(),
        "self": format!("{origin}/rest/api/3/issue/{}", item.id),
        "fields": {
            "summary": item.title,
            "description": item.description.as_ref().map(adf),
            "status": state.map(|s| status(origin, s.id, &s.name, s.group)),
            "resolution": item.resolution.as_ref().map(|name| json!({"name": name})),
            "assignee": assignee,
            "labels": item.labels,
            "priority": priority,
            "issuetype": {"name": item.issue_type},
            "created": time(&item.created_at),
            "updated": time(&item.updated_at),
            "project": {"key": item.project},
        }
    })
}

/// A comment.
pub fn comment(origin: &str, tracker: &Tracker, item: &Item, comment: &Comment) -> Value {
    json!({
        "self": format!("{origin}/rest/api/3/issue/{}/comment/{}", item.id, comment.id),
        "id": comment.id.to_string(),
        "author": tracker.person(&comment.author).map(|p| person(origin, p)),
        "body": adf(&comment.body),
        "created": time(&comment.created_at),
        "updated": time(&comment.created_at),
    })
}
