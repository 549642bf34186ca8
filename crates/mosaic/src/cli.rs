//! The command line, as clap parses it.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// MosAIc: one gateway in front of your Git forges, CI, knowledge bases and trackers, for AI
/// agents (MCP) and programs (REST).
#[derive(Debug, Parser)]
#[command(name = "mosaic", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the gateway: MCP at /mcp, REST at /v1, health and metrics.
    Serve {
        /// The configuration file; it is watched and hot-reloaded. Default: $MOSAIC_CONFIG,
        /// else mosaic.yaml in the current directory.
        #[arg(long, short)]
        config: Option<PathBuf>,
        /// Listen here instead of the configuration's `server.listen`.
        #[arg(long)]
        listen: Option<SocketAddr>,
    },
    /// Serve MCP over standard input and output (for Claude Desktop and other local clients).
    Stdio {
        /// The configuration file. Default: $MOSAIC_CONFIG, else mosaic.yaml in the current
        /// directory.
        #[arg(long, short)]
        config: Option<PathBuf>,
    },
    /// Run the gateway with simulated providers for all four kinds and example routes.
    Demo {
        /// Where to listen.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Where the demo keeps its SQLite file.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Check a configuration file or print its JSON Schema.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Explain routing decisions.
    #[command(subcommand)]
    Route(RouteCommand),
    /// Read the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Inspect provider plugins.
    #[command(subcommand)]
    Providers(ProvidersCommand),
    /// Plugins: the manifest format and checking manifest files, and, on a running gateway,
    /// the installed versions and their canaries.
    #[command(subcommand)]
    Plugins(crate::commands::plugins::PluginsCommand),
    /// What CI runs cost: minutes and cost per instance, tenant and month, from the usage
    /// ledger.
    Costs(CostsArgs),
    /// Simulate workloads against a configuration.
    #[command(subcommand)]
    Simulate(SimulateCommand),
}

#[derive(Debug, Args)]
pub struct CostsArgs {
    /// The configuration file (its `store.url` is read, and its instances' fixed monthly
    /// costs shown). Default: $MOSAIC_CONFIG, else mosaic.yaml in the current directory.
    #[arg(long, short, conflicts_with = "store")]
    pub config: Option<PathBuf>,
    /// A store URL instead of a configuration file.
    #[arg(long)]
    pub store: Option<String>,
    /// Only this tenant.
    #[arg(long)]
    pub tenant: Option<String>,
    /// Only this month, `YYYY-MM`.
    #[arg(long)]
    pub month: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SimulateCommand {
    /// Replay a month of CI builds under least_cost, all to hosted, all to self-hosted and
    /// round robin, and compare cost, queue waits and deadline misses.
    CiCosts {
        /// The configuration: its CI instances' `cost` models and its `least_cost` route.
        #[arg(long, short)]
        config: PathBuf,
        /// The workload file: repositories, pipelines, daily counts, durations, deadlines.
        #[arg(long, short)]
        workload: PathBuf,
        /// The seed the month's builds are drawn with.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate configuration files: lists every error with its path, and warns about a
    /// configuration that would serve no call; exits non-zero when any file has an error.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the normalized configuration (defaults filled in) of each valid file, as
        /// one JSON document each.
        #[arg(long)]
        print: bool,
    },
    /// Print the JSON Schema of the configuration file, for editors.
    Schema,
}

#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// Show the plan for a call without executing it.
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The configuration file. Default: $MOSAIC_CONFIG, else mosaic.yaml in the current
    /// directory.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
    /// The operation id (`git.issues.list`) or tool name (`git_issues_list`), or a federated
    /// tool as `<upstream>/<tool>`.
    pub operation: String,
    /// The call's arguments as a JSON object.
    #[arg(long, default_value = "{}")]
    pub args: String,
    /// The caller's tenant.
    #[arg(long, default_value = "default")]
    pub tenant: String,
    /// The caller's principal.
    #[arg(long, default_value = "cli")]
    pub principal: String,
    /// The caller's region.
    #[arg(long)]
    pub region: Option<String>,
    /// A request label `key=value` (repeatable).
    #[arg(long = "label", value_parser = parse_label)]
    pub labels: Vec<(String, String)>,
    /// Pin a provider instance.
    #[arg(long)]
    pub provider: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

fn parse_label(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .ok_or_else(|| format!("expected key=value, got {text:?}"))
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print the newest audit records.
    Tail {
        /// The configuration file (its `store.url` is read). Default: $MOSAIC_CONFIG, else
        /// mosaic.yaml in the current directory.
        #[arg(long, short, conflicts_with = "store")]
        config: Option<PathBuf>,
        /// A store URL instead of a configuration file.
        #[arg(long)]
        store: Option<String>,
        /// How many records.
        #[arg(long, short = 'n', default_value_t = 20)]
        lines: u32,
        /// Only records of this tenant.
        #[arg(long)]
        tenant: Option<String>,
        /// Print JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// Check the audit log's keyed hash chain and that it reaches its anchor.
    Verify {
        /// The configuration file (its `store.url` is read). Default: $MOSAIC_CONFIG, else
        /// mosaic.yaml in the current directory.
        #[arg(long, short, conflicts_with = "store")]
        config: Option<PathBuf>,
        /// A store URL instead of a configuration file.
        #[arg(long)]
        store: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProvidersCommand {
    /// The capability matrix: every catalog operation against every plugin.
    Coverage {
        /// Print JSON instead of a table.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print a Markdown table (the README's).
        #[arg(long)]
        markdown: bool,
    },
}
