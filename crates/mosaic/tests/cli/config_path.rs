//! The audit commands find the configuration as `serve` does: `--config`, else
//! `MOSAIC_CONFIG`, else `mosaic.yaml` in the current directory.

use super::{TempDir, mosaic, serving_config};

/// `mosaic audit verify` with `args`: success, standard output, standard error.
fn verify(command: &mut std::process::Command, args: &[&str]) -> (bool, String, String) {
    let output = command
        .args(["audit", "verify"])
        .args(args)
        .output()
        .expect("run mosaic");
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The first line `verify` prints for an empty log (notes about the anchor follow it).
const INTACT: &str = "audit log intact: 0 records, hash chain verified\n";

#[test]
fn audit_commands_read_the_file_named_by_mosaic_config() {
    let dir = TempDir::new();
    let config = dir.file("gateway.yaml", &serving_config(&dir));
    let (ok, stdout, stderr) = verify(mosaic().env("MOSAIC_CONFIG", &config), &[]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with(INTACT), "{stdout}");
    assert!(
        dir.0.join("audit.db").exists(),
        "the configured store was opened"
    );

    let output = mosaic()
        .env("MOSAIC_CONFIG", &config)
        .args(["audit", "tail", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");

    // `--store` names the log itself; the variable does not conflict with it.
    let other = format!("sqlite://{}/other.db", dir.0.display());
    let (ok, stdout, stderr) = verify(mosaic().env("MOSAIC_CONFIG", &config), &["--store", &other]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with(INTACT), "{stdout}");
    assert!(dir.0.join("other.db").exists());
}

#[test]
fn audit_commands_read_mosaic_yaml_in_the_current_directory() {
    let dir = TempDir::new();
    dir.file("mosaic.yaml", &serving_config(&dir));
    let (ok, stdout, stderr) = verify(mosaic().current_dir(&dir.0), &[]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with(INTACT), "{stdout}");
}

#[test]
fn without_a_configuration_the_error_says_where_one_is_looked_for() {
    let dir = TempDir::new();
    let (ok, stdout, stderr) = verify(mosaic().current_dir(&dir.0), &[]);
    assert!(!ok);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: no configuration file: give --config FILE, set MOSAIC_CONFIG, or create mosaic.yaml in the current directory\n"
    );
}
