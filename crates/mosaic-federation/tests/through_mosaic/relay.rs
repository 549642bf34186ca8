//! What the fixture upstream sends during a call, relayed through MosAIc to the official Rust
//! MCP client that made the call: progress under the caller's own token and log messages to
//! that caller only, a sampling or elicitation request answered by the caller and its answer
//! reaching the upstream, a clear error to the upstream when the caller did not declare the
//! capability or cannot be asked at its protocol revision, and nothing for a denied call.
#![expect(
    deprecated,
    reason = "logging and sampling are deprecated from protocol 2026-07-28 on; 2025-11-25 callers use them"
)]

use crate::fixture::text_of;
use crate::support::{Mosaic, arguments, call};
use rmcp::model::{
    CallToolRequest, CallToolRequestParams, CallToolResult, ClientCapabilities, ClientConfig,
    ClientRequest, CreateMessageRequestParams, CreateMessageResult, ElicitRequestParams,
    ElicitResult, Implementation, LoggingLevel, LoggingMessageNotificationParam,
    ProgressNotificationParam, ProgressToken, ServerResult, SetLevelRequestParams,
};
use rmcp::service::{NotificationContext, PeerRequestOptions, RequestContext, RunningService};
use rmcp::{ClientHandler, ErrorData, RoleClient};
use serde_json::json;
use tokio::sync::mpsc;

/// Everything allowed but calling the fixture's progress tool.
const DENY_PROGRESS: &str = r#"policies:
  - { name: no-progress, effect: deny, operations: [mcp.tools.call], resources: ["fixture/test_tool_with_progress"] }
  - { name: all, effect: allow }"#;

/// What a caller heard during its calls.
#[derive(Debug)]
enum Heard {
    Progress(ProgressNotificationParam),
    Log(LoggingMessageNotificationParam),
}

/// A client that reports what it hears, and answers sampling and elicitation when it declares
/// them.
#[derive(Clone)]
struct Caller {
    capabilities: ClientCapabilities,
    heard: mpsc::UnboundedSender<Heard>,
}

impl Caller {
    /// A caller declaring `capabilities`, and what it will hear.
    fn new(capabilities: ClientCapabilities) -> (Self, mpsc::UnboundedReceiver<Heard>) {
        let (heard, hearing) = mpsc::unbounded_channel();
        (
            Self {
                capabilities,
                heard,
            },
            hearing,
        )
    }

    /// One that declares sampling and elicitation.
    fn asking() -> (Self, mpsc::UnboundedReceiver<Heard>) {
        let capabilities = serde_json::from_value(json!({"sampling": {}, "elicitation": {}}))
            .expect("capabilities");
        Self::new(capabilities)
    }
}

impl ClientHandler for Caller {
    fn get_info(&self) -> ClientConfig {
        ClientConfig::new(
            self.capabilities.clone(),
            Implementation::new("relay-test", "1"),
        )
    }

    async fn on_progress(
        &self,
        params: ProgressNotificationParam,
        _context: NotificationContext<RoleClient>,
    ) {
        let _ = self.heard.send(Heard::Progress(params));
    }

    async fn on_logging_message(
        &self,
        params: LoggingMessageNotificationParam,
        _context: NotificationContext<RoleClient>,
    ) {
        let _ = self.heard.send(Heard::Log(params));
    }

    async fn create_message(
        &self,
        params: CreateMessageRequestParams,
        _context: RequestContext<RoleClient>,
    ) -> Result<CreateMessageResult, ErrorData> {
        let prompt = serde_json::to_value(&params.messages[0].content).unwrap_or_default()["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let answer = json!({
            "role": "assistant",
            "content": {"type": "text", "text": format!("sampled: {prompt}")},
            "model": "test-model",
        });
        Ok(serde_json::from_value(answer).expect("a sampling result"))
    }

    async fn create_elicitation(
        &self,
        _request: ElicitRequestParams,
        _context: RequestContext<RoleClient>,
    ) -> Result<ElicitResult, ErrorData> {
        let answer =
            json!({"action": "accept", "content": {"username": "ada", "email": "ada@example.com"}});
        Ok(serde_json::from_value(answer).expect("an elicitation result"))
    }
}

