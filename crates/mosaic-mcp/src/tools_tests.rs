use super::*;

#[test]
fn one_tool_per_operation_then_the_meta_tools_in_order() {
    let tools = catalog_tools();
    assert_eq!(tools.len(), OpId::ALL.len() + 2);
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
}

#[test]
fn titles_read_well() {
    assert_eq!(title("pm.issues.transition"), "PM issues: transition");
    assert_eq!(title("git.repos.list"), "Git repos: list");
    assert_eq!(title("kb.pages.search"), "KB pages: search");
}
