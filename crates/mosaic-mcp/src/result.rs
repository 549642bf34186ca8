//! Rendering gateway answers and errors as MCP tool results.
//!
//! Which failures are protocol errors and which are tool results follows the MCP
//! specification (Server features, Tools, "Error Handling"): a request that cannot be routed to
//! a tool at all — an unknown tool name — is a JSON-RPC protocol error (invalid params), raised
//! in the handler. Everything that happens once a tool was found is a *tool execution error*:
//! arguments that fail validation, policy denials, routing gaps and provider failures come
//! back as a result with `isError: true`, so the model reads what went wrong (with the field
//! path for bad arguments) and can correct itself. Authentication over HTTP never gets here:
//! it is refused with HTTP 401 before any MCP message is read.

use mosaic_core::{Fault, ProviderError};
use mosaic_gateway::{CallAnswer, CallError, FederatedAnswer};
use rmcp::model::{CallToolResult, ContentBlock, JsonObject, MetaObject, ResultType};
use serde_json::{Value, json};

/// The `_meta` key carrying how an answer was served (instance, cache tier, age, reasons).
pub const SERVED_META: &str = "mosaic/served";
/// The `_meta` key carrying a failure's code, fault, field path and retry hint.
pub const ERROR_META: &str = "mosaic/error";

/// A successful call: `structuredContent` is exactly the operation's output (so it conforms to
/// the tool's `outputSchema`), the text block the same JSON for clients that only read text;
/// provenance goes to `_meta` so it is visible without bending the output schema.
pub fn success(answer: &CallAnswer) -> CallToolResult {
    match serde_json::to_value(&answer.served) {
        Ok(served) => with_meta(
            CallToolResult::structured(answer.output.to_json()),
            SERVED_META,
            served,
        ),
        Err(error) => failure(&CallError::Internal(format!(
            "the answer's provenance could not be rendered: {error}"
        ))),
    }
}

/// A federated tool's answer, as its upstream gave it (content, `structuredContent`,
/// `isError`, its own `_meta`), with how it was served added under [`SERVED_META`].
pub fn federated(answer: &FederatedAnswer) -> CallToolResult {
    let mut result = (*answer.result).clone();
    let served = match serde_json::to_value(&answer.served) {
        Ok(served) => served,
        Err(error) => {
            return failure(&CallError::Internal(format!(
                "the answer's provenance could not be rendered: {error}"
            )));
        }
    };
    // An upstream on 2025-11-25 answers without `resultType`, which 2026-07-28 requires; a
    // tool result that arrived here is complete (MosAIc relays no `input_required` round).
    result.result_type = Some(ResultType::COMPLETE);
    let mut meta = result.meta.take().map(|meta| meta.0).unwrap_or_default();
    meta.insert(SERVED_META.to_owned(), served);
    result.meta = Some(MetaObject(meta));
    result
}

/// A structured value that is not an operation output (the meta tools).
pub fn value(value: Value) -> CallToolResult {
    CallToolResult::structured(value)
}

/// A failed call as a tool result with `isError`, whose text names what was wrong (and, for
/// bad arguments, where) and whose `_meta` carries the machine-readable details.
pub fn failure(error: &CallError) -> CallToolResult {
    let Details {
        path,
        retry_after_ms,
        written,
    } = details(error);
    let mut text = format!(
        "error {} ({} fault): {error}",
        error.code(),
        fault_word(error.fault())
    );
    if let Some(wait) = retry_after_ms {
        text.push_str(&format!("; retry after {wait} ms"));
    }
    let mut details = json!({
        "code": error.code(),
        "fault": fault_word(error.fault()),
        "message": error.to_string(),
        "path": path,
        "retry_after_ms": retry_after_ms,
    });
    if let Some((instance, id)) = written {
        details["instance"] = json!(instance);
        details["id"] = json!(id);
    }
    with_meta(
        CallToolResult::error(vec![ContentBlock::text(text)]),
        ERROR_META,
        details,
    )
}

/// What an error adds beyond its code, fault and message.
#[derive(Default)]
struct Details<'a> {
    /// The field path of bad arguments.
    path: Option<String>,
    /// The provider's retry hint.
    retry_after_ms: Option<u128>,
    /// For a write that may have been applied: its system of record and the native id, when
    /// the provider returned one.
    written: Option<(&'a str, Option<&'a str>)>,
}

/// What an error adds beyond its code, fault and message. The one exhaustive match over
/// [`CallError`] in this front: a new variant does not compile until it says what it adds.
fn details(error: &CallError) -> Details<'_> {
    match error {
        CallError::InvalidArguments(argument) => Details {
            path: Some(argument.path.clone()),
            ..Details::default()
        },
        CallError::Provider { error, .. } => Details {
            retry_after_ms: retry_after_ms(error),
            ..Details::default()
        },
        CallError::WriteOutcomeUnknown { instance, id, .. } => Details {
            written: Some((instance, id.as_deref())),
            ..Details::default()
        },
        CallError::RateLimitRefused { refusal, .. } => Details {
            retry_after_ms: Some(refusal.wait.as_millis()),
            ..Details::default()
        },
        CallError::Unauthenticated(_)
        | CallError::HintNotGranted { .. }
        | CallError::UnknownOperation(_)
        | CallError::Denied { .. }
        | CallError::NoRoute(_)
        | CallError::WriteTargetDown { .. }
        | CallError::ConstraintUnavailable { .. }
        | CallError::AllCandidatesFailed(_)
        | CallError::UnknownRun { .. }
        | CallError::DeadlineExceeded(_)
        | CallError::Internal(_) => Details::default(),
    }
}

fn retry_after_ms(error: &ProviderError) -> Option<u128> {
    match error {
        ProviderError::RateLimited { retry_after } => retry_after.map(|wait| wait.as_millis()),
        ProviderError::NotFound(_)
        | ProviderError::Forbidden(_)
        | ProviderError::Unauthenticated(_)
        | ProviderError::Conflict(_)
        | ProviderError::Invalid(_)
        | ProviderError::Unavailable(_)
        | ProviderError::Timeout(_)
        | ProviderError::Unsupported { .. }
        | ProviderError::Protocol(_)
        | ProviderError::WriteUnconfirmed { .. } => None,
    }
}

fn fault_word(fault: Fault) -> &'static str {
    match fault {
        Fault::Caller => "caller",
        Fault::Provider => "provider",
        Fault::Gateway => "gateway",
    }
}

fn with_meta(result: CallToolResult, key: &str, value: Value) -> CallToolResult {
    let mut meta = JsonObject::new();
    meta.insert(key.to_owned(), value);
    result.with_meta(Some(MetaObject(meta)))
}

#[cfg(test)]
#[path = "result_tests.rs"]
mod tests;
