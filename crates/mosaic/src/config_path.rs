//! Where a command finds the configuration file when `--config` is not given. One rule for
//! every command that reads it (`serve`, `stdio`, `route explain`, `audit`): the `--config`
//! argument, else the `MOSAIC_CONFIG` environment variable, else `mosaic.yaml` in the
//! current directory.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable naming the configuration file.
pub const ENV: &str = "MOSAIC_CONFIG";

/// The file used when neither `--config` nor `MOSAIC_CONFIG` names one.
pub const DEFAULT_FILE: &str = "mosaic.yaml";

/// The configuration file to read, from the process environment and working directory.
pub fn resolve(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    resolve_in(given, std::env::var_os(ENV), Path::new("."))
}

/// [`resolve`] with the environment variable's value and the directory given.
fn resolve_in(
    given: Option<PathBuf>,
    from_env: Option<OsString>,
    dir: &Path,
) -> anyhow::Result<PathBuf> {
    if let Some(path) = given {
        return Ok(path);
    }
    // An empty variable is how a shell unsets it for one command; it names nothing.
    if let Some(path) = from_env.filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let default = dir.join(DEFAULT_FILE);
    if default.is_file() {
        return Ok(default);
    }
    anyhow::bail!(
        "no configuration file: give --config FILE, set {ENV}, or create {DEFAULT_FILE} in the current directory"
    )
}

#[cfg(test)]
#[path = "config_path_tests.rs"]
mod tests;
