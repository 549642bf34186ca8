//! `mosaic providers coverage`: every catalog operation against every plugin of the built-in
//! set, generated from the plugins' own descriptors, so it never disagrees with what they
//! serve. Three forms of one matrix: a text table for a terminal (`-` marks an operation of a
//! kind the plugin does not serve, every other unsupported operation is footnoted with the
//! plugin's reason), `--markdown` for the README (a test fails when the README's copy is
//! stale), and `--json` with every plugin's answer for every operation.

mod markdown;
mod text;

use mosaic_core::{OpId, Support};
use mosaic_plugin::PluginDescriptor;
use serde_json::json;
use std::io::{self, Write};
use std::process::ExitCode;

/// How the matrix is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for a terminal.
    Text,
    /// A Markdown table, as the README holds it.
    Markdown,
    /// Every plugin's answer for every operation.
    Json,
}

pub fn run(format: Format) -> anyhow::Result<ExitCode> {
    let plugins = mosaic_providers::builtin();
    let descriptors: Vec<&PluginDescriptor> = plugins.iter().map(|p| p.descriptor()).collect();
    let printed = match format {
        Format::Text => text::matrix(&descriptors),
        Format::Markdown => markdown::matrix(&descriptors),
        Format::Json => serde_json::to_string_pretty(&json_matrix(&descriptors))? + "\n",
    };
    let mut out = io::stdout().lock();
    out.write_all(printed.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn json_matrix(descriptors: &[&PluginDescriptor]) -> serde_json::Value {
    let plugins: Vec<_> = descriptors
        .iter()
        .map(|descriptor| {
            let operations: serde_json::Map<_, _> = descriptor
                .operations()
                .map(|(op, support)| {
                    let support = serde_json::to_value(support).unwrap_or_default();
                    (op.name().to_owned(), support)
                })
                .collect();
            json!({
                "plugin": descriptor.name,
                "version": descriptor.version,
                "kinds": descriptor.kinds,
                "operations": operations,
            })
        })
        .collect();
    json!({ "plugins": plugins })
}

/// One cell of the matrix.
enum Cell<'a> {
    /// Implemented.
    Yes,
    /// An operation of a kind the plugin does not serve: nothing to explain.
    OtherKind,
    /// Not implemented, for this reason.
    No(&'a str),
}

fn cell(descriptor: &PluginDescriptor, op: OpId) -> Cell<'_> {
    match descriptor.supports(op) {
        _ if !descriptor.kinds.contains(&op.spec().kind) => Cell::OtherKind,
        Support::Supported => Cell::Yes,
        Support::Unsupported { reason } => Cell::No(reason),
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
