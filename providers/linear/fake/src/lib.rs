//! A fake of Linear's GraphQL API over one [`Tracker`]: projects are teams (keys are team keys),
//! work items are issues with identifiers such as `WEB-3`, states are workflow states with
//! Linear's types (`backlog`, `unstarted`, `started`, `completed`, `canceled`).
//!
//! It has no GraphQL engine. It answers the operations the `linear` adapter sends, by
//! `operationName` and variables, with exactly the fields those documents select (the
//! adapter's schema test walks every document against Linear's schema and checks these answers
//! field by field). A request whose text does not declare the named operation, or an operation
//! it does not know, is refused as Linear refuses a document (`GRAPHQL_VALIDATION_FAILED`).
//!
//! What it reproduces of Linear, because adapters must cope with it:
//! - one route, `POST /graphql`; credentials in `Authorization`: a personal API key bare, an
//!   OAuth token as `Bearer …`; anything else is HTTP 401 with `AUTHENTICATION_ERROR`;
//! - `X-RateLimit-Requests-Limit`, `-Remaining` and `-Reset` on every answer (a quota of 5000
//!   an hour unless set otherwise); a spent quota is HTTP 400 with `RATELIMITED`, as Linear
//!   answers it;
//! - errors as `{"errors": [{"message", "extensions": {"type", "code", "statusCode",
//!   "userError", "userPresentableMessage"}}], "data": null}`: an unknown entity is HTTP 200
//!   with `INPUT_ERROR` and "Entity not found: Issue"; input that does not validate is HTTP 200
//!   with `INVALID_INPUT`; a missing scope ([`forbidden`], scripted) is HTTP 400 with
//!   `FORBIDDEN`;
//! - ids are UUIDs (the tracker's numbers in UUID shape); `issue(id:)` and `issueUpdate(id:)`
//!   take an identifier or an id;
//! - connections page with `first` (1 to 250) and `after`, the `endCursor` being the last
//!   node's id; issues order by `updatedAt`, newest first;
//! - `IssueFilter` is evaluated for the fields the adapter uses (see `linear/filter.rs`);
//! - descriptions and comments are Markdown strings, stored as sent;
//! - no workflow rules: any state of the team may be set, whatever the tracker's
//!   `allowed_moves` say (Linear has none); new issues start in the team's first state;
//! - labels belong to teams; the workspace has none of its own.
//!
//! [`operations`] lists the operations a server answered, for tests that must show a write
//! was never attempted.
//!
//! Modules: `linear/ids.rs` (UUIDs), `linear/render.rs` (JSON), `linear/filter.rs`
//! (`IssueFilter`), `linear/reads.rs` (queries), `linear/writes.rs` (mutations).

#[path = "filter.rs"]
mod filter;
#[path = "ids.rs"]
pub mod ids;
#[path = "reads.rs"]
mod reads;
#[path = "render.rs"]
pub mod render;
#[path = "writes.rs"]
mod writes;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use mosaic_fake_kit::mount::FakeMount;
use mosaic_fake_kit::server::{FakeServer, FakeState, Scripted, Style};
use mosaic_fake_kit::tracker::Tracker;
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The Linear fake's state.
pub type LinearState = FakeState<Tracker>;

/// The organization's URL key, in every web URL.
pub const ORGANIZATION: &str = "acme";

/// Requests an hour before the quota is spent, unless a test sets another.
pub const HOURLY_REQUESTS: u64 = 5000;

/// A refusal in Linear's shape: the HTTP status, and one error with its extensions.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphqlError {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// `extensions.code`.
    pub code: &'static str,
    /// `extensions.type`.
    pub kind: &'static str,
    /// `extensions.statusCode`: the status Linear means.
    pub means: u16,
    /// `message`.
    pub message: String,
    /// `extensions.userPresentableMessage`.
    pub user_message: Option<String>,
}

impl GraphqlError {
    /// `Entity not found: {entity}`, HTTP 200 as Linear answers it.
    pub fn not_found(entity: &str) -> Self {
        Self {
            status: StatusCode::OK,
            code: "INPUT_ERROR",
            kind: "invalid input",
            means: 400,
            message: format!("Entity not found: {entity}"),
            user_message: Some(format!("Could not find referenced {entity}.")),
        }
    }

    /// Input that does not validate (`Argument Validation Error`), HTTP 200.
    pub fn invalid(explanation: impl Into<String>) -> Self {
        Self {
            status: StatusCode::OK,
            code: "INVALID_INPUT",
            kind: "invalid input",
            means: 400,
            message: "Argument Validation Error".into(),
            user_message: Some(explanation.into()),
        }
    }

    /// A document the schema refuses, HTTP 400.
    pub fn validation(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "GRAPHQL_VALIDATION_FAILED",
            kind: "graphql error",
            means: 400,
            message: message.into(),
            user_message: None,
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut extensions = Map::new();
        extensions.insert("type".into(), json!(self.kind));
        extensions.insert("code".into(), json!(self.code));
        extensions.insert("statusCode".into(), json!(self.means));
        extensions.insert("userError".into(), json!(true));
        if let Some(text) = &self.user_message {
            extensions.insert("userPresentableMessage".into(), json!(text));
        }
        json!({ "errors": [{ "message": self.message, "extensions": extensions }], "data": null })
    }
}

impl IntoResponse for GraphqlError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

