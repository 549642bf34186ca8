//! Stoplight Prism serving a provider's own API description (`providers/<provider>/api/prism.json`),
//! for contract tests: every request an adapter sends must pass the provider's validation
//! (Prism answers a request that breaks the description with 422 or the declared error, and
//! one without the declared credentials with 401), and every documented answer must parse
//! into the unified model. Prism keeps no state: use the stateful fakes for flows.
//!
//! [`PrismMock::shared`] is the usual entry: one Prism per provider per test binary, started on
//! first use and shared by the binary's tests, since start-up takes seconds.
//! [`PrismMock::start`] gives a test a Prism of its own, stopped when it is dropped.
//!
//! Prism answers a documented response of its choice (the first success, with its example);
//! the request header `Prefer: code=404` (or `Prefer: example=NAME`) picks another. Adapters
//! do not send it, so a contract test that wants a provider's documented error answers builds
//! its instance with that header among the client's default headers (`ClientSettings::headers`
//! of mosaic-providers' HTTP layer, e.g. `("prefer", "code=404")`).
//!
//! Prism is installed by `scripts/test-deps` into `tests/contract/node_modules`. Without it the
//! contract tests say loudly that they did not run; under CI (`CI` set) that is a failure.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long Prism may take to start (GitHub's description is the largest; the machine may be
/// busy compiling).
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// How often to retry when the free port was taken by someone else before Prism bound it.
const PORT_ATTEMPTS: usize = 3;

/// Runs Prism (`$0`) on port `$1` for description `$2`, logging to `$3`, for as long as this
/// shell's stdin stays open.
///
/// Prism must not outlive the test binary, however the binary ends (a panic, `cargo test`
/// stopped with Ctrl-C, a SIGKILL), and a shared Prism lives in a static that is never dropped.
/// So the test process holds the only write end of the shell's stdin pipe and never writes to
/// it: the kernel closes it when the process exits for any reason, or when an owned mock is
/// dropped, and a watcher then stops Prism. (Asynchronous lists get `/dev/null` as stdin, hence
/// the copy on fd 3.) The shell itself waits for Prism, so its exit status is Prism's and an
/// early exit is seen at once. Prism runs single-process (`--multiprocess=false`, also its
/// default outside `NODE_ENV=production`), so stopping it leaves no forked server behind.
const SUPERVISOR: &str = r#"
exec 3<&0
"$0" mock --multiprocess=false -h 127.0.0.1 -p "$1" "$2" </dev/null >"$3" 2>&1 3<&- &
prism=$!
{ read -r _ <&3; kill "$prism" 2>/dev/null; rm -f "$3"; } &
exec 3<&-
wait "$prism"
"#;

/// A running Prism mock server.
#[derive(Debug)]
pub struct PrismMock {
    address: SocketAddr,
    log: PathBuf,
    supervisor: Child,
}

impl PrismMock {
    /// The shared Prism of `provider` (`github`, `gitea`, `gitlab`, ...), started on first use
    /// and running until the test binary ends; `None` (after a loud message) when Prism is not
    /// installed outside CI.
    ///
    /// It blocks the calling thread while Prism starts, which is harmless in a test (each
    /// `#[tokio::test]` has a runtime of its own) and keeps the process independent of any
    /// runtime: a child tied to the first test's runtime would die with that test.
    pub fn shared(provider: &str) -> Option<&'static PrismMock> {
        type Cell = OnceLock<Option<PrismMock>>;
        static CELLS: OnceLock<Mutex<HashMap<String, &'static Cell>>> = OnceLock::new();
        let cell: &'static Cell = {
            let mut cells = CELLS
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(|poison| poison.into_inner());
            cells
                .entry(provider.to_owned())
                .or_insert_with(|| Box::leak(Box::default()))
        };
        // Only callers for the same provider wait here while it starts.
        cell.get_or_init(|| launch_or_skip(provider)).as_ref()
    }

    /// A Prism of the caller's own for `provider`, stopped when the returned value is dropped;
    /// `None` (after a loud message) when Prism is not installed outside CI.
    pub async fn start(provider: &str) -> Option<PrismMock> {
        let provider = provider.to_owned();
        // Waiting for Prism polls with real sleeps: off the runtime, so that a test on a paused
        // clock neither blocks nor races through the start-up timeout.
        match tokio::task::spawn_blocking(move || launch_or_skip(&provider)).await {
            Ok(mock) => mock,
            Err(error) => std::panic::resume_unwind(error.into_panic()),
        }
    }

    /// The server's root, `http://127.0.0.1:PORT`. Prism serves a description's paths without
    /// its base path (Gitea's `/api/v1` is served at `/`); GitLab's description writes
    /// `/api/v4` into every path, so that prefix stays.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// What Prism has logged so far (why it did not start, when it did not).
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for PrismMock {
    /// Closing the supervisor's stdin makes it stop Prism; waiting for the supervisor means
    /// Prism is gone (its port closed) when the drop returns.
    fn drop(&mut self) {
        drop(self.supervisor.stdin.take());
        let _ = self.supervisor.wait();
    }
}

