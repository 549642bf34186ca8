use crate::expr::Scope;
use crate::test_manifest::manifest;
use mosaic_core::OpId;
use reqwest::Method;
use serde_json::json;

#[test]
fn a_request_renders_from_the_input_with_its_page() {
    let manifest = manifest("{type: bearer}");
    let list = manifest.operation(OpId::GitIssuesList).unwrap();
    let input = json!({"repo": "acme/api", "per_page": 5, "cursor": "2"});
    let page = list.paging.as_ref().unwrap().page_at(&input).unwrap();
    let request = list
        .request(&manifest.templates, &input, &json!({}), Some(&page))
        .unwrap();
    assert_eq!(request.method, Method::GET);
    assert_eq!(request.path, "/repos/acme/api/issues");
    assert_eq!(
        request.query,
        [
            ("p".to_owned(), "2".to_owned()),
            ("n".to_owned(), "5".to_owned())
        ]
    );
}

#[test]
fn a_write_renders_its_json_body() {
    let manifest = manifest("{type: bearer}");
    let create = manifest.operation(OpId::GitIssuesCreate).unwrap();
    let input = json!({"repo": "acme/api", "title": "Say \"hi\"", "labels": ["bug"]});
    let request = create
        .request(&manifest.templates, &input, &json!({}), None)
        .unwrap();
    assert_eq!(request.method, Method::POST);
    assert_eq!(
        request.body,
        Some(json!({"title": "Say \"hi\"", "labels": ["bug"]}))
    );
}

#[test]
fn an_input_that_would_leave_the_path_is_refused() {
    let manifest = manifest("{type: bearer}");
    let get = manifest.operation(OpId::GitReposGet).unwrap();
    let error = get
        .request(
            &manifest.templates,
            &json!({"repo": "acme/../../admin"}),
            &json!({}),
            None,
        )
        .unwrap_err();
    assert!(error.0.contains("`..` cannot be a path segment"), "{error}");
}

#[test]
fn an_answer_maps_to_a_page_with_its_cursor() {
    let manifest = manifest("{type: bearer}");
    let list = manifest.operation(OpId::GitIssuesList).unwrap();
    let page = list
        .map(
            &json!([{"id": 1, "number": 1, "title": "a"}]),
            &Scope {
                input: &json!({}),
                lookups: &json!({}),
                base_url: "",
            },
            Some("2".into()),
        )
        .unwrap();
    assert_eq!(page["items"][0]["id"], "1");
    assert_eq!(page["next_cursor"], "2");
}
