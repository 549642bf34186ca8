//! `mosaic config check FILE...`: every file checked, every error of each listed, and a
//! configuration that would serve no call warned about without failing the check.

use super::{TempDir, mosaic, repo_file, serving_config};

struct Checked {
    success: bool,
    stdout: String,
    stderr: String,
}

fn check(files: &[&std::path::Path]) -> Checked {
    let output = mosaic()
        .args(["config", "check"])
        .args(files)
        .output()
        .expect("run mosaic");
    Checked {
        success: output.status.success(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The plugins this build has, as an unknown plugin's error lists them.
fn builtin_ids() -> String {
    mosaic_providers::builtin()
        .iter()
        .map(|plugin| plugin.descriptor().id())
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn several_files_are_checked_and_every_error_of_a_bad_one_is_listed() {
    let dir = TempDir::new();
    let good = dir.file("good.yaml", &serving_config(&dir));
    // An unknown field beside broken settings in the same provider entry, and a second
    // broken entry: every problem is listed.
    let bad = dir.file(
        "bad.yaml",
        "providers:\n  - { name: forge, plugin: sim, regoin: eu, settings: { kinds: [git], error_rate: 2 } }\n  - { name: Mirror, plugin: nope }\n",
    );
    let demo = repo_file("examples/demo.yaml");
    let checked = check(&[&good, &bad, &demo]);

    assert!(!checked.success, "one bad file fails the check");
    let ok: Vec<&str> = checked.stdout.lines().collect();
    assert_eq!(ok.len(), 2, "{}", checked.stdout);
    assert!(ok[0].starts_with(&format!("{}: ok (1 provider instances", good.display())));
    assert!(ok[1].starts_with(&format!("{}: ok (8 provider instances", demo.display())));
    let expected = format!(
        "{}: invalid configuration (4 errors)
  providers[0].regoin: unknown field `regoin`, expected one of `name`, `plugin`, `region`, `labels`, `public`, `cost_per_call`, `timeout`, `rate_limit`, `cost`, `settings`
  providers[0].settings.error_rate: must be between 0.0 and 1.0, got 2
  providers[1].name: `Mirror` is not a valid instance name: use lowercase letters, digits, `-` and `_`, starting with a letter or digit
  providers[1].plugin: unknown plugin `nope`; available: {}
",
        bad.display(),
        builtin_ids()
    );
    assert!(checked.stderr.contains(&expected), "{}", checked.stderr);
}

#[test]
fn every_file_that_cannot_be_read_is_named() {
    let checked = check(&[
        std::path::Path::new("/nonexistent/a.yaml"),
        std::path::Path::new("/nonexistent/b.yaml"),
    ]);
    assert!(!checked.success);
    for name in ["a", "b"] {
        assert!(
            checked
                .stderr
                .contains(&format!("/nonexistent/{name}.yaml: invalid configuration (1 error)\n  could not read /nonexistent/{name}.yaml")),
            "{}",
            checked.stderr
        );
    }
}

#[test]
fn a_configuration_that_serves_no_call_is_a_warning_not_an_error() {
    let dir = TempDir::new();
    let empty = dir.file("empty.yaml", "");
    let intended = dir.file(
        "maintenance.yaml",
        "intentionally_empty: [auth, policies, providers, routes]\n",
    );
    let checked = check(&[&empty, &intended]);

    assert!(checked.success, "{}", checked.stderr);
    assert_eq!(
        checked.stdout,
        format!(
            "{}: ok (0 provider instances, 0 routes, 0 policies)\n{}: ok (0 provider instances, 0 routes, 0 policies)\n",
            empty.display(),
            intended.display()
        )
    );
    let warnings: Vec<&str> = checked
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("  warning: "))
        .map(|warning| warning.split_once(':').unwrap().0)
        .collect();
    assert_eq!(
        warnings,
        ["auth", "policies", "providers", "routes"],
        "{}",
        checked.stderr
    );
}
