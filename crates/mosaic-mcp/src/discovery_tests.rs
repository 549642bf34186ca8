use super::*;
use crate::tools::catalog_tools;

fn query(arguments: Value) -> Result<Query, (String, String)> {
    Query::parse(arguments.as_object().cloned().unwrap())
}

#[test]
fn every_word_must_match_and_names_rank_first() {
    let found = query(json!({"query": "issues list"}))
        .unwrap()
        .run(catalog_tools());
    let names: Vec<&str> = found["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tool| tool["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"git_issues_list"), "{names:?}");
    assert!(
        !names.contains(&"git_issues_get"),
        "every word must match: {names:?}"
    );
    // Each match carries its schemas, so a client can call it without tools/list.
    let first = &found["tools"][0];
    assert!(first["inputSchema"].is_object());
    assert!(first["outputSchema"].is_object());
}

#[test]
fn the_limit_bounds_the_answer_but_not_the_total() {
    let found = query(json!({"query": "list", "limit": 2}))
        .unwrap()
        .run(catalog_tools());
    assert_eq!(found["tools"].as_array().unwrap().len(), 2);
    assert!(found["total"].as_u64().unwrap() > 2);
    let none = query(json!({"query": "teleport"}))
        .unwrap()
        .run(catalog_tools());
    assert_eq!(none, json!({"tools": [], "total": 0}));
}

#[test]
fn bad_arguments_name_their_field() {
    assert_eq!(query(json!({})).err().unwrap().0, "query");
    assert_eq!(query(json!({"query": "  "})).err().unwrap().0, "query");
    assert_eq!(query(json!({"query": 3})).err().unwrap().0, "query");
    assert_eq!(
        query(json!({"query": "x", "limit": 0})).err().unwrap().0,
        "limit"
    );
    assert_eq!(
        query(json!({"query": "x", "limit": "2"})).err().unwrap().0,
        "limit"
    );
    assert_eq!(
        query(json!({"query": "x", "mode": 1})).err().unwrap().0,
        "mode"
    );
}