/// The body of the shared server's own refusals, in Linear's shape: bad credentials are
/// `AUTHENTICATION_ERROR`, a spent quota `RATELIMITED`, anything else (a path other than
/// `/graphql`) Linear's answer to a request it cannot route.
pub fn error_body(message: &str) -> Value {
    let (code, kind, means, user) = match message {
        "Bad credentials" => (
            "AUTHENTICATION_ERROR",
            "authentication error",
            401,
            "You need to authenticate to access this operation.",
        ),
        "API rate limit exceeded" => (
            "RATELIMITED",
            "ratelimited",
            429,
            "Rate limit exceeded. Please try again later.",
        ),
        _ => ("GRAPHQL_VALIDATION_FAILED", "graphql error", 404, message),
    };
    let message = match code {
        "AUTHENTICATION_ERROR" => "Authentication required, not authenticated",
        "RATELIMITED" => "Rate limit exceeded",
        _ => message,
    };
    json!({ "errors": [{ "message": message, "extensions": {
        "type": kind, "code": code, "statusCode": means, "userError": true,
        "userPresentableMessage": user
    }}]})
}

/// A scripted `FORBIDDEN` answer (a key without the scope the operation needs), HTTP 400 as
/// Linear answers it.
pub fn forbidden(message: &str) -> Scripted {
    Scripted {
        status: 400,
        retry_after: None,
        body: json!({ "errors": [{ "message": message, "extensions": {
            "type": "forbidden", "code": "FORBIDDEN", "statusCode": 403, "userError": true,
            "userPresentableMessage": message
        }}]}),
    }
}

/// How the Linear fake speaks: `Authorization` with the key bare or as `Bearer`, Linear's
/// rate-limit headers, 400 for a spent quota.
pub fn style(api_key: &str) -> Style {
    Style {
        prefix: String::new(),
        auth_header: "authorization",
        accepted: vec![api_key.to_owned(), format!("Bearer {api_key}")],
        rate_limit_prefix: "x-ratelimit-requests-",
        quota_status: StatusCode::BAD_REQUEST,
        quota: Some(HOURLY_REQUESTS),
        etags: false,
        unmetered: Vec::new(),
        error_body,
        reset: mosaic_fake_kit::server::ResetWritten::UnixMillis,
        writes: mutation_writes,
    }
}

/// A request to Linear writes when the operation it names is declared a `mutation` in its
/// document; every request is a POST, queries included.
pub fn mutation_writes(_method: &Method, body: &[u8]) -> bool {
    let Ok(request) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    let name = request["operationName"].as_str().unwrap_or_default();
    let text = request["query"].as_str().unwrap_or_default();
    declares_as(text, name, "mutation")
}

/// Starts a Linear fake serving `tracker`, accepting `api_key`.
pub async fn start(tracker: Tracker, api_key: &str) -> FakeServer<Tracker> {
    FakeServer::start(style(api_key), tracker, routes()).await
}

/// What `mosaic-fakes serve` mounts: this fake over the seed at `/linear`.
pub fn mounts() -> Vec<FakeMount> {
    vec![FakeMount::new(
        "linear",
        "fake-linear-key",
        style,
        Tracker::seeded,
        routes,
    )]
}

/// Linear's one route.
pub fn routes() -> Router<Arc<LinearState>> {
    Router::new().route("/graphql", post(graphql))
}

/// The names of the operations the server at `state` answered, oldest first (requests the
/// shared middleware refused never reach them).
pub fn operations(state: &LinearState) -> Vec<String> {
    state.notes()
}

/// `POST /graphql`.
async fn graphql(State(state): State<Arc<LinearState>>, body: Bytes) -> Response {
    let request: Value = match serde_json::from_slice(&body) {
        Ok(Value::Object(request)) => Value::Object(request),
        _ => {
            return GraphqlError {
                code: "GRAPHQL_PARSE_FAILED",
                ..GraphqlError::validation("Body must be a JSON object with `query`")
            }
            .into_response();
        }
    };
    let name = request["operationName"].as_str().unwrap_or_default();
    let text = request["query"].as_str().unwrap_or_default();
    state.note(name);
    if !declares(text, name) {
        return GraphqlError::validation(format!(
            "Unknown operation named \"{name}\" in the document"
        ))
        .into_response();
    }
    let variables = match &request["variables"] {
        Value::Object(variables) => variables.clone(),
        _ => Map::new(),
    };
    let mut tracker = state.data();
    let answer = match name {
        "Viewer" => reads::viewer(&tracker),
        "Teams" => reads::teams(&tracker, &variables),
        "IssueSearch" => reads::issue_search(&tracker, &variables),
        "IssueGet" => reads::issue_get(&tracker, &variables),
        "TeamContext" => reads::team_context(&tracker, &variables),
        "IssueContext" => reads::issue_context(&tracker, &variables),
        "UserLookup" => reads::user_lookup(&tracker, &variables),
        "IssueCreate" => writes::issue_create(&mut tracker, &variables),
        "IssueUpdate" => writes::issue_update(&mut tracker, &variables),
        "CommentCreate" => writes::comment_create(&mut tracker, &variables),
        other => Err(GraphqlError::validation(format!(
            "the fake does not serve the operation \"{other}\""
        ))),
    };
    match answer {
        Ok(data) => axum::Json(json!({ "data": data })).into_response(),
        Err(error) => error.into_response(),
    }
}

/// Whether a document's text declares `query NAME` or `mutation NAME`.
fn declares(text: &str, name: &str) -> bool {
    declares_as(text, name, "query") || declares_as(text, name, "mutation")
}

/// Whether a document's text declares `KEYWORD NAME`.
fn declares_as(text: &str, name: &str, keyword: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect();
    words
        .windows(2)
        .any(|pair| pair[0] == keyword && pair[1] == name)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
