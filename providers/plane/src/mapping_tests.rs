//! Plane's JSON as the unified model, and the state groups as status categories.

use super::*;
use crate::status::group_of;
use mosaic_core::model::StatusCategory;
use serde_json::json;

fn web() -> WebUrls {
    WebUrls::new("https://plane.example.com/", "acme")
}

/// An expanded work item as Plane answers `GET …/work-items/PLAT-12/?expand=state,labels,assignees`.
fn item() -> serde_json::Value {
    json!({
        "id": "9b1c-item",
        "name": "Fix login",
        "description_html": "<p>Steps: <strong>log in</strong></p><ul><li><p>then out</p></li></ul>",
        "priority": "high",
        "sequence_id": 12,
        "sort_order": 65535.0,
        "state": {"id": "s-1", "name": "In Review", "color": "#F59E0B", "group": "started"},
        "labels": [{"id": "l-1", "name": "bug", "color": "#ff0000"}],
        "assignees": [
            {"id": "u-2", "email": null, "display_name": "ben", "first_name": "Ben", "last_name": "B", "avatar": ""},
            {"id": "u-3", "email": "chloe@example.com", "display_name": "chloe"}
        ],
        "project": "p-1",
        "workspace": "w-1",
        "created_at": "2026-11-01T00:05:00.123456Z",
        "updated_at": "2026-11-02T10:00:00Z",
        "parent": null,
        "is_draft": false
    })
}

#[test]
fn an_expanded_work_item_is_a_unified_one() {
    let item: PlaneItem = serde_json::from_value(item()).unwrap();
    let unified = item.unify("PLAT", &web()).unwrap();
    assert_eq!(unified.id, "9b1c-item");
    assert_eq!(unified.key, "PLAT-12");
    assert_eq!(unified.project, "PLAT");
    assert_eq!(unified.title, "Fix login");
    assert_eq!(
        unified.description.as_deref(),
        Some("Steps: **log in**\n\n- then out")
    );
    assert_eq!(unified.status, "In Review");
    assert_eq!(unified.status_category, StatusCategory::InProgress);
    assert_eq!(
        unified.assignee.as_deref(),
        Some("ben"),
        "the first; no e-mail: display name"
    );
    assert_eq!(unified.labels, ["bug"]);
    assert_eq!(unified.priority.as_deref(), Some("high"));
    assert_eq!(
        unified.created_at.as_deref(),
        Some("2026-11-01T00:05:00.123456Z")
    );
    assert_eq!(
        unified.web_url,
        "https://plane.example.com/acme/projects/p-1/issues/9b1c-item"
    );
}

#[test]
fn empty_descriptions_and_no_priority_are_absent() {
    let mut value = item();
    value["description_html"] = json!("<p></p>");
    value["priority"] = json!("none");
    value["assignees"] = json!([]);
    let unified = serde_json::from_value::<PlaneItem>(value)
        .unwrap()
        .unify("PLAT", &web())
        .unwrap();
    assert_eq!(unified.description, None);
    assert_eq!(unified.priority, None);
    assert_eq!(unified.assignee, None);
    let mut bare = item();
    bare.as_object_mut().unwrap().remove("description_html");
    let unified = serde_json::from_value::<PlaneItem>(bare)
        .unwrap()
        .unify("PLAT", &web())
        .unwrap();
    assert_eq!(unified.description, None);
}

#[test]
fn an_unexpanded_or_odd_answer_is_the_providers_fault_naming_the_field() {
    let mut value = item();
    value["state"] = json!("s-1");
    let error = serde_json::from_value::<PlaneItem>(value).unwrap_err();
    assert!(
        error.to_string().contains("invalid type: string"),
        "{error}"
    );
    let mut value = item();
    value["state"]["group"] = json!("someday");
    let error = serde_json::from_value::<PlaneItem>(value)
        .unwrap()
        .unify("PLAT", &web())
        .unwrap_err();
    assert!(
        matches!(&error, mosaic_core::ProviderError::Protocol(m) if m.contains("\"someday\"")),
        "{error:?}"
    );
}

#[test]
fn every_plane_state_group_has_a_category_and_back() {
    let table = [
        ("backlog", StatusCategory::Backlog),
        ("unstarted", StatusCategory::Todo),
        ("started", StatusCategory::InProgress),
        ("completed", StatusCategory::Done),
        ("cancelled", StatusCategory::Cancelled),
        ("triage", StatusCategory::Backlog),
    ];
    for (group, category) in table {
        assert_eq!(category_of(group).unwrap(), category, "{group}");
        if group != "triage" {
            assert_eq!(group_of(category), group);
        }
    }
    assert!(category_of("Started").is_err(), "groups are lower case");
}

#[test]
fn projects_members_and_comments_map_with_their_pages() {
    let project: PlaneProject = serde_json::from_value(json!({
        "id": "p-1", "identifier": "PLAT", "name": "Platform", "network": 2, "is_member": true
    }))
    .unwrap();
    let unified = project.unify(&web());
    assert_eq!(
        (
            unified.id.as_str(),
            unified.key.as_str(),
            unified.name.as_str()
        ),
        ("p-1", "PLAT", "Platform")
    );
    assert_eq!(
        unified.web_url,
        "https://plane.example.com/acme/projects/p-1/issues"
    );

    let members: Vec<PlaneMember> = serde_json::from_value(json!([
        {"id": "u-1", "email": "ana@example.com", "display_name": "ana"},
        {"id": "u-2", "display_name": "ben"}
    ]))
    .unwrap();
    assert!(members[0].is("ANA@example.com") && members[0].is("ana") && members[0].is("u-1"));
    assert!(!members[0].is("Ana"), "display names compare exactly");
    assert_eq!(members[1].login(), "ben");

    let comment: PlaneComment = serde_json::from_value(json!({
        "id": "c-1", "comment_html": "<p>Looks <em>good</em></p>", "actor": "u-1",
        "created_at": "2026-11-03T09:00:00Z", "access": "INTERNAL"
    }))
    .unwrap();
    let unified = comment.clone().unify(&members, &web(), "p-1", "i-1");
    assert_eq!(unified.body, "Looks *good*");
    assert_eq!(unified.author.as_deref(), Some("ana@example.com"));
    assert_eq!(
        unified.web_url,
        "https://plane.example.com/acme/projects/p-1/issues/i-1#comment-c-1"
    );
    let unknown = comment.unify(&[], &web(), "p-1", "i-1");
    assert_eq!(
        unknown.author.as_deref(),
        Some("u-1"),
        "named by id when not a member"
    );
}

#[test]
fn a_page_reads_planes_paginator_fields() {
    let page: PlanePage<PlaneLabel> = serde_json::from_value(json!({
        "grouped_by": null, "total_count": 3, "next_cursor": "2:1:0", "prev_cursor": "2:-1:1",
        "next_page_results": true, "prev_page_results": false, "count": 2, "total_pages": 2,
        "total_results": 3, "extra_stats": null,
        "results": [{"id": "l-1", "name": "bug"}, {"id": "l-2", "name": "docs"}]
    }))
    .unwrap();
    assert!(page.next_page_results);
    assert_eq!(page.results.len(), 2);
}
