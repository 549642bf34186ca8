//! The unified search as filters on Plane's work items, and the cursors of its lists.

use super::*;
use crate::mapping::PlaneItem;
use serde_json::json;

fn search(arguments: serde_json::Value) -> IssuesSearch {
    serde_json::from_value(arguments).unwrap()
}

fn item(group: &str, labels: &[&str], assignee: &str, updated_at: &str) -> PlaneItem {
    serde_json::from_value(json!({
        "id": "i-1",
        "name": "Checkout times out",
        "description_html": "<p>Seen on <strong>staging</strong> &amp; prod</p>",
        "sequence_id": 3,
        "state": {"id": "s", "name": "Doing", "group": group},
        "labels": labels.iter().map(|name| json!({"id": name, "name": name})).collect::<Vec<_>>(),
        "assignees": [{"id": "u-2", "email": "ben@example.com", "display_name": assignee}],
        "project": "p-1",
        "updated_at": updated_at
    }))
    .unwrap()
}

#[test]
fn no_filter_keeps_everything_and_asks_plane_for_whole_pages() {
    let filter = Filter::of(&search(json!({"project": "PLAT"}))).unwrap();
    assert!(filter.is_empty());
    assert!(filter.matches(&item("backlog", &[], "ben", "2026-01-01T00:00:00Z")));
    assert_eq!(
        ITEM_QUERY,
        [
            ("order_by", "sequence_id"),
            ("expand", "state,labels,assignees")
        ]
    );
}

#[test]
fn each_filter_applies_to_the_items_plane_answers() {
    let base = item(
        "started",
        &["bug", "ui"],
        "ben",
        "2026-01-31T12:00:30.5+00:00",
    );
    let keeps =
        |arguments: serde_json::Value| Filter::of(&search(arguments)).unwrap().matches(&base);
    assert!(keeps(json!({"status": ["todo", "in_progress"]})));
    assert!(!keeps(json!({"status": ["done"]})));
    assert!(keeps(json!({"labels": ["BUG", "ui"]})));
    assert!(!keeps(json!({"labels": ["bug", "backend"]})));
    assert!(keeps(json!({"assignee": "BEN@example.com"})));
    assert!(keeps(json!({"assignee": "ben"})));
    assert!(!keeps(json!({"assignee": "ana"})));
    assert!(
        keeps(json!({"updated_since": "2026-01-31T12:00:30Z"})),
        "the same second"
    );
    assert!(
        keeps(json!({"updated_since": "2026-01-31T14:00:00+02:00"})),
        "offsets count"
    );
    assert!(!keeps(json!({"updated_since": "2026-01-31T12:00:31Z"})));
    assert!(keeps(json!({"updated_since": "2026-01-31"})));
    assert!(
        keeps(json!({"text": "CHECKOUT staging"})),
        "title and description words"
    );
    assert!(keeps(json!({"text": "& prod"})), "entities read as text");
    assert!(!keeps(json!({"text": "checkout production"})));
    assert!(keeps(json!({"text": "   "})), "blank text filters nothing");
}

#[test]
fn a_malformed_time_is_the_callers_mistake() {
    let error = Filter::of(&search(json!({"updated_since": "2026-02-30"}))).unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("updated_since `2026-02-30`: no such day".into())
    );
    assert_eq!(unix_seconds("1970-01-01T00:01:05Z"), Ok(65));
    assert_eq!(unix_seconds("1970-01-01"), Ok(0));
    assert_eq!(unix_seconds("1970-01-01T01:00+01:00"), Ok(0));
}

#[test]
fn cursors_round_trip_and_anything_else_is_refused() {
    assert_eq!(projects_offset(&projects_cursor(40)), Ok(40));
    assert_eq!(items_position(&items_cursor("p-1", 7)), Ok(("p-1", 7)));
    let uuid = "0e231ca7-8c83-44ad-9df9-f0699a512c67";
    assert_eq!(items_position(&items_cursor(uuid, 100)), Ok((uuid, 100)));
    for bad in [
        "",
        "40",
        "100:1:0",
        "projects:",
        "projects:-1",
        "items:p-1",
        "items::3",
        "items:p-1:x",
    ] {
        let projects = projects_offset(bad);
        let items = items_position(bad);
        assert!(
            matches!(projects, Err(ProviderError::Invalid(_)))
                && matches!(items, Err(ProviderError::Invalid(_))),
            "{bad}"
        );
    }
}
