//! Logging setup: human-readable lines on standard error, filtered by `RUST_LOG`
//! (default `info`). Standard output stays free for command output and MCP over stdio.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
