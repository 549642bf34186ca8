//! One module per command; `run` dispatches and turns errors into an exit code.

mod audit;
mod config;
mod coverage;
mod demo;
mod route;
mod serve;
mod stdio;

use crate::cli::{AuditCommand, Cli, Command, ConfigCommand, ProvidersCommand, RouteCommand};
use std::process::ExitCode;

/// Runs one command.
pub fn run(cli: Cli) -> ExitCode {
    crate::logging::init();
    let result = match cli.command {
        Command::Serve { config, listen } => block_on(serve::run(config, listen)),
        Command::Stdio { config } => block_on(stdio::run(config)),
        Command::Demo { listen, data } => block_on(demo::run(listen, data)),
        Command::Config(ConfigCommand::Check { file, print }) => config::check(&file, print),
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
        Command::Providers(ProvidersCommand::Coverage { json }) => coverage::run(json),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Loads a configuration file; on errors prints them all with their paths and returns `None`.
fn load_config(
    path: &std::path::Path,
    registry: &mosaic_providers::Registry,
) -> Option<mosaic_config::GatewayConfig> {
    match mosaic_config::load_file(path, registry) {
        Ok(config) => Some(config),
        Err(errors) => {
            eprintln!("{}: invalid configuration\n{errors}", path.display());
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
