use super::*;
use mosaic_core::catalog::schema::nonstandard_formats;

#[test]
fn one_tool_per_operation_then_the_meta_tools_in_order() {
    let tools = catalog_tools();
    assert_eq!(tools.len(), OpId::ALL.len() + 4);
    for (tool, op) in tools.iter().zip(OpId::ALL) {
        assert_eq!(tool.name, op.spec().tool_name());
        assert!(tool.name.len() <= 64);
        assert_eq!(tool.input_schema.get("type"), Some(&json!("object")));
        assert!(tool.input_schema.get("$schema").is_none());
        assert!(tool.input_schema["properties"].get("provider").is_some());
        let output = tool.output_schema.as_ref().unwrap();
        assert_eq!(output.get("type"), Some(&json!("object")));
        let annotations = tool.annotations.as_ref().unwrap();
        assert_eq!(annotations.read_only_hint, Some(op.spec().is_read()));
        assert_eq!(annotations.idempotent_hint, Some(op.spec().idempotent));
    }
    assert_eq!(tools[OpId::ALL.len()].name, META_STATUS);
    assert_eq!(tools[OpId::ALL.len() + 1].name, META_EXPLAIN);
    assert_eq!(
        tools[OpId::ALL.len() + 2].name,
        crate::discovery::META_SEARCH
    );
    assert_eq!(tools[OpId::ALL.len() + 3].name, crate::discovery::META_CALL);
    assert!(
        tools[OpId::ALL.len()..]
            .iter()
            .all(|tool| is_meta(&tool.name))
    );
}

#[test]
fn titles_read_well() {
    assert_eq!(title("pm.issues.transition"), "PM issues: transition");
    assert_eq!(title("git.repos.list"), "Git repos: list");
    assert_eq!(title("kb.pages.search"), "KB pages: search");
}

#[test]
fn tool_schemas_use_only_formats_json_schema_defines() {
    // MCP clients built on the TypeScript SDK warn `unknown format "uint64" ignored` for
    // anything else.
    for tool in catalog_tools() {
        let mut found = nonstandard_formats(&Value::Object((*tool.input_schema).clone()));
        if let Some(output) = &tool.output_schema {
            found.extend(nonstandard_formats(&Value::Object((**output).clone())));
        }
        assert_eq!(found, Vec::<String>::new(), "{}", tool.name);
    }
}

#[test]
fn a_tool_publishes_its_operation_input_schema_and_the_pin() {
    for (tool, op) in catalog_tools().iter().zip(OpId::ALL) {
        let mut expected = op.input_schema().as_value().clone();
        expected.as_object_mut().unwrap().remove("$schema");
        expected["properties"]["provider"] = provider_pin();
        assert_eq!(
            Value::Object((*tool.input_schema).clone()),
            expected,
            "{}",
            tool.name
        );
    }
}

#[test]
fn what_a_tool_schema_refuses_the_gateway_refuses() {
    let tool = |name: &str| {
        let tool = catalog_tools()
            .iter()
            .find(|tool| tool.name == name)
            .unwrap();
        jsonschema::validator_for(&Value::Object((*tool.input_schema).clone())).unwrap()
    };
    let cases = [
        ("pm_issues_update", json!({"key": ""}), Some("key")),
        ("pm_issues_update", json!({"key": "PLAT-1"}), None),
        ("git_repos_get", json!({"repo": "noslash"}), Some("repo")),
        (
            "git_issues_list",
            json!({"repo": "a/b", "per_page": 0}),
            Some("per_page"),
        ),
        (
            "git_issues_list",
            json!({"repo": "a/b", "per_page": 30}),
            None,
        ),
        ("kb_pages_search", json!({"query": "  "}), Some("query")),
        (
            "ci_runs_logs",
            json!({"repo": "a/b", "run_id": "1", "max_bytes": 2_000_000}),
            Some("max_bytes"),
        ),
    ];
    for (name, arguments, refused) in cases {
        assert_eq!(
            tool(name).is_valid(&arguments),
            refused.is_none(),
            "{name} {arguments}"
        );
        let op = OpId::from_tool_name(name).unwrap();
        let gateway = mosaic_core::Operation::parse(op, arguments.clone()).err();
        assert_eq!(
            gateway.as_ref().map(|error| error.path.as_str()),
            refused,
            "{name} {arguments}"
        );
    }
}
