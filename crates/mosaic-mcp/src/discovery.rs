//! Progressive discovery for clients with a small tool budget (issue 13, item 5): the meta
//! tools `mosaic_tools_search` (a query to the matching tools, with their schemas, catalog
//! and federated alike) and `mosaic_tools_call` (any tool by name). With
//! `server.mcp.tool_list: meta_only`, `tools/list` shows only the meta tools and a client
//! finds the rest through these two.
//!
//! Search sees exactly the tools `tools/list` would show this caller with the full list (what
//! policy lets it call); a call through `mosaic_tools_call` is the named tool's own call, with
//! its own policy decision and audit record.

use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};
use std::sync::Arc;

/// The meta tool that finds tools by a query.
pub const META_SEARCH: &str = "mosaic_tools_search";
/// The meta tool that calls any tool by name.
pub const META_CALL: &str = "mosaic_tools_call";

/// Matches a search answers when it gives no `limit`.
const DEFAULT_LIMIT: usize = 10;
/// The most matches one search answers.
const MAX_LIMIT: usize = 50;

/// What a search asks.
pub(crate) struct Query {
    terms: Vec<String>,
    limit: usize,
}

impl Query {
    /// The query of `mosaic_tools_search`'s arguments, or what is wrong with them (field, message).
    pub(crate) fn parse(mut arguments: JsonObject) -> Result<Self, (String, String)> {
        let query = match arguments.remove("query") {
            Some(Value::String(query)) if !query.trim().is_empty() => query,
            Some(Value::String(_)) | None => {
                return Err((
                    "query".into(),
                    "is required: words to find in tool names and descriptions".into(),
                ));
            }
            Some(_) => return Err(("query".into(), "must be a string".into())),
        };
        let limit = match arguments.remove("limit") {
            None | Some(Value::Null) => DEFAULT_LIMIT,
            Some(Value::Number(number)) => match number.as_u64() {
                Some(limit @ 1..) => usize::try_from(limit).unwrap_or(MAX_LIMIT).min(MAX_LIMIT),
                _ => {
                    return Err((
                        "limit".into(),
                        "must be a whole number of at least 1".into(),
                    ));
                }
            },
            Some(_) => return Err(("limit".into(), "must be a number".into())),
        };
        if let Some(unknown) = arguments.keys().next() {
            return Err((
                unknown.clone(),
                "unknown field; expected query, limit".into(),
            ));
        }
        Ok(Self {
            terms: query.split_whitespace().map(str::to_lowercase).collect(),
            limit,
        })
    }

    /// The matching tools, best first: a tool matches when every term is in its name, title
    /// or description; those with more terms in the name come first, then in listing order.
    pub(crate) fn run(&self, tools: &[Tool]) -> Value {
        let mut matches: Vec<(usize, usize, &Tool)> = tools
            .iter()
            .enumerate()
            .filter_map(|(index, tool)| {
                let name = tool.name.to_lowercase().replace(['_', '-', '.'], " ");
                let text = format!(
                    "{name} {} {}",
                    tool.title.as_deref().unwrap_or_default().to_lowercase(),
                    tool.description
                        .as_deref()
                        .unwrap_or_default()
                        .to_lowercase()
                );
                self.terms
                    .iter()
                    .all(|term| text.contains(term.as_str()))
                    .then(|| {
                        let in_name = self
                            .terms
                            .iter()
                            .filter(|t| name.contains(t.as_str()))
                            .count();
                        (in_name, index, tool)
                    })
            })
            .collect();
        matches.sort_by(|(one, at_one, _), (two, at_two, _)| two.cmp(one).then(at_one.cmp(at_two)));
        let total = matches.len();
        let tools: Vec<Value> = matches
            .into_iter()
            .take(self.limit)
            .map(|(_, _, tool)| serde_json::to_value(tool).unwrap_or(Value::Null))
            .collect();
        json!({ "tools": tools, "total": total })
    }
}

/// `mosaic_tools_search`.
pub(crate) fn search_tool() -> Tool {
    let input = json!({
        "type": "object",
        "properties": {
            "query": {"type": "string", "description": "Words to find in tool names, titles and descriptions, all of them (`issues list`, `echo`)."},
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "description": "Most tools to answer (default 10)."}
        },
        "required": ["query"],
        "additionalProperties": false
    });
    let output = json!({
        "type": "object",
        "properties": {
            "tools": {"type": "array", "items": {"type": "object", "description": "A tool as tools/list gives it: name, description, inputSchema, outputSchema, annotations."}},
            "total": {"type": "integer", "minimum": 0, "description": "How many tools matched, before the limit."}
        },
        "required": ["tools", "total"]
    });
    meta_tool(
        META_SEARCH,
        "Find tools",
        "Find tools (catalog operations and federated MCP tools) whose name or description contains every word of a query; answers each with its input and output schemas. Call one with mosaic_tools_call.",
        input,
        output,
    )
}

/// `mosaic_tools_call`.
pub(crate) fn call_tool() -> Tool {
    let input = json!({
        "type": "object",
        "properties": {
            "name": {"type": "string", "description": "The tool's name, as mosaic_tools_search gives it."},
            "arguments": {"type": "object", "description": "The tool's arguments, as its inputSchema describes them."}
        },
        "required": ["name"],
        "additionalProperties": false
    });
    let mut tool = meta_tool(
        META_CALL,
        "Call a tool by name",
        "Call any tool by name with its arguments; the answer is the tool's own.",
        input,
        json!({}),
    );
    // Its answer is the called tool's, whose shape it cannot promise.
    tool.output_schema = None;
    tool.annotations = Some(ToolAnnotations::with_title("Call a tool by name").open_world(true));
    tool
}

fn meta_tool(name: &str, title: &str, description: &str, input: Value, output: Value) -> Tool {
    let object = |value: Value| match value {
        Value::Object(object) => Arc::new(object),
        _ => Arc::new(JsonObject::new()),
    };
    Tool::new_with_raw(
        name.to_owned(),
        Some(description.to_owned().into()),
        object(input),
    )
    .with_title(title)
    .with_raw_output_schema(object(output))
    .with_annotations(
        ToolAnnotations::with_title(title)
            .read_only(true)
            .idempotent(true)
            .open_world(false),
    )
}

#[cfg(test)]
#[path = "discovery_tests.rs"]
mod tests;
