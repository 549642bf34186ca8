//! `mosaic providers coverage --json` as a user runs it: every native plugin answers for every
//! operation of its kind — the forges for every `git.*` operation, the trackers for every
//! `pm.*` one — supported, or unsupported with a reason, and for no operation of another kind.

use serde_json::{Value, json};
use std::process::Command;

fn coverage() -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .args(["providers", "coverage", "--json"])
        .output()
        .expect("run mosaic");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("coverage --json prints JSON")
}

/// Checks that `plugin` declares all `count` operations of `kind` and none of another kind.
fn declares_its_kind(coverage: &Value, plugin: &str, kind: &str, count: usize) {
    let plugins = coverage["plugins"].as_array().unwrap();
    let entry = plugins
        .iter()
        .find(|entry| entry["plugin"] == plugin)
        .unwrap_or_else(|| panic!("{plugin} is not in the coverage matrix"));
    assert_eq!(entry["kinds"], json!([kind]), "{plugin}");
    let prefix = format!("{kind}.");
    let operations = entry["operations"].as_object().unwrap();
    let own: Vec<_> = operations
        .iter()
        .filter(|(name, _)| name.starts_with(&prefix))
        .collect();
    assert_eq!(own.len(), count, "{plugin}");
    for (name, support) in own {
        match support["support"].as_str() {
            Some("supported") => {}
            Some("unsupported") => assert!(
                support["reason"]
                    .as_str()
                    .is_some_and(|reason| !reason.is_empty()),
                "{plugin} {name}: unsupported without a reason"
            ),
            other => panic!("{plugin} {name}: {other:?}"),
        }
    }
    for (name, support) in operations
        .iter()
        .filter(|(name, _)| !name.starts_with(&prefix))
    {
        assert_eq!(support["support"], "unsupported", "{plugin} {name}");
    }
}

#[test]
fn every_git_operation_is_declared_by_every_forge() {
    let coverage = coverage();
    for forge in ["github", "gitea", "gitlab"] {
        declares_its_kind(&coverage, forge, "git", 15);
    }
}

#[test]
fn every_pm_operation_is_declared_by_every_tracker() {
    let coverage = coverage();
    for tracker in ["jira", "linear", "plane"] {
        declares_its_kind(&coverage, tracker, "pm", 7);
    }
}
