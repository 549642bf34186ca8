//! Bad input to `mosaic-fakes serve`: refused with a message that names it, never a panic.

use std::io::Read as _;
use std::process::{Command, Stdio};

/// Runs `mosaic-fakes` with `args` to its end; its status and standard error.
fn refused(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mosaic-fakes"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start mosaic-fakes");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code(), stderr)
}

#[test]
fn a_listen_address_that_does_not_parse_is_refused_naming_it() {
    let (code, stderr) = refused(&["serve", "--listen", "localhost-8090"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("invalid value 'localhost-8090' for '--listen <ADDR>'"),
        "{stderr}"
    );
}

#[test]
fn a_port_in_use_is_refused_naming_the_address() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let (code, stderr) = refused(&["serve", "--listen", &address]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with(&format!("error: cannot listen on {address}: ")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
