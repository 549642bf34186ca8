use super::*;
use serde_json::json;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

#[test]
fn values_take_the_schema_types() {
    let (args, provider) = arguments(
        OpId::GitIssuesList,
        pairs(&[
            ("repo", "acme/api"),
            ("per_page", "5"),
            ("labels", "bug"),
            ("labels", "ui"),
            ("labels", "p1"),
            ("state", "closed"),
            ("provider", "forge"),
        ]),
    )
    .unwrap();
    assert_eq!(
        args,
        json!({"repo": "acme/api", "per_page": 5, "labels": ["bug", "ui", "p1"], "state": "closed"})
    );
    assert_eq!(provider.as_deref(), Some("forge"));
    let (args, provider) = arguments(
        OpId::GitIssuesGet,
        pairs(&[("repo", "a/b"), ("number", "3")]),
    )
    .unwrap();
    assert_eq!(
        (args, provider),
        (json!({"repo": "a/b", "number": 3}), None)
    );
    let (args, _) = arguments(
        OpId::PmIssuesSearch,
        pairs(&[("status", "todo"), ("status", "done")]),
    )
    .unwrap();
    assert_eq!(args, json!({"status": ["todo", "done"]}));
}

#[test]
fn values_are_taken_as_they_are_never_split_or_dropped() {
    // `style: form, explode: true`: one item per key; a comma is part of the value, and an
    // empty value is an empty item (which the gateway then judges), not "no filter".
    let (args, _) = arguments(
        OpId::GitIssuesList,
        pairs(&[("repo", "a/b"), ("labels", "needs,triage"), ("labels", "")]),
    )
    .unwrap();
    assert_eq!(args["labels"], json!(["needs,triage", ""]));
    let (args, _) = arguments(OpId::PmIssuesSearch, pairs(&[("status", "")])).unwrap();
    assert_eq!(args, json!({"status": [""]}));
    let refused =
        mosaic_core::Operation::parse(OpId::PmIssuesSearch, args).expect_err("an empty status");
    assert_eq!(refused.path, "status[0]");
}

#[test]
fn values_that_do_not_fit_name_their_key() {
    let error = arguments(OpId::GitIssuesList, pairs(&[("per_page", "many")])).unwrap_err();
    assert_eq!(error.path, "per_page");
    assert!(error.message.contains("\"many\""), "{}", error.message);
    let twice = arguments(
        OpId::GitIssuesGet,
        pairs(&[("number", "1"), ("number", "2")]),
    )
    .unwrap_err();
    assert_eq!(twice.path, "number");
    let pinned_twice = arguments(
        OpId::KbSpacesList,
        pairs(&[("provider", "a"), ("provider", "b")]),
    )
    .unwrap_err();
    assert_eq!(pinned_twice.path, "provider");
}

#[test]
fn unknown_keys_pass_through_for_the_gateway_to_reject() {
    let (args, _) = arguments(OpId::KbSpacesList, pairs(&[("colour", "blue")])).unwrap();
    assert_eq!(args, json!({"colour": "blue"}));
}

#[test]
fn shapes_follow_refs_alternatives_and_item_types() {
    let root = json!({
        "$defs": {
            "Count": {"type": "integer"},
            "Ratio": {"anyOf": [{"type": "null"}, {"type": "number"}]},
            "Flags": {"type": "array", "items": {"type": "boolean"}}
        }
    });
    let shape = |property: Value| shape_of(&property, &root);
    assert_eq!(shape(json!({"$ref": "#/$defs/Count"})), Shape::Integer);
    assert_eq!(shape(json!({"$ref": "#/$defs/Ratio"})), Shape::Number);
    assert_eq!(
        shape(json!({"anyOf": [{"$ref": "#/$defs/Flags"}, {"type": "null"}]})),
        Shape::Array(Item::Boolean)
    );
    assert_eq!(
        shape(json!({"type": ["array", "null"], "items": {"$ref": "#/$defs/Count"}})),
        Shape::Array(Item::Integer)
    );
    assert_eq!(shape(json!({"$ref": "#/$defs/Missing"})), Shape::Text);
    assert_eq!(item_value(Item::Integer, "-3"), Ok(json!(-3)));
    assert_eq!(item_value(Item::Number, "0.25"), Ok(json!(0.25)));
    assert!(item_value(Item::Number, "NaN").is_err());
    assert!(item_value(Item::Boolean, "yes").is_err());
}
