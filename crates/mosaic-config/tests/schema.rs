//! The JSON Schema that `mosaic config schema` prints, used as an editor uses it: every
//! shipped example validates as written, `${VAR}` references included, and the schema still
//! refuses what loading refuses.

use mosaic_config::json_schema_for;
use mosaic_core::catalog::schema::nonstandard_formats;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&json_schema_for(&mosaic_providers::builtin()))
        .expect("the schema is a valid JSON Schema")
}

/// Every problem the schema finds in `document`, `path: message`.
fn problems(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        // Workloads for `mosaic simulate` are not configurations.
        .filter(|path| {
            !path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().ends_with("-workload.yaml"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_example_validates_against_the_schema() {
    let validator = validator();
    let files = examples();
    assert!(files.len() >= 4, "the examples are found: {files:?}");
    let mut failures = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let document: Value = yaml_serde::from_str(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        for problem in problems(&validator, &document) {
            failures.push(format!("{}: {problem}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One API key with `key_sha256` set to `digest`, as a document to validate.
fn with_key(digest: &str) -> Value {
    json!({
        "auth": { "api_keys": [{ "name": "ci", "key_sha256": digest, "tenant": "t", "principal": "p" }] }
    })
}

#[test]
fn references_are_accepted_where_strings_are_constrained() {
    let validator = validator();
    let valid = [
        with_key("${MOSAIC_AGENT_KEY_SHA256}"),
        with_key("${KEY:-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}"),
        with_key("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        json!({ "executor": { "timeout": "${TIMEOUT:-10s}" } }),
        json!({ "routes": [{ "name": "r", "strategy": "${STRATEGY}", "kinds": ["${KIND}"], "targets": [] }] }),
        json!({ "providers": [{ "name": "forge-${REGION}", "plugin": "sim", "settings": { "kinds": ["git"] } }] }),
    ];
    for document in valid {
        assert_eq!(
            problems(&validator, &document),
            Vec::<String>::new(),
            "{document}"
        );
    }
}

#[test]
fn the_constraints_still_hold_for_values_written_out() {
    let validator = validator();
    let invalid = [
        with_key("not-a-hash"),
        // `$$` is a literal `$`: this is the text `${KEY}`, not a reference.
        with_key("$${KEY}"),
        json!({ "executor": { "timeout": "fast" } }),
        json!({ "routes": [{ "name": "r", "strategy": "fastest", "targets": [] }] }),
        json!({ "providers": [{ "name": "Forge", "plugin": "sim" }] }),
        json!({ "providers": [{ "name": "forge", "plugin": "sim", "settings": { "kinds": ["svn"] } }] }),
        // Expansion gives strings only: a number is never written as a reference.
        json!({ "cache": { "max_entries": "${ENTRIES}" } }),
        json!({ "intentionally_empty": ["everything"] }),
    ];
    for document in invalid {
        assert!(
            !problems(&validator, &document).is_empty(),
            "should be refused: {document}"
        );
    }
}

#[test]
fn the_schema_uses_only_formats_json_schema_defines() {
    // Editors and the MCP TypeScript SDK warn about `uint64`, `double`, ... at each use.
    let schema = json_schema_for(&mosaic_providers::builtin());
    assert_eq!(nonstandard_formats(&schema), Vec::<String>::new());
    // The integer ranges the formats stood for are kept as keywords.
    let max_body = &schema["$defs"]["ServerSection"]["properties"]["max_body_bytes"];
    assert_eq!(max_body["type"], json!("integer"), "{max_body}");
    assert_eq!(max_body["maximum"], json!(u64::MAX), "{max_body}");
}
