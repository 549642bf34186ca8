//! `mosaic plugins …`: declarative manifest plugins — the JSON Schema of their file
//! (`schema.rs`) and checking manifest files before they are loaded (`check.rs`).

mod check;
mod schema;

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

/// What `mosaic plugins` does.
#[derive(Debug, Subcommand)]
pub enum PluginsCommand {
    /// Print the JSON Schema of a provider manifest file, for editors.
    Schema,
    /// Validate manifest files as they would be before taking traffic (templates compile,
    /// expressions parse, every example maps to a valid output): lists every error with its
    /// path; exits non-zero when any file has one.
    Check {
        /// The manifest files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Runs one `plugins` command.
pub fn run(command: PluginsCommand) -> anyhow::Result<ExitCode> {
    match command {
        PluginsCommand::Schema => schema::run(),
        PluginsCommand::Check { files } => check::run(&files),
    }
}