/// Calls `name` with the arguments `json` under a progress token: the result and the token.
async fn call_with_token<H: ClientHandler>(
    client: &RunningService<RoleClient, H>,
    name: &str,
    json: serde_json::Value,
) -> (CallToolResult, ProgressToken) {
    let params = CallToolRequestParams::new(name.to_owned()).with_arguments(arguments(json));
    let request = ClientRequest::CallToolRequest(CallToolRequest::new(params));
    let handle = client
        .send_request_with_option(request, PeerRequestOptions::no_options())
        .await
        .unwrap();
    let token = handle.progress_token.clone();
    match handle.await_response().await.unwrap() {
        ServerResult::CallToolResult(result) => (result, token),
        other => panic!("not a tool result: {other:?}"),
    }
}

/// Waits for `count` progress notifications: them, and the log messages heard meanwhile.
/// (The client handles each notification on a task of its own, so they may come in just
/// after the answer.)
async fn progress_of(
    hearing: &mut mpsc::UnboundedReceiver<Heard>,
    count: usize,
) -> (
    Vec<(ProgressToken, f64)>,
    Vec<LoggingMessageNotificationParam>,
) {
    let mut progress = Vec::new();
    let mut logs = Vec::new();
    while progress.len() < count {
        match hearing.recv().await.expect("the caller hears progress") {
            Heard::Progress(heard) => progress.push((heard.progress_token, heard.progress)),
            Heard::Log(log) => logs.push(log),
        }
    }
    (progress, logs)
}

/// The audit record of the call of `resource` names `said` among its reasons.
async fn assert_audited_with(mosaic: &Mosaic, resource: &str, said: &str) {
    mosaic.gateway.flush_audit().await;
    let records = mosaic.gateway.store().tail(20, None).await.unwrap();
    let record = records
        .iter()
        .find(|record| record.call.resource == resource)
        .expect("the call is audited");
    assert!(
        record
            .call
            .reasons
            .iter()
            .any(|reason| reason.contains(said)),
        "{said} in {:?}",
        record.call.reasons
    );
}

/// Everything heard so far, without waiting.
fn heard_now(hearing: &mut mpsc::UnboundedReceiver<Heard>) -> Vec<Heard> {
    std::iter::from_fn(|| hearing.try_recv().ok()).collect()
}

