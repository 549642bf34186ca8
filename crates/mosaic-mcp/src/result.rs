//! Rendering gateway answers and errors as MCP tool results.
//!
//! Per the MCP specification (Tools, "Error Handling"), failures of a tool's execution —
//! including arguments that fail validation — are reported inside the result with `isError`,
//! so the model can read them and correct itself; only requests that cannot be routed to a
//! tool at all (an unknown tool name) are JSON-RPC protocol errors.

use mosaic_gateway::{CallAnswer, CallError};
use rmcp::model::{CallToolResult, ContentBlock, JsonObject, MetaObject};
use serde_json::{Value, json};

/// The `_meta` key carrying how an answer was served (instance, cache tier, age, reasons).
pub const SERVED_META: &str = "mosaic/served";
/// The `_meta` key carrying a failure's code, fault and field path.
pub const ERROR_META: &str = "mosaic/error";

/// A successful call: `structuredContent` is exactly the operation's output; provenance goes to
/// `_meta` so it is visible without bending the output schema.
pub fn success(answer: &CallAnswer) -> CallToolResult {
    let served = serde_json::to_value(&answer.served).unwrap_or(Value::Null);
    with_meta(
        CallToolResult::structured(answer.output.to_json()),
        SERVED_META,
        served,
    )
}

/// A structured value that is not an operation output (the meta tools).
pub fn value(value: Value) -> CallToolResult {
    CallToolResult::structured(value)
}

/// A failed call as a tool result with `isError`, whose text names what was wrong and whose
/// `_meta` carries the machine-readable details.
pub fn failure(error: &CallError) -> CallToolResult {
    let path = match error {
        CallError::InvalidArguments(argument) => Some(argument.path.clone()),
        CallError::Unauthenticated(_)
        | CallError::UnknownOperation(_)
        | CallError::Denied { .. }
        | CallError::NoRoute(_)
        | CallError::Provider { .. }
        | CallError::WriteTargetDown { .. }
        | CallError::WriteOutcomeUnknown { .. }
        | CallError::AllCandidatesFailed(_)
        | CallError::DeadlineExceeded(_)
        | CallError::Internal(_) => None,
    };
    let details = json!({
        "code": error.code(),
        "fault": error.fault(),
        "message": error.to_string(),
        "path": path,
    });
    let text = format!(
        "error {} ({} fault): {error}",
        error.code(),
        fault_word(error)
    );
    with_meta(
        CallToolResult::error(vec![ContentBlock::text(text)]),
        ERROR_META,
        details,
    )
}

fn fault_word(error: &CallError) -> &'static str {
    match error.fault() {
        mosaic_core::Fault::Caller => "caller",
        mosaic_core::Fault::Provider => "provider",
        mosaic_core::Fault::Gateway => "gateway",
    }
}

fn with_meta(result: CallToolResult, key: &str, value: Value) -> CallToolResult {
    let mut meta = JsonObject::new();
    meta.insert(key.to_owned(), value);
    result.with_meta(Some(MetaObject(meta)))
}
