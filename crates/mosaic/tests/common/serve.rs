//! A real `mosaic serve` for tests: started on a free loopback port with a configuration and
//! environment of the test's, its address read from the line it prints, its standard error
//! collected for failure messages and log checks, stopped with SIGKILL or SIGTERM when a
//! test says so and killed when dropped.

use std::io::{BufRead as _, BufReader, Read as _};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// A running `mosaic serve`.
pub struct Served {
    /// Behind a lock so that a test can stop it while other threads still call it.
    child: Mutex<Child>,
    /// Where it listens.
    pub address: SocketAddr,
    stderr: Arc<Mutex<String>>,
    /// What collects standard error; joined once the process is gone, so that the log holds
    /// everything it wrote.
    collector: Mutex<Option<JoinHandle<()>>>,
}

impl Served {
    /// Starts `mosaic serve --config CONFIG` with `env` added to its environment (without
    /// `MOSAIC_CONFIG`, `RUST_LOG` or `NO_COLOR` of the test's own, unless `env` sets them).
    pub fn start(config: &Path, env: Vec<(String, String)>) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mosaic"))
            .args(["serve", "--listen", "127.0.0.1:0", "--config"])
            .arg(config)
            .env_remove("MOSAIC_CONFIG")
            .env_remove("RUST_LOG")
            .env_remove("NO_COLOR")
            .envs(env)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start mosaic serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("piped stderr");
        let collected = Arc::clone(&stderr);
        // Collected as it comes, so a test can read the log while the server runs.
        let collector = std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(read) = pipe.read(&mut chunk) {
                if read == 0 {
                    break;
                }
                collected
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&chunk[..read]));
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut line = String::new();
        let address = loop {
            line.clear();
            if stdout.read_line(&mut line).expect("read mosaic's stdout") == 0 {
                let _ = child.wait();
                panic!(
                    "mosaic serve exited before listening:\n{}",
                    stderr.lock().unwrap()
                );
            }
            if let Some(address) = line.trim().strip_prefix("listening on http://") {
                break address.parse().expect("a socket address");
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in stdout.lines() {});
        Served {
            child: Mutex::new(child),
            address,
            stderr,
            collector: Mutex::new(Some(collector)),
        }
    }

    /// Its standard error so far.
    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// SIGKILL: no shutdown, no flush.
    #[allow(
        dead_code,
        reason = "not every test binary that serves stops the server itself"
    )]
    pub fn kill_9(&self) {
        let mut child = self.child.lock().unwrap();
        child.kill().expect("kill mosaic serve");
        let _ = child.wait();
    }

    /// SIGTERM, as `kill` sends it; returns once the process has exited and everything it
    /// wrote to standard error is in [`log`](Self::log).
    #[allow(
        dead_code,
        reason = "not every test binary that serves stops the server itself"
    )]
    pub fn terminate(&self) {
        let mut child = self.child.lock().unwrap();
        let pid = child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(
            sent.is_ok_and(|status| status.success()),
            "kill -TERM {pid}"
        );
        let _ = child.wait();
        if let Some(collector) = self.collector.lock().unwrap().take() {
            let _ = collector.join();
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}
