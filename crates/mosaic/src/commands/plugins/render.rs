//! The text `mosaic plugins` prints: one line per plugin version, and per canary its state,
//! the last decision and its calls against the baseline's.

use serde_json::Value;
use std::fmt::Write as _;

/// `name@version  kinds  instances` for every installed plugin.
pub(crate) fn plugins(report: &Value) -> String {
    let rows: Vec<[String; 3]> = list(&report["plugins"])
        .iter()
        .map(|plugin| {
            [
                format!("{}@{}", text(&plugin["name"]), text(&plugin["version"])),
                join(&plugin["kinds"], ","),
                match join(&plugin["instances"], ", ") {
                    none if none.is_empty() => "-".to_owned(),
                    instances => instances,
                },
            ]
        })
        .collect();
    table(["PLUGIN", "KINDS", "INSTANCES"], &rows)
}

/// Every canary, or a line saying there is none.
pub(crate) fn canaries(report: &Value) -> String {
    let canaries = list(&report["canaries"]);
    if canaries.is_empty() {
        return "no split has a canary\n".to_owned();
    }
    canaries.iter().map(canary).collect::<Vec<_>>().join("\n")
}

/// One canary's state, decision and windows.
pub(crate) fn canary(canary: &Value) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}) in rule `{}`: {}",
        text(&canary["canary"]),
        text(&canary["plugin"]),
        text(&canary["rule"]),
        text(&canary["state"]).replace('_', " ")
    );
    let _ = writeln!(out, "  baseline: {}", join(&canary["baseline"], ", "));
    let counts = |window: &Value| {
        format!(
            "{} calls, {} failed ({:.1}%)",
            window["calls"].as_u64().unwrap_or(0),
            window["failures"].as_u64().unwrap_or(0),
            window["error_rate"].as_f64().unwrap_or(0.0) * 100.0
        )
    };
    let rollback = &canary["rollback"];
    match rollback.is_object() {
        true => {
            let _ = writeln!(
                out,
                "  rollback: over {}, after {} calls, at {:.1} points above the baseline",
                text(&rollback["window"]),
                rollback["min_calls"].as_u64().unwrap_or(0),
                rollback["margin"].as_f64().unwrap_or(0.0) * 100.0
            );
        }
        false => {
            let _ = writeln!(out, "  rollback: never on its own");
        }
    }
    let _ = writeln!(out, "  canary:   {}", counts(&canary["window"]));
    let _ = writeln!(out, "  baseline: {}", counts(&canary["baseline_window"]));
    let decision = &canary["decision"];
    if decision.is_object() {
        let by = match text(&decision["by"]).as_str() {
            "operator" => format!(
                "operator {}/{}",
                text(&decision["tenant"]),
                text(&decision["principal"])
            ),
            other => other.to_owned(),
        };
        let _ = writeln!(out, "  decided by {by}: {}", text(&decision["reason"]));
    }
    out
}

fn list(value: &Value) -> Vec<Value> {
    value.as_array().cloned().unwrap_or_default()
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "-".to_owned(),
        other => other.to_string(),
    }
}

fn join(values: &Value, separator: &str) -> String {
    list(values)
        .iter()
        .map(text)
        .collect::<Vec<_>>()
        .join(separator)
}

/// Left-aligned columns two spaces apart.
fn table<const N: usize>(header: [&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(str::len);
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; N]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        let _ = writeln!(out, "{}", padded.join("  ").trim_end());
    };
    line(header);
    for row in rows {
        line(row.each_ref().map(String::as_str));
    }
    out
}
