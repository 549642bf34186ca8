use super::*;
use crate::catalog::{OpId, Operation};
use serde_json::json;

/// The published input schema of `op`, compiled by the validator Schemathesis uses: an
/// independent reading of what the schema says.
fn published(op: OpId) -> jsonschema::Validator {
    jsonschema::validator_for(op.input_schema().as_value()).expect("catalog schemas compile")
}

fn refused_path(op: OpId, arguments: &Value) -> Option<String> {
    Operation::parse(op, arguments.clone())
        .err()
        .map(|error| error.path)
}

/// Every rule on a field, with values the gateway refuses: the field it names, and the
/// published schema refuses the same arguments.
fn refused() -> Vec<(OpId, Value, &'static str)> {
    use OpId::*;
    let with = |extra: Value| {
        let mut arguments = json!({"repo": "acme/api"});
        arguments
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        arguments
    };
    vec![
        (GitReposGet, json!({"repo": "noslash"}), "repo"),
        (GitReposGet, json!({"repo": ""}), "repo"),
        (GitReposGet, json!({"repo": "/name"}), "repo"),
        (GitReposGet, json!({"repo": "owner/"}), "repo"),
        (GitReposGet, json!({"repo": "group//name"}), "repo"),
        (GitIssuesList, with(json!({"per_page": 0})), "per_page"),
        (GitIssuesList, with(json!({"per_page": 101})), "per_page"),
        (GitIssuesList, with(json!({"state": "merged"})), "state"),
        (
            GitIssuesList,
            with(json!({"labels": ["bug", ""]})),
            "labels[1]",
        ),
        (GitIssuesList, with(json!({"labels": ["  "]})), "labels[0]"),
        (GitIssuesList, with(json!({"cursor": ""})), "cursor"),
        (GitIssuesGet, with(json!({"number": 0})), "number"),
        (GitIssuesCreate, with(json!({"title": ""})), "title"),
        (GitIssuesCreate, with(json!({"title": " \t\n"})), "title"),
        (GitIssuesCreate, with(json!({"title": "\u{3000}"})), "title"),
        (
            GitIssuesCreate,
            with(json!({"title": "t", "assignees": [""]})),
            "assignees[0]",
        ),
        (
            GitIssuesUpdate,
            with(json!({"number": 1, "title": " "})),
            "title",
        ),
        (GitFilesGet, with(json!({"path": ""})), "path"),
        (GitCommitsList, with(json!({"per_page": 1000})), "per_page"),
        (
            GitPullsCreate,
            with(json!({"title": "t", "source_branch": " ", "target_branch": "main"})),
            "source_branch",
        ),
        (GitPullsMerge, with(json!({"number": 0})), "number"),
        (
            GitIssuesComment,
            with(json!({"number": 1, "body": ""})),
            "body",
        ),
        (
            CiRunsLogs,
            with(json!({"run_id": "1", "max_bytes": 0})),
            "max_bytes",
        ),
        (
            CiRunsLogs,
            with(json!({"run_id": "1", "max_bytes": 1_048_577})),
            "max_bytes",
        ),
        (CiRunsGet, with(json!({"run_id": ""})), "run_id"),
        (
            CiRunsTrigger,
            with(json!({"pipeline": "ci", "ref": ""})),
            "ref",
        ),
        (CiPipelinesList, json!({"repo": "noslash"}), "repo"),
        (KbPagesSearch, json!({"query": " "}), "query"),
        (KbPagesGet, json!({"space": "", "page_id": "1"}), "space"),
        (
            KbPagesUpdate,
            json!({"space": "ENG", "page_id": "1", "title": ""}),
            "title",
        ),
        (KbSpacesList, json!({"per_page": 0}), "per_page"),
        (PmIssuesGet, json!({"key": ""}), "key"),
        (PmIssuesGet, json!({"key": "PROJ"}), "key"),
        (PmIssuesGet, json!({"key": "PROJ-"}), "key"),
        (PmIssuesGet, json!({"key": "-12"}), "key"),
        (PmIssuesGet, json!({"key": "PROJ-1a"}), "key"),
        (PmIssuesGet, json!({"key": "PROJ-12\n"}), "key"),
        (PmIssuesUpdate, json!({"key": ""}), "key"),
        (PmIssuesTransition, json!({"key": "PLAT-1", "to": ""}), "to"),
        (
            PmIssuesComment,
            json!({"key": "PLAT-1", "body": " "}),
            "body",
        ),
        (
            PmIssuesCreate,
            json!({"project": " ", "title": "t"}),
            "project",
        ),
        (
            PmIssuesSearch,
            json!({"updated_since": "yesterday"}),
            "updated_since",
        ),
        (
            PmIssuesSearch,
            json!({"updated_since": "2026-13-01"}),
            "updated_since",
        ),
        (
            PmIssuesSearch,
            json!({"updated_since": "2026-04-31"}),
            "updated_since",
        ),
        (
            PmIssuesSearch,
            json!({"updated_since": "2026-01-31T25:00:00Z"}),
            "updated_since",
        ),
        (
            PmIssuesSearch,
            json!({"updated_since": "2026-01-31T12:00Z"}),
            "updated_since",
        ),
        (PmIssuesSearch, json!({"status": [""]}), "status[0]"),
        (PmProjectsList, json!({"per_page": 101}), "per_page"),
    ]
}

