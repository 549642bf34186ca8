//! `mosaic providers coverage` as a user runs it, checked against the built-in plugin set
//! itself, so that adding a provider needs no edit here: the JSON matrix is every plugin's own
//! descriptor, and the README's table is exactly what `--markdown` prints today.

use serde_json::Value;
use std::process::Command;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
const BEGIN: &str = "<!-- coverage:begin -->\n";
const END: &str = "<!-- coverage:end -->";

fn coverage(format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .args(["providers", "coverage", format])
        .output()
        .expect("run mosaic");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("coverage prints UTF-8")
}

#[test]
fn the_json_matrix_is_every_built_in_plugins_own_declaration() {
    let matrix: Value = serde_json::from_str(&coverage("--json")).expect("--json prints JSON");
    let rows = matrix["plugins"].as_array().expect("a list of plugins");
    let plugins = mosaic_providers::builtin();
    assert_eq!(rows.len(), plugins.len());
    for (row, plugin) in rows.iter().zip(plugins.iter()) {
        let descriptor = plugin.descriptor();
        assert_eq!(row["plugin"], descriptor.name.as_str());
        assert_eq!(row["version"], descriptor.version.as_str());
        assert_eq!(
            row["kinds"],
            serde_json::to_value(&descriptor.kinds).unwrap()
        );
        for (op, support) in descriptor.operations() {
            assert_eq!(
                row["operations"][op.name()],
                serde_json::to_value(support).unwrap(),
                "{} {}",
                descriptor.name,
                op.name()
            );
        }
    }
}

#[test]
fn the_readme_coverage_table_is_what_the_plugins_declare() {
    let readme = std::fs::read_to_string(README).expect("read README.md");
    let start = readme
        .find(BEGIN)
        .map(|at| at + BEGIN.len())
        .expect("README.md has a `<!-- coverage:begin -->` line");
    let end = readme[start..]
        .find(END)
        .map(|at| start + at)
        .expect("README.md has a `<!-- coverage:end -->` line after the table");
    let generated = coverage("--markdown");
    assert!(
        readme[start..end] == generated,
        "README.md's coverage table is stale: replace the lines between its coverage markers \
         with the output of `cargo run -p mosaic -- providers coverage --markdown`\n\
         --- README.md\n{}\n--- generated\n{generated}",
        &readme[start..end]
    );
}
