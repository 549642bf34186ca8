//! The coverage matrix as a Markdown table, the form the README holds between its
//! `<!-- coverage:begin -->` and `<!-- coverage:end -->` markers.

use super::{Cell, cell};
use mosaic_core::OpId;
use mosaic_plugin::PluginDescriptor;
use std::fmt::Write;

pub(super) fn matrix(descriptors: &[&PluginDescriptor]) -> String {
    let mut out = String::from("| operation |");
    for descriptor in descriptors {
        let _ = write!(out, " `{}` |", descriptor.name);
    }
    out.push_str("\n| --- |");
    for _ in descriptors {
        out.push_str(" :-: |");
    }
    out.push('\n');
    let mut reasons = Vec::new();
    for op in OpId::ALL {
        let _ = write!(out, "| `{}` |", op.name());
        for descriptor in descriptors {
            let mark = match cell(descriptor, *op) {
                Cell::Yes => "yes".to_owned(),
                Cell::OtherKind => "-".to_owned(),
                Cell::No(reason) => {
                    reasons.push(format!("`{}` `{}`: {reason}", descriptor.name, op.name()));
                    format!("no [{}]", reasons.len())
                }
            };
            let _ = write!(out, " {mark} |");
        }
        out.push('\n');
    }
    if !reasons.is_empty() {
        out.push('\n');
    }
    for (index, reason) in reasons.iter().enumerate() {
        let _ = writeln!(out, "[{}] {reason}", index + 1);
    }
    out
}
