//! What both federation test binaries share (`federation` against the federation itself,
//! `through_mosaic` through the whole gateway): the fixture upstream, started over HTTP when a
//! test needs it there, waiting for what runs on its own to catch up, and reading a tool's
//! answer.

use rmcp::model::CallToolResult;
use std::time::Duration;
use tokio::io::AsyncBufReadExt;

/// The fixture server binary.
pub const FIXTURE: &str = env!("CARGO_BIN_EXE_mosaic-fixture-upstream");

/// Waits until `condition` holds, checking every 20 ms, for at most 30 s of real time: the
/// processes and sockets involved run on their own.
pub async fn eventually(mut condition: impl FnMut() -> bool) {
    for _ in 0..1500 {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the condition did not hold within 30 s");
}

/// The text of a tool result's first content block.
pub fn text_of(result: &CallToolResult) -> String {
    result.content[0]
        .as_text()
        .map(|text| text.text.clone())
        .unwrap_or_default()
}

/// Starts the fixture over HTTP on a free loopback port: its address, and the process
/// (killed when dropped).
pub async fn http_fixture() -> (String, tokio::process::Child) {
    let mut child = tokio::process::Command::new(FIXTURE)
        .args(["http", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    let address = first.strip_prefix("listening on ").unwrap().to_owned();
    (address, child)
}
