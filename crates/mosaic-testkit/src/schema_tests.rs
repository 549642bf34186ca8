use super::*;
use mosaic_core::OpId;
use serde_json::json;

fn issue() -> Value {
    json!({
        "id": "7", "number": 3, "title": "Bug", "body": null, "state": "open", "author": "ana",
        "assignees": [], "labels": ["bug"], "comments": 0, "created_at": "2026-03-02T09:00:00Z",
        "updated_at": null, "web_url": "https://sim.local/acme/api/issues/3"
    })
}

#[test]
fn a_catalog_output_that_fits_has_no_problems() {
    let schema = serde_json::to_value(OpId::GitIssuesList.output_schema()).unwrap();
    let page = json!({"items": [issue()], "next_cursor": "1"});
    assert_eq!(validate(&schema, &page), Vec::<String>::new());
    assert_eq!(
        validate(&schema, &json!({"items": []})),
        Vec::<String>::new()
    );
}

#[test]
fn wrong_shapes_are_reported_with_their_paths() {
    let schema = serde_json::to_value(OpId::GitIssuesList.output_schema()).unwrap();
    let mut bad = issue();
    bad["state"] = json!("reopened");
    bad["comments"] = json!(-1);
    bad["labels"] = json!("bug");
    bad.as_object_mut().unwrap().remove("web_url");
    let page = json!({"items": [bad], "cursor": 2});
    let problems = validate(&schema, &page);
    let expected = [
        "$: unexpected field `cursor`",
        "$.items[0]: missing required field `web_url`",
        "$.items[0].comments: -1 is below the minimum 0",
        "$.items[0].labels: expected array, got the string \"bug\"",
        "$.items[0].state: the string \"reopened\" fits 0 of the oneOf alternatives, not exactly one",
    ];
    for line in expected {
        assert!(
            problems.iter().any(|p| p == line),
            "{line:?} not in {problems:#?}"
        );
    }
    let problems = validate(&schema, &json!([]));
    assert_eq!(problems, ["$: expected object, got an array"]);
}

#[test]
fn composition_keywords_refs_and_constants() {
    let schema = json!({
        "$defs": {"Small": {"type": "integer", "maximum": 9}},
        "type": "object",
        "properties": {
            "any": {"anyOf": [{"$ref": "#/$defs/Small"}, {"type": "null"}]},
            "all": {"allOf": [{"type": "string"}, {"enum": ["a", "b"]}]},
            "fixed": {"const": 5},
            "map": {"type": "object", "additionalProperties": {"type": "string"}},
            "broken": {"$ref": "#/$defs/Missing"}
        }
    });
    let fits = json!({"any": null, "all": "a", "fixed": 5, "map": {"k": "v"}});
    assert_eq!(validate(&schema, &fits), Vec::<String>::new());
    let misfits = json!({"any": 12, "all": "c", "fixed": 6, "map": {"k": 1}, "broken": 1});
    let problems = validate(&schema, &misfits);
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(problems.contains(&"$.broken: unresolvable $ref `#/$defs/Missing`".to_owned()));
    assert!(problems.contains(&"$.map.k: expected string, got the number 1".to_owned()));
    assert!(problems.contains(&"$.fixed: expected 5, got 6".to_owned()));
}

#[test]
fn every_catalog_output_schema_is_understood() {
    // Each output schema accepts a value of its own type's JSON only if the validator follows
    // its refs; an empty object must be refused for every operation (all have required fields
    // or are pages needing `items`).
    for op in OpId::ALL {
        let schema = serde_json::to_value(op.output_schema()).unwrap();
        let problems = validate(&schema, &json!({}));
        assert!(
            !problems.is_empty(),
            "{} accepted an empty object",
            op.name()
        );
        assert!(
            problems.iter().all(|p| !p.contains("unresolvable")),
            "{}: {problems:?}",
            op.name()
        );
    }
}
