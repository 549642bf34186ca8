use super::*;
use crate::kind::{Access, ServiceKind};
use serde_json::json;

#[test]
fn catalog_covers_every_kind_and_is_ordered_by_id() {
    assert_eq!(CATALOG.len(), OpId::ALL.len());
    for (index, op) in OpId::ALL.iter().enumerate() {
        assert_eq!(*op as usize, index);
        assert!(op.name().starts_with(op.spec().kind.as_str()));
        assert!(op.spec().tool_name().len() <= 64);
        assert_eq!(OpId::from_name(op.name()), Some(*op));
        assert_eq!(OpId::from_tool_name(&op.spec().tool_name()), Some(*op));
    }
    for kind in ServiceKind::ALL {
        assert!(CATALOG.iter().any(|spec| spec.kind == kind));
    }
}

#[test]
fn writes_are_never_cached_and_name_what_they_invalidate() {
    for spec in CATALOG {
        match spec.access {
            Access::Write => {
                assert_eq!(spec.cache, CacheClass::NoStore, "{}", spec.name);
                assert!(!spec.invalidates.is_empty(), "{}", spec.name);
            }
            // A wait is the one read never cached: each of its reads must see the provider.
            Access::Read if spec.name == "ci.runs.wait" => {
                assert_eq!(spec.cache, CacheClass::NoStore);
                assert!(spec.idempotent);
            }
            Access::Read => {
                assert_ne!(spec.cache, CacheClass::NoStore, "{}", spec.name);
                assert!(spec.idempotent);
            }
        }
    }
}

#[test]
fn schemas_are_objects() {
    for op in OpId::ALL {
        for schema in [op.input_schema(), op.output_schema()] {
            assert_eq!(schema.get("type"), Some(&json!("object")), "{}", op.name());
        }
    }
}

#[test]
fn parse_reports_the_offending_field() {
    let error = Operation::parse(
        OpId::GitIssuesList,
        json!({"repo": "acme/api", "state": "bogus"}),
    )
    .unwrap_err();
    assert_eq!(error.path, "state");
    let error = Operation::parse(OpId::GitIssuesCreate, json!({"repo": "acme/api"})).unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.message.as_str()),
        ("title", "is required")
    );
    let error = Operation::parse(
        OpId::GitIssuesList,
        json!({"repo": "acme/api", "labels": ["ok", 3]}),
    )
    .unwrap_err();
    assert_eq!(error.path, "labels[1]");
    let error = Operation::parse(
        OpId::GitIssuesList,
        json!({"repo": "acme/api", "colour": "red"}),
    )
    .unwrap_err();
    assert!(error.message.contains("colour"), "{error}");
    let error = Operation::parse(OpId::GitReposGet, json!({"repo": "no-slash"})).unwrap_err();
    assert_eq!(error.path, "repo");
    let error = Operation::parse(OpId::PmIssuesGet, json!({"key": "PROJ"})).unwrap_err();
    assert_eq!(error.path, "key");
    let error = Operation::parse(OpId::KbSpacesList, json!({"per_page": 1000})).unwrap_err();
    assert_eq!(error.path, "per_page");
}

#[test]
fn resources_and_tags() {
    let op = Operation::parse(
        OpId::PmIssuesTransition,
        json!({"key": "PLAT-7", "to": "done"}),
    )
    .unwrap();
    assert_eq!(op.resource().as_str(), "project:PLAT");
    assert_eq!(
        op.spec().write_tags(&op.resource()),
        ["pm:project:PLAT:workitems", "pm:*:workitems"]
    );
    let search = Operation::parse(OpId::PmIssuesSearch, json!({})).unwrap();
    assert!(search.resource().is_across());
    assert_eq!(search.spec().read_tag(&search.resource()), "pm:*:workitems");
    let list = Operation::parse(OpId::GitIssuesList, json!({"repo": "acme/api"})).unwrap();
    assert_eq!(
        list.spec().read_tag(&list.resource()),
        "git:acme/api:issues"
    );
}

#[test]
fn outputs_round_trip_through_json() {
    let output = Output::GitIssuesList(crate::model::Page {
        items: vec![],
        next_cursor: Some("2".into()),
    });
    let value = output.to_json();
    assert_eq!(
        Output::from_json(OpId::GitIssuesList, value).unwrap(),
        output
    );
}
