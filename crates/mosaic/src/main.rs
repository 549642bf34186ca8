//! The `mosaic` command: a thin shell over the library crates, one file per command.

mod cli;
mod commands;
mod config_path;
mod http;
mod logging;
mod plugin_host;

use clap::Parser;

fn main() -> std::process::ExitCode {
    commands::run(cli::Cli::parse())
}
