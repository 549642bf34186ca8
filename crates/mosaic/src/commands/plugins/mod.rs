//! `mosaic plugins`: declarative manifest plugins — the JSON Schema of their file
//! (`schema.rs`) and checking manifest files before they are loaded (`check.rs`) — and, on a
//! running gateway, the installed plugins with their versions, the state of every split's
//! canary, and an operator's promotion or rollback of one.
//!
//! `list`, `status`, `promote` and `rollback` ask the running gateway over its REST API (`client.rs`) rather than read the
//! configuration: a canary's state — rolled back on its own, promoted by an operator — lives
//! in the serving process, and so does the plugin set a plugins folder may have changed since
//! the file was read. Going through `/v1/plugins` keeps one way in for every client: the
//! gateway's API keys authenticate the command, policy decides it (`mosaic.plugins.status`,
//! and `mosaic.plugins.manage` on the canary's instance), and the audit log records who
//! promoted or rolled back what, exactly as for a call from any other program.

mod check;
mod client;
mod render;
mod schema;

use clap::{Args, Subcommand};
use client::Client;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// `mosaic plugins ...`.
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
    /// The installed plugins, each version with its running instances.
    List(Remote),
    /// Every split's canary: where it stands, the last decision, its calls against the
    /// baseline's over the rollback window.
    Status(Remote),
    /// The canary takes all the traffic of its split (until the next decision).
    Promote(Decision),
    /// The canary gets none of its split's traffic (until promoted).
    Rollback(Decision),
}

/// How to reach the running gateway.
#[derive(Debug, Args)]
pub struct Remote {
    /// The gateway's base URL.
    #[arg(long, env = "MOSAIC_URL", default_value = "http://127.0.0.1:8080")]
    pub url: String,
    /// An API key from the gateway's `auth.api_keys`; without one the call is anonymous.
    #[arg(long, env = "MOSAIC_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// Print the gateway's JSON answer instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A decision about one canary.
#[derive(Debug, Args)]
pub struct Decision {
    /// The canary's provider instance.
    pub instance: String,
    #[command(flatten)]
    pub remote: Remote,
}

/// Runs one `mosaic plugins` command.
pub async fn run(command: PluginsCommand) -> anyhow::Result<ExitCode> {
    match command {
        PluginsCommand::Schema => return schema::run(),
        PluginsCommand::Check { files } => return check::run(&files),
        _ => {}
    }
    let mut out = io::stdout().lock();
    run_to(command, &mut out).await?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs one command, writing what it prints to `out`.
pub(crate) async fn run_to(command: PluginsCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        PluginsCommand::List(remote) => {
            let report = Client::new(&remote)?.status().await?;
            if remote.json {
                writeln!(out, "{}", serde_json::to_string_pretty(&report["plugins"])?)?;
            } else {
                out.write_all(render::plugins(&report).as_bytes())?;
            }
        }
        PluginsCommand::Status(remote) => {
            let report = Client::new(&remote)?.status().await?;
            if remote.json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&report["canaries"])?
                )?;
            } else {
                out.write_all(render::canaries(&report).as_bytes())?;
            }
        }
        PluginsCommand::Promote(decision) => decide(decision, "promote", out).await?,
        PluginsCommand::Rollback(decision) => decide(decision, "rollback", out).await?,
        // Answered by `run` without the gateway.
        PluginsCommand::Schema | PluginsCommand::Check { .. } => {}
    }
    Ok(())
}

async fn decide(decision: Decision, action: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let answer = Client::new(&decision.remote)?
        .decide(&decision.instance, action)
        .await?;
    if decision.remote.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&answer["canary"])?)?;
    } else {
        out.write_all(render::canary(&answer["canary"]).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
