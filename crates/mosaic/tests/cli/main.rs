//! The `mosaic` command as a user runs it: the built binary, its output and exit code.

mod closed_pipe;
mod config_check;
mod config_path;
mod plugins;
mod route_explain;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The built binary, with no configuration from the environment of the test run.
fn mosaic() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mosaic"));
    command.env_remove("MOSAIC_CONFIG");
    command
}

/// A file of the repository, by its path from the workspace root.
fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "mosaic-cli-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    /// Writes `text` to `name` in the directory; its path.
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A configuration that serves calls from one simulated forge, with its audit log in
/// `dir/audit.db`.
fn serving_config(dir: &TempDir) -> String {
    format!(
        r#"
store: {{ url: "sqlite://{}/audit.db" }}
auth: {{ anonymous: {{ tenant: default, principal: cli-test }} }}
policies: [{{ name: all, effect: allow }}]
providers: [{{ name: forge, plugin: sim, settings: {{ kinds: [git] }} }}]
routes: [{{ name: all, targets: [{{ instance: forge }}] }}]
"#,
        dir.0.display()
    )
}
