use super::*;
use serde_json::json;

fn page(extra: Value) -> NotionPage {
    let mut value = json!({
        "object": "page",
        "id": "00000000-0000-4000-8000-000000001010",
        "parent": {"type": "page_id", "page_id": "00000000-0000-4000-8000-000000001004"},
        "last_edited_time": "2026-01-01T00:05:00.000Z",
        "url": "https://www.notion.so/Runbook-1-000000000000400080000000000001010",
        "properties": {"title": {"id": "title", "type": "title", "title": [
            {"type": "text", "plain_text": "Runbook ", "text": {"content": "Runbook "}},
            {"type": "text", "plain_text": "1"}
        ]}}
    });
    if let (Some(value), Value::Object(extra)) = (value.as_object_mut(), extra) {
        value.extend(extra);
    }
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_page_reads_its_title_parent_and_version() {
    let page = page(json!({"in_trash": false}));
    assert_eq!(page.title(), "Runbook 1");
    assert_eq!(page.title_property(), "title");
    assert_eq!(page.version().unwrap(), 1_767_225_900);
    let root = NotionId::parse("00000000-0000-4000-8000-000000001004").unwrap();
    let mapped = kb_page(&page, "ENG", Some(&root), "body".into()).unwrap();
    assert_eq!(mapped.parent_id, None, "directly under the space's root");
    let other = NotionId::parse("00000000-0000-4000-8000-000000000001").unwrap();
    let nested = kb_page(&page, "ENG", Some(&other), "body".into()).unwrap();
    assert_eq!(
        nested.parent_id.as_deref(),
        Some("00000000-0000-4000-8000-000000001004")
    );
}

#[test]
fn the_older_archived_counts_as_trashed_beside_in_trash() {
    assert!(page(json!({"archived": true})).trashed());
    assert!(page(json!({"in_trash": true, "archived": false})).trashed());
    assert!(!page(json!({"archived": false})).trashed());
    assert!(!page(json!({})).trashed());
}

#[test]
fn a_data_sources_title_property_has_its_own_name() {
    let page = page(
        json!({"properties": {"Name": {"id": "title", "type": "title", "title": [{"plain_text": "Row"}]}}}),
    );
    assert_eq!(page.title(), "Row");
    assert_eq!(page.title_property(), "Name");
}

#[test]
fn search_results_are_read_by_their_object() {
    let source = Found::read(json!({
        "object": "data_source", "id": "d1", "title": [{"plain_text": "Tasks"}],
        "parent": {"type": "database_id", "database_id": "db"},
        "database_parent": {"type": "workspace", "workspace": true}
    }))
    .unwrap();
    assert!(
        matches!(source, Some(Found::DataSource(ref s)) if s.database_parent == Some(Parent::Workspace))
    );
    assert_eq!(
        Found::read(json!({"object": "database", "id": "x"})).unwrap(),
        None
    );
    let broken = Found::read(json!({"object": "page", "id": 3})).unwrap_err();
    assert!(matches!(broken, ProviderError::Protocol(message) if message.contains("as a page")));
}

#[test]
fn unknown_parents_and_bad_times_do_not_panic() {
    let parent: Parent =
        serde_json::from_value(json!({"type": "agent_id", "agent_id": "a"})).unwrap();
    assert_eq!(parent, Parent::Other);
    let error = version_of("p", "yesterday").unwrap_err();
    assert!(matches!(error, ProviderError::Protocol(message) if message.contains("`yesterday`")));
}
