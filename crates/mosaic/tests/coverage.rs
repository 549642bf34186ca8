//! `mosaic providers coverage --json` as a user runs it: every native forge plugin answers for
//! every `git.*` operation, supported or unsupported with a reason.

use serde_json::Value;
use std::process::Command;

fn coverage() -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .args(["providers", "coverage", "--json"])
        .output()
        .expect("run mosaic");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("coverage --json prints JSON")
}

#[test]
fn every_git_operation_is_declared_by_every_forge() {
    let coverage = coverage();
    let plugins = coverage["plugins"].as_array().unwrap();
    for forge in ["github", "gitea", "gitlab"] {
        let plugin = plugins
            .iter()
            .find(|plugin| plugin["plugin"] == forge)
            .unwrap_or_else(|| panic!("{forge} is not in the coverage matrix"));
        assert_eq!(plugin["kinds"], serde_json::json!(["git"]));
        let operations = plugin["operations"].as_object().unwrap();
        let git: Vec<_> = operations
            .iter()
            .filter(|(name, _)| name.starts_with("git."))
            .collect();
        assert_eq!(git.len(), 15, "{forge}");
        for (name, support) in git {
            match support["support"].as_str() {
                Some("supported") => {}
                Some("unsupported") => assert!(
                    support["reason"]
                        .as_str()
                        .is_some_and(|reason| !reason.is_empty()),
                    "{forge} {name}: unsupported without a reason"
                ),
                other => panic!("{forge} {name}: {other:?}"),
            }
        }
        for (name, support) in operations
            .iter()
            .filter(|(name, _)| !name.starts_with("git."))
        {
            assert_eq!(support["support"], "unsupported", "{forge} {name}");
        }
    }
}
