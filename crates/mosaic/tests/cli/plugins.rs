//! `mosaic plugins schema` and `mosaic plugins check FILE...`: the manifest format's JSON
//! Schema, and every manifest file checked as loading would check it, every problem listed
//! with its path, exit 1 when any file has one.

use super::{TempDir, mosaic, repo_file};

#[test]
fn the_schema_is_the_manifest_formats() {
    let output = mosaic()
        .args(["plugins", "schema"])
        .output()
        .expect("run mosaic");
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(schema["title"], "MosAIc provider manifest");
    assert!(schema["properties"]["operations"].is_object(), "{schema}");
}

#[test]
fn the_shipped_manifest_checks_and_a_broken_one_lists_every_problem_with_its_path() {
    let dir = TempDir::new();
    let broken = dir.file(
        "broken.yaml",
        "name: x\nversion: 1\ndescription: d\nkinds: [git]\nauth: {type: bearer}\noperations:\n  git.repos.get:\n    request: {path: '/r/{{ repo'}\n    response: {output: '.'}\n    examples: []\n",
    );
    let gitea = repo_file("plugins/gitea.yaml");
    let output = mosaic()
        .args(["plugins", "check"])
        .arg(&gitea)
        .arg(&broken)
        .output()
        .expect("run mosaic");
    let (stdout, stderr) = (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    );
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("gitea.yaml: ok (gitea-manifest@1.0.0, 9 operations)"),
        "{stdout}"
    );
    assert!(stderr.contains("broken.yaml: 3 problems"), "{stderr}");
    for path in [
        "version (line 2)",
        "operations.\"git.repos.get\".request.path (line 8)",
        "operations.\"git.repos.get\".examples (line 10)",
    ] {
        assert!(stderr.contains(path), "{path}: {stderr}");
    }
}
