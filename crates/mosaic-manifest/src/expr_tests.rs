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

/// The error of running `code` on `answer`, which must fail.
fn run_error(code: &str, answer: serde_json::Value) -> String {
    let program = Expression::compile(code).unwrap_or_else(|error| panic!("{code}: {error}"));
    program
        .run(&answer, &json!({}))
        .expect_err("the run is bounded")
        .to_string()
}

#[test]
fn an_endless_loop_runs_out_of_fuel() {
    for code in [
        "until(false; .)",
        "last(repeat(1))",
        "[limit(1e12; repeat(1))] | length",
        "while(true; .) | empty",
        "last(recurse(. + 1))",
    ] {
        let error = run_error(code, json!(0));
        assert!(
            error.contains("ran out of fuel") && error.contains("1000000 steps"),
            "{code}: {error}"
        );
    }
}

#[test]
fn a_huge_range_runs_out_of_fuel_however_it_is_consumed() {
    for code in [
        "last(range(1e12))",
        "[range(1e12)] | length",
        "reduce range(1e12) as $x (0; . + 1)",
        "[range(1e6) as $a | range(1e6)] | length",
        "{a: range(1e12)} | empty",
        "[range(0; 1e12; 0.5)] | length",
    ] {
        let error = run_error(code, json!(null));
        assert!(error.contains("ran out of fuel"), "{code}: {error}");
    }
}

#[test]
fn range_keeps_jq_semantics() {
    let program = Expression::compile(
        "[range(5)], [range(1; 7; 2)], [range(3; 0; -1)], [range(0; 1; 0.25)], [range(2; 2)]",
    )
    .unwrap();
    assert_eq!(
        program.run(&json!(null), &json!({})).unwrap(),
        [
            json!([0, 1, 2, 3, 4]),
            json!([1, 3, 5]),
            json!([3, 2, 1]),
            json!([0, 0.25, 0.5, 0.75]),
            json!([])
        ]
    );
}

#[test]
fn a_run_within_its_fuel_is_not_cut_short() {
    let program = Expression::compile("[range(100000)] | length").unwrap();
    assert_eq!(
        program.run_one(&json!(null), &json!({})).unwrap(),
        json!(100000)
    );
    // Each run has a full tank.
    for _ in 0..3 {
        assert!(program.run_one(&json!(null), &json!({})).is_ok());
    }
}

#[test]
fn a_definition_that_recurses_is_refused_when_compiled() {
    for (code, name) in [
        ("def f: f; f", "f/0"),
        ("def f: 1 + f; f", "f/0"),
        ("def f(g): g | f(g); f(.)", "f/1"),
        ("def a: b; def b: a; a", "a/0"),
        (
            ".[] | def count($n): if $n > 0 then count($n - 1) else 0 end; count(3)",
            "count/1",
        ),
    ] {
        let error = Expression::compile(code).unwrap_err();
        assert!(
            error.0.contains(&format!("`{name}` calls itself")),
            "{code}: {error}"
        );
    }
}

#[test]
fn definitions_that_do_not_recurse_are_kept() {
    let program =
        Expression::compile("def twice(f): f | f; def inc($by): . + $by; twice(inc(2))").unwrap();
    assert_eq!(program.run_one(&json!(1), &json!({})).unwrap(), json!(5));
    // An argument named like its definition is the argument, not a recursive call.
    let program = Expression::compile("def g(f): f; def f: g(. + 1); f").unwrap();
    assert_eq!(program.run_one(&json!(1), &json!({})).unwrap(), json!(2));
}

#[test]
fn the_environment_cannot_be_read() {
    let error = Expression::compile("env").unwrap_err();
    assert!(error.0.contains("`env` is not defined"), "{error}");
}

#[test]
fn standard_definitions_compile_as_they_are_needed() {
    // Definitions calling others (`walk` uses `map_values`, `with_entries` three more) and
    // string formats resolve with the pruned library.
    let program = Expression::compile(
        r#"walk(if type == "number" then . + 1 else . end) | with_entries(.key |= ascii_upcase) | .A, (.B | @base64 | @base64d)"#,
    )
    .unwrap();
    assert_eq!(
        program.run(&json!({"a": 1, "b": "x"}), &json!({})).unwrap(),
        [json!(2), json!("x")]
    );
}

#[test]
fn outputs_are_bounded_in_size() {
    let error = run_error(r#"range(3000) | "x" * 8000"#, json!(null));
    assert!(error.contains("bytes of JSON"), "{error}");
}

#[test]
fn a_text_is_compiled_once_and_its_outcome_shared() {
    let code = "{compiled_once: (.a + 1)}";
    let first = Expression::compile(code).unwrap();
    let again = Expression::compile(code).unwrap();
    assert!(std::sync::Arc::ptr_eq(&first.filter, &again.filter));
    assert_eq!(
        again.run_one(&json!({"a": 1}), &json!(null)).unwrap(),
        json!({"compiled_once": 2})
    );

    let broken = "{never_compiles: (.a +}";
    let error = Expression::compile(broken).unwrap_err();
    assert_eq!(Expression::compile(broken).unwrap_err(), error);
}