#[tokio::test]
async fn progress_and_log_messages_reach_the_caller_and_no_other_client() {
    let mosaic = Mosaic::start(super::support::ALLOW_ALL, "never").await;
    let (caller, mut hearing) = Caller::asking();
    let client = mosaic.client_with(caller).await;
    let (bystander, mut overhearing) = Caller::asking();
    let other = mosaic.client_with(bystander).await;

    let (result, token) = call_with_token(&client, "test_tool_with_progress", json!({})).await;
    assert_eq!(text_of(&result), "Progress test completed");
    let (progress, logs) = progress_of(&mut hearing, 3).await;
    assert!(logs.is_empty(), "{logs:?}");
    assert_eq!(
        progress,
        vec![(token.clone(), 0.0), (token.clone(), 50.0), (token, 100.0)],
        "the caller's own token, in order"
    );

    let logged = call(&client, "test_tool_with_logging", json!({})).await;
    assert_eq!(text_of(&logged), "Logging test completed");
    let mut messages = Vec::new();
    while messages.len() < 3 {
        match hearing
            .recv()
            .await
            .expect("the caller hears the log messages")
        {
            Heard::Log(log) => messages.push(log.data.as_str().unwrap_or_default().to_owned()),
            Heard::Progress(_) => {}
        }
    }
    assert_eq!(
        messages,
        [
            "Tool execution started",
            "Tool processing data",
            "Tool execution completed"
        ]
    );

    // The other session, connected all along, heard nothing of either call.
    let pinged = call(&other, "echo", json!({"text": "done"})).await;
    assert_eq!(text_of(&pinged), "done");
    assert!(
        heard_now(&mut overhearing).is_empty(),
        "another client hears nothing of a call it did not make"
    );

    assert_audited_with(
        &mosaic,
        "fixture/test_tool_with_progress",
        "3 progress relayed",
    )
    .await;
    client.cancel().await.unwrap();
    other.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn log_messages_below_the_level_the_caller_set_are_not_relayed() {
    let mosaic = Mosaic::start(super::support::ALLOW_ALL, "never").await;
    let (caller, mut hearing) = Caller::asking();
    let client = mosaic.client_with(caller).await;
    client
        .set_level(SetLevelRequestParams::new(LoggingLevel::Warning))
        .await
        .unwrap();
    let logged = call(&client, "test_tool_with_logging", json!({})).await;
    assert_eq!(text_of(&logged), "Logging test completed");
    // A later call's progress comes after anything the first one relayed.
    let _ = call_with_token(&client, "test_tool_with_progress", json!({})).await;
    let (_, logs) = progress_of(&mut hearing, 3).await;
    assert!(logs.is_empty(), "info messages are below warning: {logs:?}");
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn a_sampling_request_answered_by_the_caller_reaches_the_upstream() {
    let mosaic = Mosaic::start(super::support::ALLOW_ALL, "never").await;
    let (caller, _hearing) = Caller::asking();
    let client = mosaic.client_with(caller).await;
    let sampled = call(&client, "test_sampling", json!({"prompt": "two words"})).await;
    assert_eq!(sampled.is_error, Some(false), "{sampled:?}");
    assert_eq!(text_of(&sampled), "LLM response: sampled: two words");

    let elicited = call(
        &client,
        "test_elicitation",
        json!({"message": "who are you?"}),
    )
    .await;
    assert_eq!(elicited.is_error, Some(false), "{elicited:?}");
    let said = text_of(&elicited);
    assert!(said.starts_with("User response: action=accept"), "{said}");
    assert!(said.contains("ada@example.com"), "{said}");

    assert_audited_with(&mosaic, "fixture/test_sampling", "1 request relayed").await;
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn a_caller_without_the_capability_makes_the_upstream_see_a_clear_error() {
    let mosaic = Mosaic::start(super::support::ALLOW_ALL, "never").await;
    let (caller, _hearing) = Caller::new(ClientCapabilities::default());
    let client = mosaic.client_with(caller).await;
    let refused = call(&client, "test_sampling", json!({"prompt": "anything"})).await;
    // The fixture answers with what its request was answered: MosAIc's error.
    assert_eq!(refused.is_error, Some(true));
    let said = text_of(&refused);
    assert!(
        said.contains("sampling/createMessage is not supported by the caller of this call")
            && said.contains("did not declare the sampling capability"),
        "{said}"
    );
    client.cancel().await.unwrap();
    mosaic.stop().await;
}

#[tokio::test]
async fn a_stateless_caller_hears_progress_and_is_never_asked() {
    let mosaic = Mosaic::start(super::support::ALLOW_ALL, "never").await;
    let (caller, mut hearing) = Caller::asking();
    let client = mosaic.stateless_client_with(caller).await;
    let (result, token) = call_with_token(&client, "test_tool_with_progress", json!({})).await;
    assert_eq!(text_of(&result), "Progress test completed");
    let (progress, _) = progress_of(&mut hearing, 3).await;
    assert_eq!(
        progress,
        vec![(token.clone(), 0.0), (token.clone(), 50.0), (token, 100.0)]
    );

    // No `io.modelcontextprotocol/logLevel` in the request: no log messages (2026-07-28).
    let logged = call(&client, "test_tool_with_logging", json!({})).await;
    assert_eq!(text_of(&logged), "Logging test completed");
    let _ = call_with_token(&client, "test_tool_with_progress", json!({})).await;
    let (_, logs) = progress_of(&mut hearing, 3).await;
    assert!(logs.is_empty(), "{logs:?}");

    let refused = call(&client, "test_sampling", json!({"prompt": "anything"})).await;
    assert_eq!(refused.is_error, Some(true));
    let said = text_of(&refused);
    assert!(said.contains("2026-07-28"), "{said}");
    mosaic.stop().await;
}

#[tokio::test]
async fn a_denied_call_relays_nothing() {
    let mosaic = Mosaic::start(DENY_PROGRESS, "never").await;
    let (caller, mut hearing) = Caller::asking();
    let client = mosaic.client_with(caller).await;
    let (denied, _token) = call_with_token(&client, "test_tool_with_progress", json!({})).await;
    assert_eq!(denied.is_error, Some(true));
    assert_eq!(
        denied.meta.as_ref().unwrap().0["mosaic/error"]["code"],
        "denied"
    );
    // A later allowed call's answer comes after anything the denied one could have relayed.
    let echoed = call(&client, "echo", json!({"text": "x"})).await;
    assert_eq!(text_of(&echoed), "x");
    assert!(heard_now(&mut hearing).is_empty());
    client.cancel().await.unwrap();
    mosaic.stop().await;
}
