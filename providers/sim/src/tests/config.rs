//! Settings: defaults, the JSON Schema, and validation reporting every problem with its path.

use super::*;
use crate::SimSettings;
use mosaic_core::{FieldError, ServiceKind};

fn errors(settings: Value) -> Vec<FieldError> {
    match SimPlugin::default().validate(&settings) {
        Ok(_) => panic!("{settings} should be invalid"),
        Err(errors) => errors,
    }
}

fn paths(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|error| error.path.as_str()).collect()
}

#[test]
fn no_settings_or_an_empty_block_means_the_defaults() {
    for settings in [Value::Null, json!({})] {
        assert!(
            SimPlugin::default().validate(&settings).is_ok(),
            "{settings}"
        );
    }
    let defaults: SimSettings = serde_json::from_value(json!({})).expect("defaults");
    assert_eq!(defaults, SimSettings::default());
    assert_eq!(defaults.kinds, ServiceKind::ALL);
    assert!(defaults.seed);
    let full = json!({
        "kinds": ["pm"], "unsupported": ["pm.issues.comment"], "dataset": "tracker", "seed": false,
        "latency": {"distribution": "normal", "mean": "30ms", "stddev": "10ms", "min": "5ms", "max": "1s"},
        "error_rate": 0.05, "outages": [{"after": "1m", "for": "1m30s"}], "down": false,
        "rate_limit": {"requests": 100, "per": "1m"}, "seed_rng": 3
    });
    assert!(SimPlugin::default().validate(&full).is_ok());
    let parsed: SimSettings = serde_json::from_value(full.clone()).expect("parses");
    let written = serde_json::to_value(&parsed).expect("serializes");
    assert_eq!(written["outages"][0], json!({"after": "1m", "for": "90s"}));
    assert_eq!(written["latency"]["max"], "1s");
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let found = errors(json!({
        "error_rate": 1.5,
        "latency": {"mean": "fast"},
        "outages": [{"after": "1s", "for": "1s"}, {"after": "1s", "for": "0s"}],
        "unsupported": ["git.issues.list", "git.nope"],
        "colour": "red",
        "rate_limit": {"requests": 0, "per": "1m"},
        "kinds": ["git", "scm"],
    }));
    let mut found_paths = paths(&found);
    found_paths.sort_unstable();
    assert_eq!(
        found_paths,
        [
            "colour",
            "error_rate",
            "kinds[1]",
            "latency.mean",
            "outages[1].for",
            "rate_limit.requests",
            "unsupported[1]"
        ]
    );
    let message = |path: &str| {
        found
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.clone())
            .unwrap_or_default()
    };
    assert!(
        message("latency.mean").contains("invalid duration `fast`"),
        "{}",
        message("latency.mean")
    );
    assert!(
        message("colour").contains("unknown field `colour`"),
        "{}",
        message("colour")
    );
    assert!(message("unsupported[1]").contains("`git.nope`"));
    assert!(message("error_rate").contains("between 0.0 and 1.0, got 1.5"));
    assert!(message("kinds[1]").contains("scm"));
}

#[test]
fn latency_bounds_must_be_consistent() {
    let found = errors(json!({"latency": {"min": "50ms", "max": "10ms"}}));
    assert_eq!(
        found,
        [FieldError::new(
            "latency.max",
            "must be at least latency.min (50ms), got 10ms"
        )]
    );
    let found = errors(json!({"latency": {"mean": "1s", "max": "200ms"}}));
    assert_eq!(
        found,
        [FieldError::new(
            "latency.mean",
            "must lie between latency.min (0s) and latency.max (200ms), got 1s"
        )]
    );
    let found = errors(json!({"latency": {"distribution": "lognormal", "stddev": "5ms"}}));
    assert_eq!(paths(&found), ["latency.mean"]);
    let found = errors(json!({"latency": {"distribution": "gaussian"}}));
    assert_eq!(paths(&found), ["latency.distribution"]);
    let found = errors(json!({"latency": {"mean": 20}}));
    assert!(
        found[0].message.contains("a duration with a unit"),
        "{found:?}"
    );
}

#[test]
fn structural_and_range_errors_elsewhere_name_their_field() {
    let found = errors(
        json!({"kinds": [], "dataset": " ", "rate_limit": {"requests": 5, "per": "0s"}, "outages": [{"after": "1s"}]}),
    );
    let mut found_paths = paths(&found);
    found_paths.sort_unstable();
    assert_eq!(
        found_paths,
        ["dataset", "kinds", "outages[0]", "rate_limit.per"]
    );
    assert!(
        found
            .iter()
            .any(|e| e.message.contains("missing field `for`")),
        "{found:?}"
    );
    let found = errors(json!(["git"]));
    assert_eq!(
        found,
        [FieldError::new(
            "",
            "the settings of a `sim` instance must be a mapping, got a list"
        )]
    );
    let found = errors(json!({"down": "yes", "seed_rng": -1}));
    let mut found_paths = paths(&found);
    found_paths.sort_unstable();
    assert_eq!(found_paths, ["down", "seed_rng"]);
}

#[test]
fn the_settings_schema_documents_every_field_and_refuses_others() {
    let schema = serde_json::to_value(SimPlugin::default().descriptor().settings_schema.clone())
        .expect("schema is JSON");
    assert_eq!(schema["additionalProperties"], false);
    let properties = schema["properties"].as_object().expect("properties");
    for field in [
        "kinds",
        "unsupported",
        "dataset",
        "seed",
        "latency",
        "error_rate",
        "outages",
        "down",
        "rate_limit",
        "seed_rng",
    ] {
        let description = properties
            .get(field)
            .and_then(|p| p["description"].as_str());
        assert!(
            description.is_some_and(|d| !d.is_empty()),
            "{field} is undocumented"
        );
    }
    let defs = schema["$defs"].as_object().expect("definitions");
    assert_eq!(defs["Duration"]["type"], "string");
    assert!(defs["OutageSettings"]["properties"].get("for").is_some());
}

#[test]
fn only_writes_of_the_catalog_can_be_left_unconfirmed() {
    let found =
        errors(json!({"unconfirmed_writes": ["git.issues.create", "git.issues.list", "git.nope"]}));
    assert_eq!(
        paths(&found),
        ["unconfirmed_writes[1]", "unconfirmed_writes[2]"]
    );
    assert!(
        found[0].message.contains("is a read"),
        "{}",
        found[0].message
    );
    assert!(
        found[1].message.contains("`git.nope`"),
        "{}",
        found[1].message
    );
}
