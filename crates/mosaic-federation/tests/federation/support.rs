//! Specs of fixture upstreams and the processes a test started; waiting for the federation
//! to catch up is in `common/fixture.rs`.

use crate::fixture::FIXTURE;
use mosaic_config::{PrefixMode, UpstreamSpec, UpstreamTransport};
use std::collections::BTreeMap;
use std::time::Duration;

/// The environment variable that marks a test's fixture processes.
const MARK: &str = "MOSAIC_FIXTURE_MARK";

/// A stdio fixture marked `mark`, so that [`fixture_processes`] finds its processes.
pub fn stdio(mark: &str) -> UpstreamTransport {
    let mut env = BTreeMap::new();
    env.insert(MARK.to_owned(), mark.into());
    UpstreamTransport::Stdio {
        command: FIXTURE.into(),
        args: vec!["stdio".into()],
        env,
    }
}

/// An upstream `name` reached by `transport`, whose `echo` and `add` only read.
pub fn spec(name: &str, transport: UpstreamTransport, prefix: PrefixMode) -> UpstreamSpec {
    UpstreamSpec {
        name: name.into(),
        transport,
        prefix,
        read_only: vec!["echo".into(), "add".into()],
        cacheable: vec![],
        cache_ttl: Duration::from_secs(60),
        refresh: Duration::from_secs(300),
        timeout: None,
    }
}

/// The live processes (zombies excluded) whose environment holds `mark`.
pub fn fixture_processes(mark: &str) -> Vec<u32> {
    let wanted = format!("{MARK}={mark}");
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(environ) = std::fs::read(format!("/proc/{pid}/environ")) else {
            continue;
        };
        let marked = environ
            .split(|&b| b == 0)
            .any(|var| var == wanted.as_bytes());
        let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                stat.rsplit_once(") ")
                    .map(|(_, rest)| rest.starts_with('Z'))
            })
            .unwrap_or(true);
        if marked && !zombie {
            found.push(pid);
        }
    }
    found
}

/// Sends SIGKILL to `pid`.
pub fn kill_9(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}
