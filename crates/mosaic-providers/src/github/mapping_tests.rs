use super::*;
use serde_json::json;

#[test]
fn file_content_is_decoded_when_it_is_text() {
    let (encoding, text) = decode_content("IyBIZWxs\nbyB3b3Js\nZAo=\n").unwrap();
    assert_eq!(
        (encoding, text.as_str()),
        (FileEncoding::Utf8, "# Hello world\n")
    );
    let (encoding, kept) = decode_content("iVBORw0K\nGgoA//6A").unwrap();
    assert_eq!(
        (encoding, kept.as_str()),
        (FileEncoding::Base64, "iVBORw0KGgoA//6A")
    );
    assert!(matches!(
        decode_content("not base64!"),
        Err(ProviderError::Protocol(_))
    ));
}

#[test]
fn a_directory_is_not_a_file() {
    let listing: GhContents =
        serde_json::from_value(json!([{"type": "file", "name": "a"}])).unwrap();
    let error = listing.unify("docs", "main").unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid("`docs` is a directory, not a file".into())
    );
}

#[test]
fn merged_pull_requests_are_merged_whichever_way_the_forge_says_it() {
    let pull = |extra: serde_json::Value| -> GhPull {
        let mut value = json!({
            "id": 1, "number": 2, "title": "T", "state": "closed",
            "head": {"ref": "f"}, "base": {"ref": "main"}, "html_url": "https://h/p/2"
        });
        value
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::from_value(value).unwrap()
    };
    assert_eq!(pull(json!({})).unify().unwrap().state, PullState::Closed);
    let github = pull(json!({"merged_at": "2026-11-01T00:00:00Z"}));
    assert_eq!(github.unify().unwrap().state, PullState::Merged);
    let gitea = pull(json!({"merged": true}));
    assert_eq!(gitea.unify().unwrap().state, PullState::Merged);
}

#[test]
fn issue_labels_are_objects_or_names() {
    let issue: GhIssue = serde_json::from_value(json!({
        "id": 9, "number": 3, "title": "T", "state": "open", "labels": [{"name": "bug"}, "ui"],
        "assignees": null, "html_url": "https://h/i/3", "pull_request": null
    }))
    .unwrap();
    assert!(!issue.is_pull_request());
    let issue = issue.unify().unwrap();
    assert_eq!(issue.labels, ["bug", "ui"]);
    assert!(issue.assignees.is_empty());
}
