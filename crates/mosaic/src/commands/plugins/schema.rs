//! `mosaic plugins schema`: the JSON Schema of a provider manifest file.

use std::io::{self, Write};
use std::process::ExitCode;

/// Prints the schema.
pub fn run() -> anyhow::Result<ExitCode> {
    let schema = serde_json::to_string_pretty(&mosaic_manifest::schema())?;
    let mut out = io::stdout().lock();
    writeln!(out, "{schema}")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
