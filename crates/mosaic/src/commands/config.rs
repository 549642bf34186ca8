//! `mosaic config check` and `mosaic config schema`.

use crate::plugin_host::PluginHost;
use mosaic_config::{ConfigErrors, GatewayConfig};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Validates every file, then reports each in the order given: `FILE: ok (...)` (or, with
/// `print`, its normalized form) on standard output, errors and warnings on standard error,
/// each below its file's line. Exits non-zero when any file has an error; warnings (a
/// configuration that would serve no call) alone do not fail the check.
pub fn check(files: &[PathBuf], print: bool) -> anyhow::Result<ExitCode> {
    // Each file with its own plugins folder's manifests.
    let results: Vec<(&PathBuf, Result<GatewayConfig, ConfigErrors>)> = files
        .iter()
        .map(|file| {
            let loaded = PluginHost::for_config(file)
                .and_then(|host| mosaic_config::load_file(file, &host.plugins()));
            (file, loaded)
        })
        .collect();
    let verdict = if results.iter().all(|(_, result)| result.is_ok()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    match report(&results, print) {
        Ok(()) => Ok(verdict),
        // The reader has gone; every file was checked all the same.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(verdict),
        Err(error) => Err(error.into()),
    }
}

fn report(
    results: &[(&PathBuf, Result<GatewayConfig, ConfigErrors>)],
    print: bool,
) -> io::Result<()> {
    let (mut out, mut err) = (io::stdout().lock(), io::stderr().lock());
    for (file, result) in results {
        let file = file.display();
        match result {
            Ok(config) => {
                if print {
                    let normalized = serde_json::to_string_pretty(&config.normalized())?;
                    writeln!(out, "{normalized}")?;
                } else {
                    writeln!(
                        out,
                        "{file}: ok ({} provider instances, {} routes, {} policies)",
                        config.instances.len(),
                        config.routes.len(),
                        config.policies.len()
                    )?;
                }
                out.flush()?;
                // Below the `ok` line; beside printed JSON, each names its file.
                let lead = if print {
                    format!("{file}: ")
                } else {
                    "  ".to_owned()
                };
                for gap in config.gaps() {
                    writeln!(err, "{lead}warning: {gap}")?;
                }
            }
            Err(errors) => {
                let count = errors.len();
                let plural = if count == 1 { "" } else { "s" };
                writeln!(err, "{file}: invalid configuration ({count} error{plural})")?;
                for error in errors.errors() {
                    writeln!(err, "  {error}")?;
                }
            }
        }
    }
    out.flush()
}

/// Prints the JSON Schema of the configuration file.
pub fn schema() -> anyhow::Result<ExitCode> {
    let schema = serde_json::to_string_pretty(&mosaic_config::json_schema_for(
        &mosaic_providers::builtin(),
    ))?;
    let mut out = io::stdout().lock();
    writeln!(out, "{schema}")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
