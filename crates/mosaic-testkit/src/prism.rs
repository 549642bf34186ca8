//! Stoplight Prism serving a provider's own API description (`specs/<provider>/prism.json`),
//! for contract tests: every request an adapter sends must pass the provider's validation
//! (Prism answers a request that breaks the description with 422 or the declared error), and
//! every documented answer must parse into the unified model.
//!
//! One Prism process per provider per test binary, started on first use and shared by the
//! binary's tests (start-up takes seconds). Prism keeps no state: use the stateful fakes for
//! flows. It picks a documented answer by the request's `Prefer: code=404` header, which
//! adapters do not send, so error answers are tested against the fakes.
//!
//! Prism is installed by `scripts/test-deps` into `tests/contract/node_modules`. Without it the
//! contract tests say loudly that they did not run; under CI (`CI` set) that is a failure.

use std::collections::HashMap;
use std::io::Write as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long Prism may take to start (GitHub's description is the largest).
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// A running Prism mock server.
#[derive(Clone, Debug)]
pub struct PrismMock {
    address: SocketAddr,
}

impl PrismMock {
    /// The server's root, `http://127.0.0.1:PORT` (a provider's path prefix is added by the
    /// test where the description's paths carry none).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The shared Prism of `provider` (`github`, `gitea`, ...), started on first use; `None`
    /// (after a loud message) when Prism is not installed outside CI.
    pub fn shared(provider: &str) -> Option<PrismMock> {
        static RUNNING: OnceLock<Mutex<HashMap<String, PrismMock>>> = OnceLock::new();
        let running = RUNNING.get_or_init(Default::default);
        let mut running = running.lock().unwrap_or_else(|poison| poison.into_inner());
        if let Some(mock) = running.get(provider) {
            return Some(mock.clone());
        }
        let mock = start(provider)?;
        running.insert(provider.to_owned(), mock.clone());
        Some(mock)
    }
}

/// The repository root, from this crate's manifest directory.
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn start(provider: &str) -> Option<PrismMock> {
    let root = repository();
    let prism = root.join("tests/contract/node_modules/.bin/prism");
    let spec = root.join("specs").join(provider).join("prism.json");
    assert!(spec.is_file(), "no API description at {}", spec.display());
    if !prism.is_file() {
        let help = "run `scripts/test-deps` to install Prism into tests/contract";
        if std::env::var_os("CI").is_some() {
            panic!(
                "Prism is required under CI but {} is missing: {help}",
                prism.display()
            );
        }
        // Straight to the process's stderr: the harness would hide `eprintln!` of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! contract tests against {provider}'s API description did NOT run: {} is missing; {help} !!!\n",
            prism.display()
        );
        return None;
    }
    let port = free_port();
    let log = std::env::temp_dir().join(format!("mosaic-prism-{provider}-{port}.log"));
    // Prism must not outlive the test binary: a shell watches this process and stops Prism
    // when it is gone, however the tests end.
    let script = r#"
        "$0" mock -h 127.0.0.1 -p "$1" "$2" >"$3" 2>&1 &
        prism=$!
        while kill -0 "$4" 2>/dev/null && kill -0 "$prism" 2>/dev/null; do sleep 1; done
        kill "$prism" 2>/dev/null
    "#;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(&prism)
        .arg(port.to_string())
        .arg(&spec)
        .arg(&log)
        .arg(std::process::id().to_string())
        .stdin(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start Prism for {provider}: {error}"));
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    loop {
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return Some(PrismMock { address });
        }
        if let Ok(Some(status)) = child.try_wait() {
            let output = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("Prism for {provider} exited ({status}) before serving:\n{output}");
        }
        if started.elapsed() > START_TIMEOUT {
            let _ = child.kill();
            let output = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("Prism for {provider} did not serve within {START_TIMEOUT:?}:\n{output}");
        }
        std::thread::sleep(Duration::from_millis(100));
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
