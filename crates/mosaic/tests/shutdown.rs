//! `mosaic serve` stopped with SIGTERM as an orchestrator stops it: neither a half-sent request
//! nor one still waiting for its provider holds the process beyond `server.shutdown_timeout`,
//! and every call that was answered before is in the audit log afterwards.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Upper bound on any wait here, only so that a regression fails instead of hanging.
const PATIENCE: Duration = Duration::from_secs(30);

/// A fresh directory for one test's configuration and database.
fn workdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("shutdown-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn config(dir: &Path) -> PathBuf {
    let yaml = format!(
        r#"
server: {{ listen: "127.0.0.1:0", shutdown_timeout: 1s, header_read_timeout: 60s, body_read_timeout: 60s }}
store: {{ url: "sqlite://{}/mosaic.db" }}
auth: {{ anonymous: {{ tenant: default, principal: shutdown-test }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: sim, plugin: sim, settings: {{ dataset: shutdown, latency: {{ distribution: constant, mean: "0ms" }} }} }}
  - {{ name: slow, plugin: sim, settings: {{ kinds: [kb], dataset: shutdown-slow, latency: {{ distribution: constant, mean: "60s" }} }} }}
routes:
  - {{ name: docs, kinds: [kb], targets: [{{ instance: slow }}] }}
  - {{ name: all, targets: [{{ instance: sim }}] }}
"#,
        dir.display()
    );
    let path = dir.join("mosaic.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

/// Starts `mosaic serve`; the process and the address it listens on.
fn serve(config: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .args(["serve", "--config"])
        .arg(config)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start mosaic serve");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let address = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    (child, address)
}

/// One whole HTTP/1.1 exchange; the status and body of the answer.
fn call(address: &str, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
}

fn post(path: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// SIGTERM, as `kill` sends it.
fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for `child` to exit, within [`PATIENCE`].
fn exit_of(child: &mut Child) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("mosaic serve did not exit after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The operations of the newest audit records, as `mosaic audit tail --json` prints them.
fn audited(dir: &Path) -> Vec<String> {
    let store = format!("sqlite://{}/mosaic.db", dir.display());
    let output = Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .args([
            "audit", "tail", "--json", "--lines", "50", "--store", &store,
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            record["operation"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

#[test]
fn sigterm_with_a_half_sent_request_open_exits_within_the_deadline_keeping_the_audit() {
    let dir = workdir("half-sent");
    let (mut child, address) = serve(&config(&dir));
    let answered = [
        call(&address, &get("/v1/git.repos.get?repo=acme/api")),
        call(&address, &get("/v1/pm.issues.get?key=PLAT-1")),
        call(
            &address,
            &post(
                "/v1/git.issues.create",
                r#"{"repo": "acme/api", "title": "before shutdown"}"#,
            ),
        ),
    ];
    for (status, body) in &answered {
        assert_eq!(*status, 200, "{body}");
    }
    // A request whose head is complete and whose body never will be, one whose head stops
    // half-way, and one that a provider takes a minute to answer.
    let mut half_body = TcpStream::connect(&address).unwrap();
    half_body
        .write_all(b"POST /v1/git.issues.create HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"repo\"")
        .unwrap();
    let mut half_head = TcpStream::connect(&address).unwrap();
    half_head.write_all(b"GET /v1/git.repos.get?re").unwrap();
    let mut slow = TcpStream::connect(&address).unwrap();
    slow.write_all(get("/v1/kb.spaces.list").as_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    terminate(&child);
    let status = exit_of(&mut child);
    assert!(status.success(), "{status}");
    let operations = audited(&dir);
    for operation in ["git.repos.get", "pm.issues.get", "git.issues.create"] {
        assert!(
            operations.iter().any(|audited| audited == operation),
            "{operation} is missing from the audit log: {operations:?}"
        );
    }
}
