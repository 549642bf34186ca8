//! `mosaic providers coverage`: every catalog operation against every plugin, generated from
//! the plugins' own declarations. The table marks operations of kinds a plugin does not serve
//! with `-` and footnotes every other unsupported operation with the plugin's reason; `--json`
//! gives every plugin's answer for every operation.

use mosaic_core::{OpId, Support};
use serde_json::json;
use std::io::{self, Write};
use std::process::ExitCode;

pub fn run(as_json: bool) -> anyhow::Result<ExitCode> {
    let registry = mosaic_providers::builtin();
    let plugins: Vec<_> = registry.iter().collect();
    let mut out = io::stdout().lock();
    if as_json {
        let matrix: Vec<_> = plugins
            .iter()
            .map(|plugin| {
                let operations: serde_json::Map<_, _> = OpId::ALL
                    .iter()
                    .map(|op| {
                        (
                            op.name().to_owned(),
                            serde_json::to_value(plugin.descriptor().supports(*op))
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                json!({
                    "plugin": plugin.descriptor().name.as_str(),
                    "version": plugin.descriptor().version.as_str(),
                    "kinds": plugin.descriptor().kinds.as_slice(),
                    "operations": operations,
                })
            })
            .collect();
        let matrix = serde_json::to_string_pretty(&json!({ "plugins": matrix }))?;
        writeln!(out, "{matrix}")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = OpId::ALL
        .iter()
        .map(|op| op.name().len())
        .max()
        .unwrap_or(0);
    write!(out, "{:width$}", "operation")?;
    for plugin in &plugins {
        write!(out, "  {}", plugin.descriptor().name.as_str())?;
    }
    writeln!(out)?;
    let mut reasons = Vec::new();
    for op in OpId::ALL {
        write!(out, "{:width$}", op.name())?;
        for plugin in &plugins {
            let mark = match plugin.descriptor().supports(*op) {
                // Another kind's operation: nothing to explain in the table.
                _ if !plugin
                    .descriptor()
                    .kinds
                    .as_slice()
                    .contains(&op.spec().kind) =>
                {
                    "-".to_owned()
                }
                Support::Supported => "yes".to_owned(),
                Support::Unsupported { reason } => {
                    reasons.push(format!(
                        "{} {}: {}",
                        plugin.descriptor().name.as_str(),
                        op.name(),
                        reason
                    ));
                    format!("no[{}]", reasons.len())
                }
            };
            write!(
                out,
                "  {:>w$}",
                mark,
                w = plugin.descriptor().name.as_str().len()
            )?;
        }
        writeln!(out)?;
    }
    for (index, reason) in reasons.iter().enumerate() {
        writeln!(out, "[{}] {reason}", index + 1)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
