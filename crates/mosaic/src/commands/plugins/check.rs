//! `mosaic plugins check FILE...`: each manifest loaded as the gateway would load it, its
//! problems listed with their paths.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Checks every file and reports each in the order given: `FILE: ok (id, N operations)` on
/// standard output, or its problems on standard error. Exits non-zero when any file has one.
pub fn run(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let (mut out, mut err) = (io::stdout().lock(), io::stderr().lock());
    let mut verdict = ExitCode::SUCCESS;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(error) => {
                writeln!(err, "{}: cannot be read: {error}", file.display())?;
                verdict = ExitCode::FAILURE;
                continue;
            }
        };
        match mosaic_manifest::load(&text, file) {
            Ok(plugin) => {
                let descriptor = plugin.descriptor();
                let served = descriptor
                    .operations()
                    .filter(|(_, support)| support.is_supported())
                    .count();
                writeln!(
                    out,
                    "{}: ok ({}, {served} operations)",
                    file.display(),
                    descriptor.id()
                )?;
            }
            Err(errors) => {
                writeln!(err, "{errors}")?;
                verdict = ExitCode::FAILURE;
            }
        }
    }
    out.flush()?;
    Ok(verdict)
}
