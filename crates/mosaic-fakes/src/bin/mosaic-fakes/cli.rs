//! The command line, as clap parses it.

use clap::{Parser, Subcommand};
use mosaic_fakes::all_fakes::DEFAULT_LISTEN;
use std::net::SocketAddr;

/// The providers' stateful fakes (GitHub, Gitea, GitLab, Jira, Linear, Plane) with their seeded
/// data, to point the real adapters at.
#[derive(Debug, Parser)]
#[command(name = "mosaic-fakes", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve every fake on one port, each below /<plugin> (/github, /gitea, ...); print their
    /// base URLs and tokens as shell `export` lines, then serve until Ctrl-C or SIGTERM.
    Serve {
        /// Where to listen (port 0 picks a free one; the printed URLs name it).
        #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
        listen: SocketAddr,
    },
}
