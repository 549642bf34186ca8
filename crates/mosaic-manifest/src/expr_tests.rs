use super::{Expression, RunError, Scope};
use crate::format::ErrorKind;
use serde_json::json;

#[test]
fn a_program_reads_the_answer_and_the_input() {
    let program = Expression::compile(r#"[.[] | select(.n > $input.min) | .n]"#).unwrap();
    let out = program
        .run_one(&json!([{"n": 1}, {"n": 5}]), &json!({"min": 2}))
        .unwrap();
    assert_eq!(out, json!([5]));
}

#[test]
fn a_program_that_does_not_parse_says_where() {
    let error = Expression::compile(".a | {b: }").unwrap_err();
    assert!(error.0.starts_with("the program does not parse"), "{error}");
    assert!(error.0.contains("column"), "{error}");
}

#[test]
fn an_undefined_filter_or_variable_is_named() {
    let error = Expression::compile("nonesuch(1)").unwrap_err();
    assert!(error.0.contains("`nonesuch`"), "{error}");
    let error = Expression::compile("$ENV").unwrap_err();
    assert!(
        error.0.contains("`$ENV`") || error.0.contains("ENV"),
        "{error}"
    );
}

#[test]
fn modules_cannot_be_loaded() {
    let error = Expression::compile(r#"include "etc/passwd"; ."#).unwrap_err();
    assert!(error.0.contains("cannot import"), "{error}");
}

#[test]
fn decoded_text_is_told_from_binary() {
    let program = Expression::compile("@base64d | is_utf8").unwrap();
    assert_eq!(
        program.run_one(&json!("aGVsbG8="), &json!({})).unwrap(),
        json!(true)
    );
    assert_eq!(
        program
            .run_one(&json!("iVBORw0KGgoA//6A"), &json!({}))
            .unwrap(),
        json!(false)
    );
}

#[test]
fn a_runtime_error_is_reported() {
    let program = Expression::compile(".a + 1").unwrap();
    let error = program.run_one(&json!({"a": "x"}), &json!({})).unwrap_err();
    assert!(
        error.to_string().starts_with("the program failed"),
        "{error}"
    );
}

#[test]
fn an_endless_stream_is_cut_off_with_a_clear_error() {
    let program = Expression::compile("repeat(1)").unwrap();
    let error = program.run(&json!(null), &json!({})).unwrap_err();
    assert!(
        error.to_string().contains("more than 10000 outputs"),
        "{error}"
    );
}

#[test]
fn halting_ends_the_program_with_an_error_not_the_process() {
    for code in ["halt", "halt_error", "halt_error(1)"] {
        let program = Expression::compile(code).unwrap();
        let error = program.run(&json!("bye"), &json!({})).unwrap_err();
        assert_eq!(error.to_string(), "the program called `halt`", "{code}");
    }
}

#[test]
fn a_program_refuses_a_call_with_a_typed_error() {
    let program = Expression::compile(
        r#"if .found then . else error({refusal: "not_found", message: "work item `\($input.key)`"}) end"#,
    )
    .unwrap();
    let error = program
        .run_one(&json!({"found": false}), &json!({"key": "PLAT-9"}))
        .unwrap_err();
    assert_eq!(
        error,
        RunError::Refused {
            kind: ErrorKind::NotFound,
            message: "work item `PLAT-9`".into()
        }
    );
    let unknown = Expression::compile(r#"error({refusal: "teapot"})"#).unwrap();
    let error = unknown.run(&json!(null), &json!({})).unwrap_err();
    assert!(
        matches!(&error, RunError::Failed(failed) if failed.0.contains("unknown kind \"teapot\"")),
        "{error}"
    );
    let plain = Expression::compile(r#"error({reason: "x"})"#).unwrap();
    let error = plain.run(&json!(null), &json!({})).unwrap_err();
    assert!(matches!(error, RunError::Failed(_)), "{error}");
}

#[test]
fn lookups_are_read_as_a_variable() {
    let program =
        Expression::compile(r#"[$lookups.names[.id | tostring], "\($base_url)/issues/\(.id)"]"#)
            .unwrap();
    let scope = Scope {
        input: &json!({}),
        lookups: &json!({"names": {"7": "plat"}}),
        base_url: "https://redmine.example.com",
    };
    let out = program.run_one_with(&json!({"id": 7}), &scope).unwrap();
    assert_eq!(out, json!(["plat", "https://redmine.example.com/issues/7"]));
    assert_eq!(
        program.run_one(&json!({"id": 7}), &json!({})).unwrap(),
        json!([null, "/issues/7"]),
        "no lookups: null"
    );
}
