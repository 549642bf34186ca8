//! The `mosaic-fakes` command: a thin shell over the `mosaic-fakes` library, one file per
//! command.

mod cli;
mod serve;

use clap::Parser;
use std::io::Write as _;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let result = match cli::Cli::parse().command {
        cli::Command::Serve { listen } => serve::run(listen).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Nowhere left to report a failure to write this.
            let _ = writeln!(std::io::stderr(), "error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
