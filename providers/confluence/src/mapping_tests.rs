use super::*;
use serde_json::json;

const SITE: &str = "https://acme.atlassian.net";

#[test]
fn the_cursor_is_taken_out_of_the_next_link() {
    let links = |next: &str| ListLinks {
        next: Some(next.to_owned()),
    };
    assert_eq!(
        next_cursor(&links("/wiki/api/v2/pages?limit=5&cursor=eyJpZCI6MTB9%3D")).unwrap(),
        Some("eyJpZCI6MTB9=".to_owned())
    );
    assert_eq!(
        next_cursor(&links("/rest/api/search?cql=x&cursor=abc")).unwrap(),
        Some("abc".to_owned())
    );
    assert_eq!(next_cursor(&ListLinks::default()).unwrap(), None);
    assert!(matches!(
        next_cursor(&links("/wiki/api/v2/pages?limit=5")),
        Err(ProviderError::Protocol(message)) if message.contains("no `cursor`")
    ));
}

#[test]
fn highlights_are_stripped_from_excerpts() {
    assert_eq!(
        strip_highlights("Steps for @@@hl@@@incident@@@endhl@@@ class 3 &amp; more&hellip; "),
        "Steps for incident class 3 & more…"
    );
}

#[test]
fn a_page_links_to_the_site_and_reads_as_markdown() {
    let page: PageJson = serde_json::from_value(json!({
        "id": "65868", "status": "current", "title": "On-call", "spaceId": "98306",
        "parentId": "65700", "authorId": "5b10", "createdAt": "2026-01-01T10:00:00.000Z",
        "version": {"number": 3, "createdAt": "2026-01-02T10:00:00.000Z", "minorEdit": false},
        "body": {"storage": {"representation": "storage", "value": "<h1>On-call</h1><p>Page <strong>us</strong>.</p>"}},
        "_links": {"webui": "/spaces/OPS/pages/65868/On-call", "editui": "/pages/resumedraft.action?draftId=65868"}
    }))
    .unwrap();
    let unified = page.unify("OPS", SITE).unwrap();
    assert_eq!(unified.body, "# On-call\n\nPage **us**.\n");
    assert_eq!(unified.version, 3);
    assert_eq!(unified.parent_id.as_deref(), Some("65700"));
    assert_eq!(
        unified.updated_at.as_deref(),
        Some("2026-01-02T10:00:00.000Z")
    );
    assert_eq!(
        unified.web_url,
        "https://acme.atlassian.net/wiki/spaces/OPS/pages/65868/On-call"
    );
}

#[test]
fn a_page_without_its_body_is_the_providers_fault() {
    let page: PageJson = serde_json::from_value(json!({
        "id": "1", "title": "x", "spaceId": "2", "version": {"number": 1}
    }))
    .unwrap();
    assert!(
        matches!(page.unify("ENG", SITE), Err(ProviderError::Protocol(m)) if m.contains("body.storage"))
    );
}

#[test]
fn a_hit_names_its_space_from_the_content_or_the_container() {
    let hit = |content: serde_json::Value| -> SearchResult {
        serde_json::from_value(json!({
            "content": content, "title": "Runbook 3",
            "excerpt": "@@@hl@@@escalate@@@endhl@@@ to on-call",
            "url": "/spaces/ENG/pages/1003/Runbook+3",
            "resultGlobalContainer": {"title": "Engineering", "displayUrl": "/spaces/ENG"},
            "lastModified": "2026-01-01T10:00:00.000Z"
        }))
        .unwrap()
    };
    let with_space =
        hit(json!({"id": "1003", "type": "page", "title": "Runbook 3", "space": {"key": "ENG"}}));
    let summary = with_space.unify(SITE).unwrap();
    assert_eq!(summary.space, "ENG");
    assert_eq!(summary.excerpt, "escalate to on-call");
    assert_eq!(
        summary.web_url,
        "https://acme.atlassian.net/wiki/spaces/ENG/pages/1003/Runbook+3"
    );
    let without = hit(json!({"id": "1003", "type": "page", "title": "Runbook 3"}));
    assert_eq!(without.unify(SITE).unwrap().space, "ENG");
}
