use super::TemplatesBuilder;
use serde_json::json;

fn render(source: &str, context: serde_json::Value) -> Result<String, String> {
    let mut builder = TemplatesBuilder::default();
    builder.add("t", source).map_err(|error| error.0)?;
    builder
        .build()
        .render("t", &context)
        .map_err(|error| error.0)
}

#[test]
fn input_fields_render_by_name_and_values_are_not_html_escaped() {
    let out = render(
        "/repos/{{ repo | path }}/issues/{{ number }}?q={{ q }}",
        json!({"repo": "acme/api", "number": 7, "q": "<a&b>"}),
    );
    assert_eq!(out.unwrap(), "/repos/acme/api/issues/7?q=<a&b>");
}

#[test]
fn segments_are_encoded_and_cannot_climb_out_of_the_path() {
    assert_eq!(
        render("{{ x | segment }}", json!({"x": "a/b c"})).unwrap(),
        "a%2Fb%20c"
    );
    let climb = render("/repos/{{ x | path }}", json!({"x": "acme/../../admin"})).unwrap_err();
    assert!(climb.contains("`..` cannot be a path segment"), "{climb}");
}

#[test]
fn an_absent_field_renders_as_nothing() {
    assert_eq!(render("[{{ missing }}]", json!({})).unwrap(), "[]");
}

#[test]
fn a_runaway_loop_runs_out_of_fuel_with_a_clear_error() {
    let error = render("{% for i in range(100000) %}{{ i }}{% endfor %}", json!({})).unwrap_err();
    assert!(error.contains("ran out of fuel"), "{error}");
}

#[test]
fn nesting_deeper_than_the_recursion_limit_stops() {
    let depth = super::RECURSION_LIMIT + 8;
    let source = format!(
        "{}x{}",
        "{% for a in [1] %}".repeat(depth),
        "{% endfor %}".repeat(depth)
    );
    let error = render(&source, json!({})).unwrap_err();
    assert!(error.contains("recursion"), "{error}");
}

#[test]
fn no_template_can_reach_another_template_or_a_file() {
    for statement in [
        "{% include 'Cargo.toml' %}",
        "{% import 'x' as y %}",
        "{% extends 'x' %}",
        "{% macro f() %}{% endmacro %}",
    ] {
        let error = render(statement, json!({})).unwrap_err();
        assert!(
            error.starts_with("syntax error: unknown statement"),
            "{statement}: {error}"
        );
    }
}

#[test]
fn a_syntax_error_is_reported_at_compile_time() {
    let error = render("{{ repo ", json!({})).unwrap_err();
    assert!(error.starts_with("syntax error"), "{error}");
}
