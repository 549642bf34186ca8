use super::*;
use serde_json::json;

fn merge_request(state: &str, draft: serde_json::Value) -> GlMergeRequest {
    serde_json::from_value(json!({
        "id": 901, "iid": 7, "title": "T", "description": null, "state": state, "draft": draft,
        "source_branch": "feature", "target_branch": "main", "author": {"id": 1, "username": "ana"},
        "merged_at": null, "merge_commit_sha": "abc", "web_url": "https://gitlab.example.com/g/p/-/merge_requests/7"
    }))
    .unwrap()
}

#[test]
fn merge_request_states_map_to_the_unified_ones() {
    for (state, unified) in [
        ("opened", PullState::Open),
        ("locked", PullState::Open),
        ("closed", PullState::Closed),
        ("merged", PullState::Merged),
    ] {
        assert_eq!(
            merge_request(state, json!(false)).unify().unwrap().state,
            unified
        );
    }
    let unknown = merge_request("reviewing", json!(false))
        .unify()
        .unwrap_err();
    assert!(unknown.to_string().contains("reviewing"));
    let pull = merge_request("opened", json!("true")).unify().unwrap();
    assert_eq!(
        (pull.id.as_str(), pull.number, pull.draft),
        ("901", 7, true)
    );
    assert_eq!(
        merge_request("merged", json!(null))
            .merge_result()
            .sha
            .as_deref(),
        Some("abc")
    );
}

#[test]
fn issues_read_labels_and_assignees_in_every_documented_form() {
    let issue: GlIssue = serde_json::from_value(json!({
        "id": 1, "iid": 3, "title": "T", "state": "opened", "labels": "bug, ui",
        "assignees": {"id": 2, "username": "ben"}, "user_notes_count": 4,
        "web_url": "https://gitlab.example.com/g/p/-/issues/3"
    }))
    .unwrap();
    let issue = issue.unify().unwrap();
    assert_eq!(issue.labels, ["bug", "ui"]);
    assert_eq!(issue.assignees, ["ben"]);
    assert_eq!((issue.number, issue.comments), (3, 4));
}

#[test]
fn projects_keep_nested_namespaces_and_internal_is_private() {
    let project: GlProject = serde_json::from_value(json!({
        "id": 42, "name": "Backend", "path": "backend", "path_with_namespace": "client-a/platform/backend",
        "namespace": {"full_path": "client-a/platform"}, "visibility": "internal",
        "default_branch": null, "web_url": "https://gitlab.example.com/client-a/platform/backend"
    }))
    .unwrap();
    let repo = project.unify();
    assert_eq!(
        (repo.owner.as_str(), repo.name.as_str()),
        ("client-a/platform", "backend")
    );
    assert!(repo.private);
    assert_eq!(repo.default_branch, "main");
}