/// Values at the edges of the same rules that both accept.
fn accepted() -> Vec<(OpId, Value)> {
    use OpId::*;
    vec![
        (GitReposGet, json!({"repo": "acme/api"})),
        (GitReposGet, json!({"repo": "group/sub/name"})),
        (GitIssuesList, json!({"repo": "a/b", "per_page": 1})),
        (GitIssuesList, json!({"repo": "a/b", "per_page": 100})),
        // JSON Schema's integers include 5.0, and so does the gateway.
        (GitIssuesList, json!({"repo": "a/b", "per_page": 5.0})),
        (
            GitIssuesList,
            json!({"repo": "a/b", "state": "all", "labels": ["bug"], "cursor": "2"}),
        ),
        (GitIssuesGet, json!({"repo": "a/b", "number": 1})),
        (GitIssuesGet, json!({"repo": "a/b", "number": u64::MAX})),
        (GitIssuesCreate, json!({"repo": "a/b", "title": " x "})),
        (GitPullsList, json!({"repo": "a/b", "state": "merged"})),
        (
            CiRunsLogs,
            json!({"repo": "a/b", "run_id": "1", "max_bytes": 1_048_576}),
        ),
        (PmIssuesGet, json!({"key": "PROJ-12"})),
        (PmIssuesGet, json!({"key": "MY-PROJ-7"})),
        (PmIssuesSearch, json!({"updated_since": "2026-01-31"})),
        (
            PmIssuesSearch,
            json!({"updated_since": "2026-01-31T12:00:00Z"}),
        ),
        (
            PmIssuesSearch,
            json!({"updated_since": "2026-01-31t12:00:00.5+02:00"}),
        ),
        (
            PmIssuesSearch,
            json!({"updated_since": "2026-02-29 23:59:60-11:30"}),
        ),
        (PmIssuesSearch, json!({"status": ["todo", "done"]})),
        (
            KbPagesCreate,
            json!({"space": "ENG", "title": "t", "body": ""}),
        ),
    ]
}

#[test]
fn what_the_gateway_refuses_the_published_schema_refuses_too() {
    for (op, arguments, field) in refused() {
        assert_eq!(
            refused_path(op, &arguments).as_deref(),
            Some(field),
            "{} {arguments}",
            op.name()
        );
        assert!(
            !published(op).is_valid(&arguments),
            "the schema of {} accepts {arguments}",
            op.name()
        );
    }
    for (op, arguments) in accepted() {
        assert_eq!(
            Operation::parse(op, arguments.clone()).err(),
            None,
            "{} {arguments}",
            op.name()
        );
        assert!(
            published(op).is_valid(&arguments),
            "the schema of {} refuses {arguments}",
            op.name()
        );
    }
}

/// A value for each required field that every rule accepts.
fn valid(field: &str) -> Value {
    match field {
        "repo" => json!("acme/api"),
        "key" => json!("PLAT-1"),
        "number" => json!(1),
        _ => json!("x"),
    }
}

/// Values that sit on or next to the edges of every rule, of every JSON type.
fn tricky() -> Vec<Value> {
    let text = [
        "",
        " ",
        "\t",
        "\n",
        "\u{a0}",
        "\u{3000}",
        "\u{1c}",
        "\u{0}",
        "x",
        " x ",
        "a/b",
        "/b",
        "a/",
        "a//b",
        "a/b/c",
        "ü/ö",
        "P-1",
        "P-",
        "-1",
        "P-1\n",
        "P\n-1",
        "P-1a",
        "open",
        "merged",
        "all",
        "todo",
        "in_progress",
        "rebase",
        "2026-01-31",
        "2026-02-30",
        "2026-01-31T12:00:00Z",
        "2026-01-31T12:00",
        "0",
        "1",
    ];
    let mut values: Vec<Value> = text.iter().map(|text| json!(text)).collect();
    values.extend([
        json!(0),
        json!(1),
        json!(100),
        json!(101),
        json!(1_048_576),
        json!(1_048_577),
        json!(-1),
        json!(u64::MAX),
        json!(1.0),
        json!(1.5),
        json!(true),
        Value::Null,
        json!([]),
        json!(["x"]),
        json!([""]),
        json!([" "]),
        json!(["todo", "nope"]),
        json!({}),
        json!({"k": "v"}),
        json!({"k": 1}),
    ]);
    values
}

