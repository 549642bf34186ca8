//! The dependency rules of docs/architecture.md, read from `cargo metadata`, so that a change
//! that breaks them fails here instead of slowly turning the providers back into one block:
//!
//! - no provider crate (`providers/<name>`) depends on another provider crate or its fake;
//! - the spine (core, plugin contract, kits, configuration, routing, cache, store, gateway,
//!   edge and the front ends) depends on no provider crate at all, and on the assembly crates
//!   (`mosaic-providers`, `mosaic-fakes`) only for its tests;
//! - only the built-in plugin set (`mosaic-providers`) names providers as dependencies, so that
//!   adding a provider changes that crate's manifest and nothing else outside its folder; the
//!   fake of a provider served only by a shipped manifest (Redmine) is named by `mosaic-fakes`;
//! - the plugin contract depends on the core alone.

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Command;

/// One workspace crate: where it lives and what it depends on, with the dependency's kind
/// (`normal`, `dev`, `build`).
struct Crate {
    path: String,
    dependencies: Vec<(String, String)>,
}

fn workspace() -> BTreeMap<String, Crate> {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(output.status.success(), "{output:?}");
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    let root = metadata["workspace_root"].as_str().unwrap().to_owned();
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|package| members.contains(&package["id"].as_str().unwrap()))
        .map(|package| {
            let manifest = package["manifest_path"].as_str().unwrap();
            let path = manifest
                .strip_prefix(&format!("{root}/"))
                .unwrap_or(manifest)
                .trim_end_matches("/Cargo.toml")
                .to_owned();
            let dependencies = package["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|dependency| dependency["path"].is_string())
                .map(|dependency| {
                    let kind = dependency["kind"].as_str().unwrap_or("normal").to_owned();
                    (dependency["name"].as_str().unwrap().to_owned(), kind)
                })
                .collect();
            let name = package["name"].as_str().unwrap().to_owned();
            (name, Crate { path, dependencies })
        })
        .collect()
}

fn is_provider(krate: &Crate) -> bool {
    krate.path.starts_with("providers/") && !krate.path.ends_with("/fake")
}

fn is_fake(krate: &Crate) -> bool {
    krate.path.starts_with("providers/") && krate.path.ends_with("/fake")
}

/// The folder a provider crate or its fake belongs to (`providers/github`).
fn folder(krate: &Crate) -> &str {
    krate.path.trim_end_matches("/fake")
}

const ASSEMBLIES: [&str; 2] = ["mosaic-providers", "mosaic-fakes"];
const BINARY: &str = "mosaic";
/// The one crate that lists the providers.
const PLUGIN_SET: &str = "mosaic-providers";

#[test]
fn the_workspace_keeps_its_dependency_rules() {
    let crates = workspace();
    assert!(
        crates.values().filter(|krate| is_provider(krate)).count() >= 7,
        "the provider crates were not found under providers/"
    );
    let mut broken = Vec::new();
    for (name, krate) in &crates {
        for (dependency, kind) in &krate.dependencies {
            let Some(target) = crates.get(dependency) else {
                continue;
            };
            let names_a_provider = is_provider(target) || is_fake(target);
            let rule = if is_provider(krate) || is_fake(krate) {
                // A provider may use its own fake in its tests, and shared crates; never
                // another provider.
                (names_a_provider && folder(target) != folder(krate))
                    .then_some("a provider depends on another provider")
            } else if names_a_provider && name != PLUGIN_SET {
                // A fake of a provider with no native plugin (one served by a shipped
                // manifest) is outside the built-in plugin set: the fakes server names it.
                let manifest_only = is_fake(target)
                    && !crates
                        .values()
                        .any(|other| is_provider(other) && folder(other) == folder(target));
                (!(manifest_only && name == "mosaic-fakes"))
                    .then_some("only the built-in plugin set may name a provider")
            } else if name == BINARY || ASSEMBLIES.contains(&name.as_str()) {
                None
            } else if ASSEMBLIES.contains(&dependency.as_str()) && kind != "dev" {
                Some("the spine may use the built-in plugin set in its tests only")
            } else if name == "mosaic-plugin" && dependency != "mosaic-core" {
                Some("the plugin contract depends on the core alone")
            } else {
                None
            };
            if let Some(rule) = rule {
                broken.push(format!("{name} -> {dependency} ({kind}): {rule}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "dependency rules broken:\n{}",
        broken.join("\n")
    );
}