/// Where Prism and the descriptions live: the repository root, from this crate's manifest.
fn repository() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .expect("the crate lives in crates/<name>")
        .to_path_buf()
}

/// Prism for `provider` from this repository, or `None` when it is not installed (a failure
/// under CI).
fn launch_or_skip(provider: &str) -> Option<PrismMock> {
    let root = repository();
    // Straight to the process's stderr: the harness would hide `eprintln!` of a passing test.
    let under_ci = std::env::var_os("CI").is_some();
    let prism = installed_prism(&root, provider, under_ci, &mut std::io::stderr())?;
    let spec = root.join("providers").join(provider).join("api/prism.json");
    assert!(
        spec.is_file(),
        "no API description for `{provider}` at {}",
        spec.display()
    );
    Some(launch(&prism, &spec).unwrap_or_else(|error| panic!("Prism for {provider}: {error}")))
}

/// The Prism executable below `root`. When it is missing: a panic when `under_ci`, otherwise a
/// loud line on `stderr` and `None`.
fn installed_prism(
    root: &Path,
    provider: &str,
    under_ci: bool,
    stderr: &mut dyn std::io::Write,
) -> Option<PathBuf> {
    let prism = root.join("tests/contract/node_modules/.bin/prism");
    if prism.is_file() {
        return Some(prism);
    }
    let help = "run `scripts/test-deps` to install Prism into tests/contract";
    if under_ci {
        panic!(
            "Prism is required under CI but {} is missing: {help}",
            prism.display()
        );
    }
    let _ = writeln!(
        stderr,
        "\n!!! contract tests against {provider}'s API description did NOT run: {} is missing; {help} !!!\n",
        prism.display()
    );
    None
}

/// Starts `prism` serving `spec` on a free loopback port and waits until it accepts
/// connections. The error carries Prism's own output when it stopped or never served.
fn launch(prism: &Path, spec: &Path) -> Result<PrismMock, String> {
    let mut attempt = 1;
    loop {
        match launch_on(prism, spec, free_port()) {
            Err(error) if error.contains("EADDRINUSE") && attempt < PORT_ATTEMPTS => attempt += 1,
            result => return result,
        }
    }
}

fn launch_on(prism: &Path, spec: &Path, port: u16) -> Result<PrismMock, String> {
    let log = std::env::temp_dir().join(format!("mosaic-prism-{}-{port}.log", std::process::id()));
    let supervisor = Command::new("sh")
        .arg("-c")
        .arg(SUPERVISOR)
        .arg(prism)
        .arg(port.to_string())
        .arg(spec)
        .arg(&log)
        .stdin(Stdio::piped())
        // Prism's output goes to the log; the shell's own (`Terminated` when Prism is stopped)
        // is noise.
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start `sh` to run {}: {error}", prism.display()))?;
    let mut mock = PrismMock {
        address: SocketAddr::from(([127, 0, 0, 1], port)),
        log,
        supervisor,
    };
    let started = Instant::now();
    loop {
        if TcpStream::connect_timeout(&mock.address, Duration::from_millis(200)).is_ok() {
            return Ok(mock);
        }
        // Read the log before the drop, which removes it.
        if let Ok(Some(status)) = mock.supervisor.try_wait() {
            return Err(format!("exited ({status}) before serving:\n{}", mock.log()));
        }
        if started.elapsed() > START_TIMEOUT {
            return Err(format!(
                "did not serve within {START_TIMEOUT:?}:\n{}",
                mock.log()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener
        .local_addr()
        .expect("a bound listener has an address")
        .port()
}

#[cfg(test)]
#[path = "prism_tests.rs"]
mod tests;
