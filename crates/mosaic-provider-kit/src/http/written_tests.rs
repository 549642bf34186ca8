use super::*;
use reqwest::header::HeaderValue;
use serde_json::json;

fn located(location: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(LOCATION, HeaderValue::from_str(location).unwrap());
    headers
}

#[test]
fn only_the_safe_methods_are_reads() {
    for method in [Method::GET, Method::HEAD, Method::OPTIONS] {
        assert_eq!(Effect::of(&method), Effect::Read, "{method}");
    }
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        assert_eq!(Effect::of(&method), Effect::Write, "{method}");
    }
}

#[test]
fn the_callers_handle_is_preferred_among_the_ids_of_an_answer() {
    let jira = br#"{"id": "10000", "key": "ED-24", "self": "https://x/rest/api/3/issue/10000"}"#;
    assert_eq!(body_id(jira).as_deref(), Some("ED-24"));
    let gitlab = br#"{"id": 84, "iid": 7, "project_id": 3}"#;
    assert_eq!(body_id(gitlab).as_deref(), Some("7"));
    let github = br#"{"id": 1, "number": 1347}"#;
    assert_eq!(body_id(github).as_deref(), Some("1347"));
    let comment = br#"{"id": 42, "body": "hi"}"#;
    assert_eq!(body_id(comment).as_deref(), Some("42"));
    let linear = json!({"id": "5c1e…", "identifier": "WEB-9"});
    assert_eq!(id_in(&linear).as_deref(), Some("WEB-9"));
}

#[test]
fn an_answer_without_a_usable_id_names_none() {
    let bodies: [&[u8]; 5] = [
        b"<html>502 Bad Gateway</html>",
        br#"{"id": "#,
        br#"[{"id": 1}]"#,
        br#"{"id": null, "number": 1.5, "key": " "}"#,
        b"",
    ];
    for body in bodies {
        assert_eq!(body_id(body), None, "{}", String::from_utf8_lossy(body));
    }
}

#[test]
fn the_location_header_names_what_was_created() {
    let absolute = located("https://api.github.com/repos/octocat/Hello-World/issues/1347");
    assert_eq!(location_id(&absolute).as_deref(), Some("1347"));
    let relative = located("/api/v1/items/ab%20c/?expand=all#top");
    assert_eq!(location_id(&relative).as_deref(), Some("ab c"));
    assert_eq!(location_id(&located("https://api.github.com")), None);
    assert_eq!(location_id(&HeaderMap::new()), None);
}

#[test]
fn any_failure_after_a_write_leaves_it_unconfirmed_with_the_id() {
    let read_back: Result<(), _> = Err(ProviderError::Unavailable("HTTP 503".into()));
    assert_eq!(
        read_back.after_write("WEB-7", "reading it back"),
        Err(ProviderError::WriteUnconfirmed {
            id: Some("WEB-7".into()),
            reason: "reading it back failed: provider unavailable: HTTP 503".into(),
        })
    );
    let missing: Result<(), _> = Err(ProviderError::NotFound("work item `WEB-7`".into()));
    assert!(matches!(
        missing.after_write(7, "reading it back"),
        Err(ProviderError::WriteUnconfirmed { id: Some(id), .. }) if id == "7"
    ));
}

#[test]
fn an_unconfirmed_write_keeps_what_it_knew() {
    let answered: Result<(), _> = Err(unconfirmed(
        Some("12".into()),
        "its answer could not be read",
    ));
    assert_eq!(
        answered.after_write(99, "mapping its answer"),
        Err(unconfirmed(
            Some("12".into()),
            "its answer could not be read"
        ))
    );
    let anonymous: Result<(), _> = Err(unconfirmed(None, "its answer could not be read"));
    assert_eq!(
        anonymous.after_write(99, "mapping its answer"),
        Err(unconfirmed(
            Some("99".into()),
            "its answer could not be read"
        ))
    );
}

#[test]
fn writing_names_the_item_of_an_unconfirmed_write_and_leaves_refusals_alone() {
    let anonymous: Result<(), _> = Err(unconfirmed(None, "its answer could not be read"));
    assert_eq!(
        anonymous.writing("PLAT-2"),
        Err(unconfirmed(
            Some("PLAT-2".into()),
            "its answer could not be read"
        ))
    );
    let refused: Result<(), _> = Err(ProviderError::Conflict("already merged".into()));
    assert_eq!(
        refused.writing(5),
        Err(ProviderError::Conflict("already merged".into()))
    );
}
