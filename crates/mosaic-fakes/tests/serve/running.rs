//! A running `mosaic-fakes serve`: the real binary on a free loopback port, its exports
//! evaluated by `sh`, and SIGTERM.

use reqwest::StatusCode;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead as _, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// The variables a shell evaluating the output must end up with.
/// The variables `mosaic-fakes serve` prints: `MOSAIC_{NAME}_URL` and `_TOKEN` for every fake
/// it mounts (`gitea-mirror` as `GITEA_MIRROR`), and `_EMAIL` for those whose credentials
/// carry one.
fn variables() -> Vec<String> {
    let mut names = Vec::new();
    for mount in mosaic_fakes::mounts() {
        let name = mount.name.to_ascii_uppercase().replace('-', "_");
        names.push(format!("MOSAIC_{name}_URL"));
        names.push(format!("MOSAIC_{name}_TOKEN"));
        if mount.email.is_some() {
            names.push(format!("MOSAIC_{name}_EMAIL"));
        }
        names.extend(
            mount
                .more
                .iter()
                .map(|(what, _)| format!("MOSAIC_{name}_{what}")),
        );
    }
    for expected in [
        "MOSAIC_GITHUB_URL",
        "MOSAIC_GITEA_MIRROR_TOKEN",
        "MOSAIC_JIRA_EMAIL",
    ] {
        assert!(names.iter().any(|name| name == expected), "{names:?}");
    }
    names
}

/// A running `mosaic-fakes serve` and what its output set in a shell.
pub struct Fakes {
    child: Child,
    env: HashMap<String, String>,
    /// Kept open: a server whose standard output is closed could fail to write to it.
    _stdout: BufReader<ChildStdout>,
}

impl Fakes {
    /// Starts the binary on a free loopback port and evaluates its exports with `sh`.
    pub fn start() -> Fakes {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mosaic-fakes"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start mosaic-fakes serve");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut printed = String::new();
        let variables = variables();
        for _ in &variables {
            let read = stdout.read_line(&mut printed).expect("read the exports");
            assert!(read > 0, "mosaic-fakes exited after printing:\n{printed}");
        }
        let evaluated = Command::new("sh")
            .arg("-c")
            .arg(format!("{printed}\nenv"))
            .env_clear()
            .output()
            .expect("run sh");
        assert!(
            evaluated.status.success(),
            "sh could not evaluate:\n{printed}"
        );
        let env: HashMap<String, String> = String::from_utf8_lossy(&evaluated.stdout)
            .lines()
            .filter_map(|line| line.split_once('='))
            .filter(|(name, _)| name.starts_with("MOSAIC_"))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
        let mut names: Vec<&str> = env.keys().map(String::as_str).collect();
        names.sort_unstable();
        let mut expected: Vec<&str> = variables.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(names, expected, "printed:\n{printed}");
        Fakes {
            child,
            env,
            _stdout: stdout,
        }
    }

    pub fn var(&self, name: &str) -> &str {
        &self.env[name]
    }

    /// SIGTERM; the exit status, waiting at most 10 seconds for it.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(
            sent.is_ok_and(|status| status.success()),
            "kill -TERM {pid}"
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for mosaic-fakes") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "mosaic-fakes did not exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Fakes {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET with one credentials header; the status and the JSON body.
pub async fn get(
    url: &str,
    header: &str,
    value: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let response = reqwest::Client::new()
        .get(url)
        .header(header, value)
        .send()
        .await
        .unwrap_or_else(|error| panic!("GET {url}: {error}"));
    let status = response.status();
    let headers = response.headers().clone();
    (
        status,
        headers,
        response.json().await.unwrap_or(Value::Null),
    )
}
