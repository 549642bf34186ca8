//! One module per command; `run` dispatches and turns errors into an exit code.
//!
//! Commands write their output with `writeln!` and return its errors rather than use
//! `println!`, which panics when the reader has gone: a reader that stops early
//! (`mosaic providers coverage --json | head -1`) closes the pipe, and the command then ends
//! quietly with success, as the reader had what it wanted.

mod audit;
mod config;
mod costs;
mod coverage;
mod demo;
pub(crate) mod plugins;
mod route;
mod serve;
mod simulate;
mod stdio;

use crate::cli::{
    AuditCommand, Cli, Command, ConfigCommand, ProvidersCommand, RouteCommand, SimulateCommand,
};
use crate::config_path;
use crate::plugin_host::PluginHost;
use std::io::{self, Write};
use std::process::ExitCode;

/// Runs one command.
pub fn run(cli: Cli) -> ExitCode {
    crate::logging::init();
    let result = match cli.command {
        Command::Serve { config, listen } => {
            config_path::resolve(config).and_then(|path| block_on(serve::run(path, listen)))
        }
        Command::Stdio { config } => {
            config_path::resolve(config).and_then(|path| block_on(stdio::run(path)))
        }
        Command::Demo { listen, data } => block_on(demo::run(listen, data)),
        Command::Config(ConfigCommand::Check { files, print }) => config::check(&files, print),
        Command::Config(ConfigCommand::Schema) => config::schema(),
        Command::Route(RouteCommand::Explain(args)) => block_on(route::explain(args)),
        Command::Audit(AuditCommand::Tail {
            config,
            store,
            lines,
            tenant,
            json,
        }) => block_on(audit::tail(config, store, lines, tenant, json)),
        Command::Audit(AuditCommand::Verify { config, store }) => {
            block_on(audit::verify(config, store))
        }
        Command::Costs(args) => block_on(costs::run(args)),
        Command::Plugins(command) => block_on(plugins::run(command)),
        Command::Simulate(SimulateCommand::CiCosts {
            config,
            workload,
            seed,
            json,
        }) => simulate::ci_costs(&config, &workload, seed, json),
        Command::Providers(ProvidersCommand::Coverage { json, markdown }) => {
            coverage::run(match (json, markdown) {
                (true, _) => coverage::Format::Json,
                (_, true) => coverage::Format::Markdown,
                _ => coverage::Format::Text,
            })
        }
    };
    match result {
        Ok(code) => code,
        Err(error) if is_closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Nowhere left to report a failure to write this.
            let _ = writeln!(io::stderr(), "error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `error` comes from writing to a pipe whose reader has gone.
pub(crate) fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|error| error.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Loads a configuration file; on errors prints them all with their paths and returns `None`.
/// A configuration that would serve no call is loaded with a warning for each gap.
fn load_config(path: &std::path::Path) -> Option<mosaic_config::GatewayConfig> {
    load_with_plugins(path).map(|(config, _)| config)
}

/// The configuration file at `path` and the plugins it was read against (the built-in ones
/// and its plugins folder's), or `None` once its errors are printed.
fn load_with_plugins(path: &std::path::Path) -> Option<(mosaic_config::GatewayConfig, PluginHost)> {
    let loaded = PluginHost::for_config(path).and_then(|host| {
        mosaic_config::load_file(path, &host.plugins()).map(|config| (config, host))
    });
    match loaded {
        Ok((config, host)) => {
            for gap in config.gaps() {
                tracing::warn!(config = %path.display(), "{gap}");
            }
            Some((config, host))
        }
        Err(errors) => {
            let _ = writeln!(
                io::stderr(),
                "{}: invalid configuration\n{errors}",
                path.display()
            );
            None
        }
    }
}

fn block_on<F: std::future::Future<Output = anyhow::Result<ExitCode>>>(
    future: F,
) -> anyhow::Result<ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(future)
}
