//! Splits in the file: members that front one system load, members that may not are refused
//! with the reason, the canary's rollback gets its defaults, and a target's shape is checked.

use crate::load;
use mosaic_plugin::Plugins;
use mosaic_routing::{RollbackSpec, TargetSpec};
use std::time::Duration;

/// The built-in plugins and `sim@1.1.0` beside `sim@1.0.0`.
fn registry() -> Plugins {
    let builtin = mosaic_providers::builtin();
    let sim = builtin.find("sim", None).expect("sim is built in").clone();
    builtin
        .iter()
        .cloned()
        .chain([mosaic_testkit::versioned::at_version(sim, "1.1.0")])
        .collect()
}

fn file(v2: &str, targets: &str) -> String {
    format!(
        r#"
store: {{ url: "sqlite::memory:" }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: tracker-v1, plugin: sim@1.0.0, settings: {{ kinds: [pm], dataset: tracker }} }}
  - {v2}
  - {{ name: mirror, plugin: sim, settings: {{ kinds: [pm], dataset: mirror }} }}
routes:
  - name: tracker
    kinds: [pm]
    targets: {targets}
"#
    )
}

const SPLIT: &str = "[{ split: [{ instance: tracker-v1, weight: 90 }, { instance: tracker-v2, weight: 10, canary: true }] }]";

fn errors(yaml: &str) -> Vec<String> {
    match load(yaml, &|_| None, &registry()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .errors()
            .iter()
            .map(|error| format!("{}: {}", error.path, error.message))
            .collect(),
    }
}

#[test]
fn two_versions_of_one_plugin_with_the_same_settings_share_a_slot() {
    let v2 = "{ name: tracker-v2, plugin: sim@1.1.0, settings: { kinds: [pm], dataset: tracker } }";
    let config = load(&file(v2, SPLIT), &|_| None, &registry()).unwrap_or_else(|e| panic!("{e}"));
    let TargetSpec {
        split: Some(split), ..
    } = &config.routes[0].targets[0]
    else {
        panic!("the target is a split");
    };
    assert_eq!(split.canary(), Some("tracker-v2"));
    assert_eq!(
        split.rollback,
        Some(RollbackSpec {
            window: Duration::from_secs(300),
            min_calls: 20,
            margin_bp: 500,
        }),
        "a canary is watched with the defaults"
    );
    assert_eq!(config.instances[1].plugin_id(), "sim@1.1.0");
}

#[test]
fn members_that_may_front_different_systems_are_refused_unless_labelled_one_system() {
    let other_settings =
        "{ name: tracker-v2, plugin: sim@1.1.0, settings: { kinds: [pm], dataset: elsewhere } }";
    let found = errors(&file(other_settings, SPLIT));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("routes[0].targets[0].split: a split's members must front one system")
            && found[0].contains("`tracker-v1` and `tracker-v2` have different settings"),
        "{found:?}"
    );
    let labelled = "{ name: tracker-v2, plugin: sim@1.1.0, labels: { system: tracker }, settings: { kinds: [pm], dataset: tracker, error_rate: 0.5 } }";
    let both_labelled = file(labelled, SPLIT).replace(
        "plugin: sim@1.0.0,",
        "plugin: sim@1.0.0, labels: { system: tracker },",
    );
    assert_eq!(errors(&both_labelled), Vec::<String>::new());
    let other_system = both_labelled.replace(
        "labels: { system: tracker }, settings: { kinds: [pm], dataset: tracker, error_rate",
        "labels: { system: wiki }, settings: { kinds: [pm], dataset: tracker, error_rate",
    );
    assert!(
        errors(&other_system)[0]
            .contains("`tracker-v1` has system=tracker and `tracker-v2` system=wiki")
    );
}

#[test]
fn bad_targets_and_rollback_settings_are_reported_at_their_paths() {
    let v2 = "{ name: tracker-v2, plugin: sim@1.1.0, settings: { kinds: [pm], dataset: tracker } }";
    let targets = r#"
      - { weight: 2 }
      - { instance: mirror, split: [{ instance: tracker-v1 }, { instance: tracker-v2 }] }
      - { instance: mirror, rollback: { min_calls: 3 } }
      - split: [{ instance: tracker-v1 }, { instance: tracker-v2, canary: true }]
        read_only: true
        rollback: { window: 0s, min_calls: 0, margin: 1.5 }"#;
    assert_eq!(
        errors(&file(v2, targets)),
        [
            "routes[0].targets[0]: needs an `instance` (one provider instance) or a `split` (versions side by side)",
            "routes[0].targets[1]: names an `instance` and a `split`; give one of them",
            "routes[0].targets[2].instance: `mirror` is already a target of this rule (targets[1])",
            "routes[0].targets[2].rollback: watches the canary of a split; this target names one instance",
            "routes[0].targets[3].read_only: a split's members take writes; list a read-only copy as a target of its own",
            "routes[0].targets[3].rollback.window: must be longer than 0s",
            "routes[0].targets[3].rollback.min_calls: must be at least 1: a canary is judged on calls it made",
            "routes[0].targets[3].rollback.margin: must be a fraction from 0 (any excess) up to, not including, 1 (`0.05` is five percentage points)",
        ]
    );
}
