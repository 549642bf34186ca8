//! JSON-RPC at the `/mcp` edge: whether a POST body is a JSON-RPC message at all (JSON-RPC
//! 2.0 §5.1: not JSON is -32700, JSON that is no message is -32600), and refusals written as
//! JSON-RPC error objects carrying the request's id, with the envelope's `code`, `fault` and
//! `path` in `data`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_core::ArgumentError;
use mosaic_edge::EdgeError;
use mosaic_edge::error::fault_word;
use mosaic_gateway::CallError;
use serde_json::{Map, Value, json};

/// JSON-RPC 2.0 §5.1 error codes, and the MCP SDKs' code for an unknown session.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const INTERNAL_ERROR: i64 = -32603;
/// A request the server refuses for a reason of its own (JSON-RPC's server error range).
const REFUSED: i64 = -32000;
const SESSION_NOT_FOUND: i64 = -32001;

/// A POST body that is a JSON-RPC message, as much of it as the edge needs.
#[derive(Debug, PartialEq)]
pub(crate) struct Message {
    /// The request's id; `null` for notifications and responses.
    pub id: Value,
    /// The method, for requests and notifications.
    pub method: Option<String>,
}

impl Message {
    /// Whether this is an `initialize` request, which opens a 2025-11-25 session.
    pub fn is_initialize(&self) -> bool {
        self.method.as_deref() == Some("initialize") && !self.id.is_null()
    }
}

/// A POST body that is not a JSON-RPC message: the error that answers it, with HTTP 400.
#[derive(Debug, PartialEq)]
pub(crate) struct NotRpc {
    id: Value,
    code: i64,
    message: String,
}

impl IntoResponse for NotRpc {
    fn into_response(self) -> Response {
        error_response(
            StatusCode::BAD_REQUEST,
            &self.id,
            self.code,
            &self.message,
            None,
        )
    }
}

/// The body as a JSON-RPC message, or why it is not one.
pub(crate) fn classify(body: &[u8]) -> Result<Message, NotRpc> {
    let value: Value = serde_json::from_slice(body).map_err(|error| NotRpc {
        id: Value::Null,
        code: PARSE_ERROR,
        message: format!("Parse error: the body is not valid JSON ({error})"),
    })?;
    let invalid = |id: &Value, why: &str| NotRpc {
        id: id.clone(),
        code: INVALID_REQUEST,
        message: format!("Invalid Request: {why}"),
    };
    let Value::Object(object) = value else {
        return Err(invalid(
            &Value::Null,
            "a JSON-RPC message is a JSON object (MCP has no batches)",
        ));
    };
    let id = match object.get("id") {
        None | Some(Value::Null) => Value::Null,
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        Some(_) => return Err(invalid(&Value::Null, "`id` must be a string or a number")),
    };
    if object.get("jsonrpc") != Some(&json!("2.0")) {
        return Err(invalid(&id, "`jsonrpc` must be \"2.0\""));
    }
    let answers = object.contains_key("result") || object.contains_key("error");
    let method = match (object.get("method"), answers) {
        (Some(Value::String(method)), false) => Some(method.clone()),
        (None, true) => None,
        (Some(_), _) => return Err(invalid(&id, "`method` must be a string")),
        (None, false) => {
            return Err(invalid(
                &id,
                "a message has a `method` (a request or notification) or a `result` or `error` (a response)",
            ));
        }
    };
    if object
        .get("params")
        .is_some_and(|params| !params.is_object())
    {
        return Err(invalid(&id, "`params` must be an object"));
    }
    Ok(Message { id, method })
}

/// How a refusal is written: as a JSON-RPC error to the request `id`, or — when the request
/// was not JSON-RPC (a GET, a DELETE, an unreadable body) — in the envelope.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reply {
    Rpc(Value),
    Envelope,
}

impl Reply {
    /// The answer to `refusal`, with its status and headers.
    pub fn refuse(&self, refusal: &EdgeError) -> Response {
        let Self::Rpc(id) = self else {
            return refusal.clone().into_response();
        };
        let described = refusal.describe();
        let data = json!({"code": described.code, "fault": fault_word(described.fault)});
        let mut response = error_response(
            described.status,
            id,
            rpc_code(refusal),
            &refusal.to_string(),
            Some(data),
        );
        response.headers_mut().extend(refusal.headers());
        response
    }

    /// The answer to a caller the gateway did not accept: 401 with a `WWW-Authenticate`
    /// challenge (MCP Authorization), or 400 for unreadable routing hints.
    pub fn call_error(&self, error: &CallError) -> Response {
        let (status, path) = match error {
            CallError::InvalidArguments(ArgumentError { path, .. }) => {
                (StatusCode::BAD_REQUEST, Some(path.as_str()))
            }
            // A routing hint the caller's key was not granted: known caller, refused claim.
            CallError::HintNotGranted { .. } => (StatusCode::FORBIDDEN, None),
            _ => (StatusCode::UNAUTHORIZED, None),
        };
        let mut response = match self {
            Self::Rpc(id) => {
                let mut data = json!({"code": error.code(), "fault": fault_word(error.fault())});
                if let Some(path) = path {
                    data["path"] = json!(path);
                }
                let code = match status {
                    StatusCode::BAD_REQUEST => INVALID_REQUEST,
                    _ => REFUSED,
                };
                error_response(status, id, code, &error.to_string(), Some(data))
            }
            Self::Envelope => {
                let body = mosaic_edge::error::envelope(
                    error.code(),
                    &error.to_string(),
                    error.fault(),
                    path,
                );
                (status, axum::Json(body)).into_response()
            }
        };
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"mosaic\""),
            );
        }
        response
    }
}

/// The JSON-RPC code of each refusal. No `_` arm: a new refusal needs its code here.
fn rpc_code(refusal: &EdgeError) -> i64 {
    match refusal {
        EdgeError::SessionNotFound => SESSION_NOT_FOUND,
        EdgeError::Refused { status, .. } if status.is_server_error() => INTERNAL_ERROR,
        EdgeError::Refused { .. }
        | EdgeError::SessionRequired
        | EdgeError::Malformed
        | EdgeError::UnsupportedMediaType { .. }
        | EdgeError::BodyUnreadable(_) => INVALID_REQUEST,
        EdgeError::BodyTooLarge { .. }
        | EdgeError::BodyTimeout { .. }
        | EdgeError::ShuttingDown
        | EdgeError::UriTooLong { .. }
        | EdgeError::HeadTooLarge
        | EdgeError::HostNotAllowed { .. }
        | EdgeError::OriginNotAllowed { .. }
        | EdgeError::MethodNotAllowed { .. }
        | EdgeError::NotFound { .. }
        | EdgeError::TooManySessions { .. }
        | EdgeError::SessionsExhausted { .. } => REFUSED,
    }
}

/// A JSON-RPC error object as an HTTP answer.
fn error_response(
    status: StatusCode,
    id: &Value,
    code: i64,
    message: &str,
    data: Option<Value>,
) -> Response {
    let mut error = Map::new();
    error.insert("code".into(), json!(code));
    error.insert("message".into(), json!(message));
    if let Some(data) = data {
        error.insert("data".into(), data);
    }
    let body = json!({"jsonrpc": "2.0", "id": id, "error": error});
    (status, axum::Json(body)).into_response()
}

#[cfg(test)]
#[path = "rpc_tests.rs"]
mod tests;
