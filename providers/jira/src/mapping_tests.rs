use super::*;
use mosaic_core::model::StatusCategory;
use serde_json::json;

fn issue(status: &str, category: &str, resolution: Option<&str>) -> JiraIssue {
    serde_json::from_value(json!({
        "id": "10042",
        "key": "PLAT-7",
        "fields": {
            "summary": "Retry uploads",
            "description": {"type": "doc", "version": 1, "content": [
                {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Why"}]},
                {"type": "paragraph", "content": [
                    {"type": "mention", "attrs": {"id": "acc-ben", "text": "@Ben Brandt"}},
                    {"type": "text", "text": " saw it"}
                ]}
            ]},
            "status": {"name": status, "statusCategory": {"key": category}},
            "resolution": resolution.map(|name| json!({"name": name})),
            "assignee": {"accountId": "acc-ben", "displayName": "Ben Brandt"},
            "labels": ["bug"],
            "priority": {"name": "High"},
            "created": "2026-11-01T10:00:00.000+0000",
            "updated": "2026-11-02T11:30:00.000-0230",
            "project": {"key": "PLAT"}
        }
    }))
    .expect("an issue")
}

#[test]
fn an_issue_becomes_a_work_item_with_markdown_and_rfc3339_times() {
    let item = issue("In Progress", "indeterminate", None)
        .unify("https://acme.atlassian.net", &StatusMapping::default())
        .expect("unified");
    assert_eq!(item.id, "10042");
    assert_eq!(item.key, "PLAT-7");
    assert_eq!(item.project, "PLAT");
    assert_eq!(item.status_category, StatusCategory::InProgress);
    assert_eq!(
        item.description.as_deref(),
        Some("## Why\n\n@[Ben Brandt](accountid:acc-ben) saw it")
    );
    // No e-mail shown: the account id, which writes accept back.
    assert_eq!(item.assignee.as_deref(), Some("acc-ben"));
    assert_eq!(
        item.created_at.as_deref(),
        Some("2026-11-01T10:00:00.000+00:00")
    );
    assert_eq!(
        item.updated_at.as_deref(),
        Some("2026-11-02T11:30:00.000-02:30")
    );
    assert_eq!(item.web_url, "https://acme.atlassian.net/browse/PLAT-7");
}

#[test]
fn status_category_mapping_table() {
    let statuses =
        StatusMapping::new(vec!["Backlog".into()], vec!["Won't Do".into()]).expect("a mapping");
    let table = [
        ("Backlog", "new", None, StatusCategory::Backlog),
        ("To Do", "new", None, StatusCategory::Todo),
        ("Triage", "undefined", None, StatusCategory::Todo),
        (
            "In Progress",
            "indeterminate",
            None,
            StatusCategory::InProgress,
        ),
        ("Done", "done", Some("Done"), StatusCategory::Done),
        ("Done", "done", None, StatusCategory::Done),
        (
            "Closed",
            "done",
            Some("Won't Do"),
            StatusCategory::Cancelled,
        ),
    ];
    for (status, key, resolution, expected) in table {
        let item = issue(status, key, resolution)
            .unify("https://x", &statuses)
            .expect("unified");
        assert_eq!(
            item.status_category, expected,
            "{status} / {key} / {resolution:?}"
        );
    }
    let unknown = issue("Odd", "in-flight", None).unify("https://x", &statuses);
    assert!(
        matches!(unknown, Err(ProviderError::Protocol(message)) if message.contains("in-flight"))
    );
}

#[test]
fn a_broken_description_names_the_issue_and_the_node() {
    let mut broken = issue("To Do", "new", None);
    broken.fields.description = Some(
        json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text"}]}]}),
    );
    let error = broken
        .unify("https://x", &StatusMapping::default())
        .expect_err("no text");
    assert!(
        matches!(&error, ProviderError::Protocol(message) if message.starts_with("issue PLAT-7 description: invalid ADF at $.content[0].content[0]")),
        "{error:?}"
    );
}

#[test]
fn people_are_their_email_when_shown() {
    let user: JiraUser = serde_json::from_value(json!({
        "accountId": "acc-ana", "emailAddress": "ana@example.com", "displayName": "Ana Alves"
    }))
    .expect("a user");
    assert_eq!(user.handle().as_deref(), Some("ana@example.com"));
    assert!(user.is("ANA@example.com"));
    assert!(user.is("acc-ana"));
    assert!(user.is("Ana Alves"));
    assert!(!user.is("ana"));
}

#[test]
fn jira_times_become_rfc3339() {
    assert_eq!(
        rfc3339("2026-11-01T10:00:00.000+0000"),
        "2026-11-01T10:00:00.000+00:00"
    );
    assert_eq!(rfc3339("2026-11-01T10:00:00Z"), "2026-11-01T10:00:00Z");
}
