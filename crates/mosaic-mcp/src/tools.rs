//! The tool list, generated once from the catalog: names, descriptions, input and output
//! schemas and annotations taken from each operation's metadata.

use mosaic_core::catalog::schema::provider_pin;
use mosaic_core::{Access, OpId};
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};

/// The meta tool that shows every provider instance's live state.
pub const META_STATUS: &str = "mosaic_providers_status";
/// The meta tool that explains the routing plan of a call without executing it.
pub const META_EXPLAIN: &str = "mosaic_route_explain";

/// Every tool of MosAIc's own, in deterministic order: the catalog's operations, then the
/// meta tools (status, explain, and the discovery pair `mosaic_tools_search` and
/// `mosaic_tools_call`). Federated tools follow them in `tools/list`.
pub fn catalog_tools() -> &'static [Tool] {
    static TOOLS: OnceLock<Vec<Tool>> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let mut tools: Vec<Tool> = OpId::ALL.iter().map(|op| operation_tool(*op)).collect();
        tools.push(status_tool());
        tools.push(explain_tool());
        tools.push(crate::discovery::search_tool());
        tools.push(crate::discovery::call_tool());
        tools
    })
}

/// Whether `name` is one of the meta tools (`mosaic_*`), which `server.mcp.tool_list:
/// meta_only` lists alone.
pub fn is_meta(name: &str) -> bool {
    name.starts_with("mosaic_")
}

fn operation_tool(op: OpId) -> Tool {
    let spec = op.spec();
    let mut input = object_schema(op.input_schema().as_value().clone());
    let properties = input.entry("properties").or_insert_with(|| json!({}));
    if let Value::Object(properties) = properties {
        properties.insert("provider".into(), provider_pin());
    }
    let output = object_schema(op.output_schema().as_value().clone());
    let annotations = ToolAnnotations::with_title(title(spec.name))
        .read_only(spec.access == Access::Read)
        .destructive(spec.destructive)
        .idempotent(spec.idempotent)
        .open_world(true);
    Tool::new_with_raw(spec.tool_name(), Some(spec.summary.into()), Arc::new(input))
        .with_title(title(spec.name))
        .with_raw_output_schema(Arc::new(output))
        .with_annotations(annotations)
}

fn status_tool() -> Tool {
    let input =
        object_schema(json!({"type": "object", "properties": {}, "additionalProperties": false}));
    // Mirrors `mosaic_gateway::InstanceStatus` as it serializes.
    let instance = json!({
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "plugin": {"type": "string", "description": "`plugin@version`."},
            "kinds": {"type": "array", "items": {"enum": ["git", "ci", "kb", "pm"]}},
            "region": {"type": ["string", "null"]},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "circuit": {"enum": ["closed", "open", "half_open"]},
            "health": {
                "type": "object",
                "properties": {"status": {"enum": ["healthy", "unhealthy"]}, "reason": {"type": "string"}},
                "required": ["status"]
            },
            "latency_ms": {"type": ["number", "null"], "description": "Moving average of observed latency."},
            "calls": {"type": "integer", "minimum": 0},
            "failures": {"type": "integer", "minimum": 0},
            "quota": {
                "type": ["object", "null"],
                "description": "Remaining rate-limit quota, when the provider reports one.",
                "properties": {
                    "remaining": {"type": "integer", "minimum": 0},
                    "limit": {"type": "integer", "minimum": 0},
                    "resets_in_ms": {"type": ["integer", "null"], "minimum": 0, "description": "Milliseconds until the quota window resets, when known."}
                }
            },
            "upstream": {
                "type": "object",
                "description": "For a federated upstream MCP server (plugin `mcp`): its connection and tools.",
                "properties": {
                    "name": {"type": "string"},
                    "transport": {"enum": ["stdio", "http"]},
                    "state": {"enum": ["starting", "ready", "restarting", "stopped"]},
                    "reason": {"type": "string", "description": "Why it last failed, while it is not ready."},
                    "restarts": {"type": "integer", "minimum": 0},
                    "pid": {"type": "integer", "minimum": 0},
                    "tools": {"type": "integer", "minimum": 0, "description": "Tools offered."},
                    "conflicts": {"type": "array", "items": {"type": "string"}, "description": "Tools not offered because their name was taken."}
                },
                "required": ["name", "transport", "state", "restarts", "tools"]
            }
        },
        "required": ["name", "plugin", "kinds", "circuit", "health", "calls", "failures"]
    });
    let plugins = json!({
        "type": "object",
        "description": "The plugins folder, when one is configured: each manifest with the plugin it serves, and every error of a change that was refused (the previous version keeps serving).",
        "properties": {
            "dir": {"type": "string"},
            "error": {"type": "string", "description": "Why the folder could not be read, when it could not."},
            "files": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "file": {"type": "string"},
                    "serving": {"type": "string", "description": "The plugin (`name@version`) the file serves."},
                    "rejected": {"type": "array", "items": {"type": "string"}}
                },
                "required": ["file"]
            }}
        },
        "required": ["dir", "files"]
    });
    let output = object_schema(json!({
        "type": "object",
        "properties": {
            "instances": {"type": "array", "items": instance},
            "plugins": plugins,
            "cache": {"type": "array", "description": "Each cache tier (l1, and l2 when configured): hits, misses, fills, invalidations, errors, whether it is in use, its region.", "items": {"type": "object"}},
            "warming": {"type": "object", "description": "Cache warming, when it is on: entries kept refreshable (tracked), refreshes stored, failed and outdated, refreshes held back by budget and quota, and the hits refreshed answers earned."}
        },
        "required": ["instances"]
    }));
    Tool::new_with_raw(
        META_STATUS,
        Some(
            "Live state of every provider instance: circuit, health, latency, calls, quota.".into(),
        ),
        Arc::new(input),
    )
    .with_title("Provider status")
    .with_raw_output_schema(Arc::new(output))
    .with_annotations(
        ToolAnnotations::with_title("Provider status")
            .read_only(true)
            .idempotent(true)
            .open_world(false),
    )
}

