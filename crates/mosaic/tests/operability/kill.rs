//! kill -9 in the middle of a load of writes: every write that got an answer is in the audit
//! log afterwards, and `mosaic audit verify` still finds the log intact.
//!
//! Each writer thread is its own principal (its own API key) and sends one call at a time, so
//! its records are in the log in the order of its calls: "every answered write is there" is
//! "each principal has at least as many write records as it got answers" (one more when a
//! write was committed but its answer was cut off by the kill).

use crate::serve::Served;
use crate::support::{TempDir, config_file, mosaic};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

const WRITERS: usize = 6;
/// Answered writes before the kill: mid-way through a load that would go on far longer.
const KILL_AFTER: usize = 240;

fn key_of(writer: usize) -> String {
    format!("writer-key-{writer}-0123456789abcdef")
}

fn config(dir: &std::path::Path) -> String {
    let keys: String = (0..WRITERS)
        .map(|writer| {
            let digest = Sha256::digest(key_of(writer).as_bytes());
            let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
            format!(
                "    - {{ name: w{writer}, key_sha256: {hex}, tenant: acme, principal: writer-{writer} }}\n"
            )
        })
        .collect();
    format!(
        r#"
store: {{ url: "sqlite://{db}" }}
auth:
  api_keys:
{keys}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: forge, plugin: sim, settings: {{ kinds: [git], dataset: kill-9 }} }}
routes:
  - {{ name: git, kinds: [git], targets: [{{ instance: forge }}] }}
"#,
        db = dir.join("state/mosaic.db").display()
    )
}

#[test]
fn every_answered_write_is_in_the_audit_log_after_kill_9() {
    let dir = TempDir::new("mosaic-kill-9");
    let server = Arc::new(Served::start(
        &config_file(dir.path(), &config(dir.path())),
        Vec::new(),
    ));
    let answered: Arc<Vec<AtomicUsize>> =
        Arc::new((0..WRITERS).map(|_| AtomicUsize::new(0)).collect());
    let total = Arc::new(AtomicUsize::new(0));
    let killed = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let (server, answered, total, killed) = (
                Arc::clone(&server),
                Arc::clone(&answered),
                Arc::clone(&total),
                Arc::clone(&killed),
            );
            std::thread::spawn(move || {
                let bearer = format!("Bearer {}", key_of(writer));
                let headers = [("Authorization", bearer.as_str())];
                for n in 0.. {
                    if killed.load(Ordering::Relaxed) {
                        return;
                    }
                    // Successful updates, creates, a write the provider refuses (no such
                    // issue), and a read now and then, which is not waited for.
                    let (method, path, body) = match n % 4 {
                        0 | 1 => (
                            "POST",
                            "/v1/git.issues.update",
                            format!(r#"{{"repo":"acme/api","number":1,"title":"w{writer}-{n}"}}"#),
                        ),
                        2 => (
                            "POST",
                            "/v1/git.issues.comment",
                            format!(
                                r#"{{"repo":"acme/api","number":999999,"body":"w{writer}-{n}"}}"#
                            ),
                        ),
                        _ => (
                            "GET",
                            "/v1/git.issues.get?repo=acme/api&number=1",
                            String::new(),
                        ),
                    };
                    match server.request(method, path, &headers, &body) {
                        Ok((status, answer)) if method == "POST" => {
                            assert!(matches!(status, 200 | 404), "{path}: {status} {answer}");
                            answered[writer].fetch_add(1, Ordering::SeqCst);
                            total.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(_) => {}
                        // The server is gone: the answer never came.
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();

    while total.load(Ordering::SeqCst) < KILL_AFTER {
        // Polling the count, not timing anything: the kill comes after KILL_AFTER answers.
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    killed.store(true, Ordering::Relaxed);
    server.kill_9();
    for writer in writers {
        writer.join().expect("a writer thread");
    }

    let store = format!("sqlite://{}", dir.path().join("state/mosaic.db").display());
    let (ok, out, err) = mosaic(&["audit", "verify", "--store", &store]);
    assert!(ok, "verify after kill -9 failed:\n{out}{err}");
    assert!(out.contains("intact"), "{out}");

    let (ok, out, err) = mosaic(&[
        "audit", "tail", "--store", &store, "--json", "-n", "1000000",
    ]);
    assert!(ok, "{err}");
    let mut recorded = vec![0usize; WRITERS];
    for line in out.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
        let operation = record["operation"].as_str().unwrap_or_default();
        if operation == "git.issues.get" {
            continue;
        }
        let principal = record["principal"].as_str().unwrap_or_default();
        let writer: usize = principal
            .strip_prefix("writer-")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("unexpected principal {principal}"));
        recorded[writer] += 1;
    }
    let answered: Vec<usize> = answered.iter().map(|n| n.load(Ordering::SeqCst)).collect();
    for writer in 0..WRITERS {
        assert!(
            recorded[writer] >= answered[writer],
            "writer-{writer}: {} writes answered, {} recorded (answered {answered:?}, recorded {recorded:?})",
            answered[writer],
            recorded[writer]
        );
    }
}
