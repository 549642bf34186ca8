//! The coverage matrix as aligned columns, with footnotes for the reasons.

use super::{Cell, cell};
use mosaic_core::OpId;
use mosaic_plugin::PluginDescriptor;
use std::fmt::Write;

pub(super) fn matrix(descriptors: &[&PluginDescriptor]) -> String {
    let width = OpId::ALL
        .iter()
        .map(|op| op.name().len())
        .max()
        .unwrap_or(0);
    let mut out = format!("{:width$}", "operation");
    for descriptor in descriptors {
        let _ = write!(out, "  {}", descriptor.name);
    }
    out.push('\n');
    let mut reasons = Vec::new();
    for op in OpId::ALL {
        let _ = write!(out, "{:width$}", op.name());
        for descriptor in descriptors {
            let mark = match cell(descriptor, *op) {
                Cell::Yes => "yes".to_owned(),
                Cell::OtherKind => "-".to_owned(),
                Cell::No(reason) => {
                    reasons.push(format!("{} {}: {reason}", descriptor.name, op.name()));
                    format!("no[{}]", reasons.len())
                }
            };
            let _ = write!(out, "  {mark:>w$}", w = descriptor.name.len());
        }
        out.push('\n');
    }
    for (index, reason) in reasons.iter().enumerate() {
        let _ = writeln!(out, "[{}] {reason}", index + 1);
    }
    out
}
