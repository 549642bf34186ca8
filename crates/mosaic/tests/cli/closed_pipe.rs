//! A reader that stops early (`mosaic providers coverage --json | head -1`) closes the pipe;
//! every command that prints then ends quietly, never with a panic.

use super::{TempDir, mosaic, repo_file, serving_config};
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallRequest, Gateway};
use serde_json::json;
use std::process::{Command, Stdio};

/// Runs `command` with its standard output a pipe whose reader is already closed, so its
/// first write fails; checks that it ends with success and without a panic.
fn ends_quietly(mut command: Command) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = command
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("run mosaic");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{command:?}:\n{stderr}"
    );
    assert!(
        output.status.success(),
        "{command:?}: {:?}\n{stderr}",
        output.status
    );
}

fn with_args(args: &[&str]) -> Command {
    let mut command = mosaic();
    command.args(args);
    command
}

#[test]
fn providers_coverage_ends_quietly() {
    ends_quietly(with_args(&["providers", "coverage", "--json"]));
    ends_quietly(with_args(&["providers", "coverage"]));
}

#[test]
fn config_commands_end_quietly() {
    let minimal = repo_file("examples/minimal.yaml");
    let minimal = minimal.to_str().unwrap();
    ends_quietly(with_args(&["config", "check", minimal, "--print"]));
    ends_quietly(with_args(&["config", "check", minimal, minimal]));
    ends_quietly(with_args(&["config", "schema"]));
}

#[test]
fn route_explain_ends_quietly() {
    let demo = repo_file("examples/demo.yaml");
    let demo = demo.to_str().unwrap();
    for json in [false, true] {
        let mut command = with_args(&["route", "explain", "--config", demo, "git.issues.list"]);
        command.args(["--args", r#"{"repo":"acme/internal-tools"}"#]);
        if json {
            command.arg("--json");
        }
        ends_quietly(command);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_commands_end_quietly() {
    let dir = TempDir::new();
    let config_text = serving_config(&dir);
    let config = dir.file("mosaic.yaml", &config_text);
    // A few audited calls, so that `tail` has records to print.
    let loaded =
        mosaic_config::load(&config_text, &|_| None, &mosaic_providers::builtin()).unwrap();
    let gateway = Gateway::start(loaded).await.unwrap();
    for _ in 0..3 {
        let call = CallRequest {
            op: OpId::GitReposList,
            arguments: json!({}),
            provider: None,
        };
        gateway
            .call(&RequestContext::local("cli-test"), call)
            .await
            .unwrap();
    }
    gateway.shutdown().await;

    let config = config.to_str().unwrap();
    ends_quietly(with_args(&["audit", "tail", "--config", config]));
    ends_quietly(with_args(&["audit", "tail", "--config", config, "--json"]));
    ends_quietly(with_args(&["audit", "verify", "--config", config]));
}
