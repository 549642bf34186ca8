//! `mosaic config check` and `mosaic config schema`.

use std::path::Path;
use std::process::ExitCode;

/// Validates a file; prints every error with its path and exits non-zero when there are any.
pub fn check(file: &Path, print: bool) -> anyhow::Result<ExitCode> {
    match mosaic_config::load_file(file, &mosaic_providers::Registry::builtin()) {
        Ok(config) => {
            if print {
                println!("{}", serde_json::to_string_pretty(&config.normalized())?);
            } else {
                println!(
                    "{}: ok ({} provider instances, {} routes, {} policies)",
                    file.display(),
                    config.instances.len(),
                    config.routes.len(),
                    config.policies.len()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            eprintln!("{}: invalid configuration", file.display());
            eprintln!("{errors}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Prints the JSON Schema of the configuration file.
pub fn schema() -> anyhow::Result<ExitCode> {
    println!(
        "{}",
        serde_json::to_string_pretty(&mosaic_config::json_schema())?
    );
    Ok(ExitCode::SUCCESS)
}