fn explain_tool() -> Tool {
    let input = object_schema(json!({
        "type": "object",
        "properties": {
            "operation": {"type": "string", "description": "Operation id (`git.issues.list`) or tool name (`git_issues_list`)."},
            "arguments": {"type": "object", "description": "The call's arguments."},
            "provider": {"type": "string", "description": "A pinned provider instance."}
        },
        "required": ["operation"],
        "additionalProperties": false
    }));
    let instance = json!({"type": "object", "properties": {"instance": {"type": "string"}, "reason": {"type": "string"}}, "required": ["instance", "reason"]});
    let output = object_schema(json!({
        "type": "object",
        "properties": {
            "operation": {"type": "string"},
            "resource": {"type": "string"},
            "access": {"type": "string"},
            "rule": {"type": ["string", "null"]},
            "candidates": {"type": "array", "items": instance},
            "excluded": {"type": "array", "items": instance}
        },
        "required": ["operation", "resource", "access", "candidates", "excluded"]
    }));
    Tool::new_with_raw(
        META_EXPLAIN,
        Some("Explain which provider instances would serve a call, in which order and why, without executing it.".into()),
        Arc::new(input),
    )
    .with_title("Explain a route")
    .with_raw_output_schema(Arc::new(output))
    .with_annotations(ToolAnnotations::with_title("Explain a route").read_only(true).idempotent(true).open_world(false))
}

/// A schema as a self-contained JSON object schema, as MCP requires of both `inputSchema` and
/// `outputSchema`. `$schema` is dropped (MCP fixes the dialect; some clients reject the key);
/// `$defs` stay beside the `$ref`s that point into them. Every catalog type is a struct, so
/// its schema is an object schema already; a boolean schema becomes the schema of any object.
fn object_schema(schema: Value) -> JsonObject {
    let mut object = match schema {
        Value::Object(object) => object,
        _ => JsonObject::new(),
    };
    object.remove("$schema");
    object.insert("type".into(), json!("object"));
    object
}

/// `git.issues.list` -> `Git issues: list`.
fn title(name: &str) -> String {
    let mut parts = name.split('.');
    let kind = match parts.next().unwrap_or_default() {
        "git" => "Git",
        "ci" => "CI",
        "kb" => "KB",
        "pm" => "PM",
        other => other,
    };
    let verb = parts.next_back().unwrap_or_default();
    let subject: Vec<&str> = parts.collect();
    format!("{kind} {}: {verb}", subject.join(" "))
}

#[cfg(test)]
#[path = "tools_tests.rs"]
mod tests;