#[test]
fn the_gateway_and_the_published_schema_agree_on_every_field_and_value() {
    for op in OpId::ALL {
        let schema = op.input_schema().as_value();
        let validator = published(*op);
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut base = serde_json::Map::new();
        for field in &required {
            base.insert((*field).to_owned(), valid(field));
        }
        let base = Value::Object(base);
        assert_eq!(refused_path(*op, &base), None, "{} {base}", op.name());
        assert!(validator.is_valid(&base), "{} {base}", op.name());
        let fields = schema["properties"]
            .as_object()
            .expect("inputs are objects");
        for field in fields.keys() {
            for value in tricky() {
                let mut arguments = base.clone();
                arguments[field] = value.clone();
                let gateway = refused_path(*op, &arguments);
                assert_eq!(
                    gateway.is_none(),
                    validator.is_valid(&arguments),
                    "{} `{field}` = {value}: the gateway says {gateway:?}",
                    op.name()
                );
            }
        }
    }
}

#[test]
fn errors_say_what_the_rule_asks_for() {
    let message = |op, arguments| Operation::parse(op, arguments).unwrap_err().message;
    assert_eq!(
        message(OpId::PmIssuesUpdate, json!({"key": ""})),
        "must be `PROJECT-NUMBER` such as `PROJ-12`, got \"\""
    );
    assert_eq!(
        message(OpId::GitReposGet, json!({"repo": "noslash"})),
        "must be `owner/name` (groups may nest: `group/sub/name`), got \"noslash\""
    );
    assert_eq!(
        message(OpId::KbSpacesList, json!({"per_page": 0})),
        "must be between 1 and 100, got 0"
    );
    assert_eq!(
        message(OpId::GitIssuesGet, json!({"repo": "a/b", "number": 0})),
        "must be 1 or more, got 0"
    );
    assert_eq!(
        message(OpId::GitIssuesCreate, json!({"repo": "a/b", "title": ""})),
        "must not be empty"
    );
    assert_eq!(
        message(OpId::GitIssuesCreate, json!({"repo": "a/b", "title": "  "})),
        "must not be blank, got \"  \""
    );
    assert_eq!(
        message(
            OpId::GitIssuesList,
            json!({"repo": "a/b", "state": "merged"})
        ),
        "must be one of `open`, `closed`, `all`, got `merged`"
    );
}

#[test]
fn whole_numbers_written_with_a_fraction_become_integers() {
    // Read exactly (serde_json's `float_roundtrip`): 2^51 - 1 stays whole.
    let mut value: Value = serde_json::from_str(
        r#"{"a": 389.0, "b": [-3.0, 1.5], "c": 2251799813685247.0, "d": 1e19}"#,
    )
    .unwrap();
    whole_numbers(&mut value);
    assert_eq!(
        value,
        json!({"a": 389, "b": [-3, 1.5], "c": 2_251_799_813_685_247_u64, "d": 10_000_000_000_000_000_000_u64})
    );
    let mut huge = json!(1e20);
    whole_numbers(&mut huge);
    assert_eq!(
        huge,
        json!(1e20),
        "beyond u64 it stays a number serde refuses"
    );
}

#[test]
fn keywords_apply_to_values_of_their_kind_and_alternatives_pick_by_type() {
    let schema = schemars::Schema::try_from(json!({
        "type": "object",
        "properties": {
            "n": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
            "tags": {"type": "array", "maxItems": 2, "items": {"type": "string", "maxLength": 3}},
            "map": {"type": "object", "additionalProperties": {"type": "string", "pattern": "^[a-z]+$"}},
            "any": {"pattern": "^x$", "minimum": 5}
        }
    }))
    .unwrap();
    let path = |arguments: Value| check(&schema, &arguments).err().map(|error| error.path);
    assert_eq!(path(json!({"n": null, "tags": ["abc"], "any": 9})), None);
    assert_eq!(path(json!({"any": "x"})), None);
    assert_eq!(path(json!({"n": 0})).as_deref(), Some("n"));
    assert_eq!(path(json!({"tags": ["abcd"]})).as_deref(), Some("tags[0]"));
    assert_eq!(
        path(json!({"tags": ["a", "b", "c"]})).as_deref(),
        Some("tags")
    );
    assert_eq!(
        path(json!({"map": {"ok": "yes", "bad": "NO"}})).as_deref(),
        Some("map.bad")
    );
    assert_eq!(path(json!({"any": "y"})).as_deref(), Some("any"));
    assert_eq!(path(json!({"any": 4})).as_deref(), Some("any"));
    let message = check(&schema, &json!({"n": 0})).unwrap_err().message;
    assert_eq!(message, "must be 1 or more, got 0");
}

#[test]
fn every_pattern_in_the_catalog_compiles_and_says_what_it_asks_for() {
    let mut patterns = Vec::new();
    for op in OpId::ALL {
        collect_patterns(op.input_schema().as_value(), &mut patterns);
    }
    assert!(!patterns.is_empty());
    for pattern in patterns {
        assert!(compiled(pattern).is_ok(), "{pattern}");
        assert!(
            crate::input::rules::meaning(pattern).is_some(),
            "`{pattern}` has no entry in rules::PATTERNS"
        );
    }
}
