//! A small MCP server for the federation tests and benchmark, over stdio
//! (`mosaic-fixture-upstream stdio`) or streamable HTTP with JSON answers
//! (`mosaic-fixture-upstream http 127.0.0.1:PORT`, at `/mcp`: 2026-07-28 stateless, 2025-11-25
//! with sessions).
//!
//! Tools: `echo {text}`, `add {a, b}`, `pid` (its process id, so a test can tell a restarted
//! server from the old one), `whoami` (the `Authorization` header its HTTP request carried,
//! `none` otherwise: the gateway must send the upstream's credentials, never its caller's),
//! `fail` (a tool-level error), the `test_*` tools of the MCP conformance suite's `tools-call-*`
//! scenarios (among them those that talk back to the client during the call: log messages,
//! progress, sampling and elicitation requests), `slow {ms}` (answers after `ms`
//! milliseconds), and `grow`, which adds a tool `extra_<n>` and tells the client with
//! `notifications/tools/list_changed`.
#![expect(
    deprecated,
    reason = "logging and sampling are deprecated from protocol 2026-07-28 on; the conformance scenarios of 2025-11-25 use them"
)]

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ClientResult, ContentBlock,
    CreateMessageRequest, ElicitRequest, Implementation, JsonObject, ListToolsResult, LoggingLevel,
    LoggingMessageNotificationParam, PaginatedRequestParams, ProgressNotificationParam,
    ResourceContents, ServerCapabilities, ServerConfig, ServerRequest, SetLevelRequestParams, Tool,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Clone)]
struct Fixture {
    tools: Arc<Mutex<Vec<Tool>>>,
}

fn tool(name: &str, description: &str, schema: Value) -> Tool {
    let Value::Object(schema) = schema else {
        unreachable!("every fixture schema is an object")
    };
    Tool::new_with_raw(
        name.to_owned(),
        Some(description.to_owned().into()),
        Arc::new(schema),
    )
}

fn no_arguments() -> Value {
    json!({"type": "object", "properties": {}})
}

impl Fixture {
    fn new() -> Self {
        let tools = vec![
            tool(
                "echo",
                "Answers the text it is given.",
                json!({"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}),
            ),
            tool(
                "add",
                "Adds two numbers.",
                json!({"type": "object", "properties": {"a": {"type": "number"}, "b": {"type": "number"}}, "required": ["a", "b"]}),
            ),
            tool("pid", "The server's process id.", no_arguments()),
            tool(
                "whoami",
                "The Authorization header the request carried.",
                no_arguments(),
            ),
            tool("fail", "Always answers a tool error.", no_arguments()),
            tool(
                "grow",
                "Adds a tool and says the tool list changed.",
                no_arguments(),
            ),
            // The tools the MCP conformance suite's `tools-call-*` scenarios call, answering as
            // its scenario descriptions say.
            tool("test_simple_text", "Answers simple text.", no_arguments()),
            tool("test_image_content", "Answers an image.", no_arguments()),
            tool("test_audio_content", "Answers audio.", no_arguments()),
            tool(
                "test_embedded_resource",
                "Answers an embedded resource.",
                no_arguments(),
            ),
            tool(
                "test_multiple_content_types",
                "Answers text, an image and a resource.",
                no_arguments(),
            ),
            tool(
                "test_error_handling",
                "Always answers a tool error.",
                no_arguments(),
            ),
            tool(
                "test_tool_with_logging",
                "Sends three log messages, 50 ms apart, then answers.",
                no_arguments(),
            ),
            tool(
                "test_tool_with_progress",
                "Reports progress 0, 50 and 100 of 100, 50 ms apart, then answers.",
                no_arguments(),
            ),
            tool(
                "test_sampling",
                "Asks the client to sample a message for `prompt` and answers what it said.",
                json!({"type": "object", "properties": {"prompt": {"type": "string"}}, "required": ["prompt"]}),
            ),
            tool(
                "test_elicitation",
                "Asks the user, through the client, for a username and an email with `message`, and answers what they said.",
                json!({"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]}),
            ),
            tool(
                "slow",
                "Answers after `ms` milliseconds.",
                json!({"type": "object", "properties": {"ms": {"type": "integer", "minimum": 0}}, "required": ["ms"]}),
            ),
        ];
        Self {
            tools: Arc::new(Mutex::new(tools)),
        }
    }

    fn tools(&self) -> Vec<Tool> {
        self.tools
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// A 1x1 red pixel, PNG, base64.
const RED_PIXEL_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
/// A WAV header with no samples, base64.
const SILENT_WAV: &str = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";

fn resource(uri: &str, mime_type: &str, text: &str) -> ContentBlock {
    ContentBlock::resource(ResourceContents::text(text, uri).with_mime_type(mime_type))
}

fn text(value: impl Into<String>) -> CallToolResponse {
    CallToolResult::success(vec![ContentBlock::text(value)]).into()
}

fn string<'a>(arguments: &'a JsonObject, name: &str) -> Result<&'a str, ErrorData> {
    arguments
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| ErrorData::invalid_params(format!("`{name}` must be a string"), None))
}

/// The pause between the messages of the tools that talk back during a call.
const STEP: std::time::Duration = std::time::Duration::from_millis(50);

/// `test_tool_with_logging`: three info messages, 50 ms apart.
async fn with_logging(context: &RequestContext<RoleServer>) -> CallToolResponse {
    let said = [
        "Tool execution started",
        "Tool processing data",
        "Tool execution completed",
    ];
    for (index, message) in said.into_iter().enumerate() {
        if index > 0 {
            tokio::time::sleep(STEP).await;
        }
        let log = LoggingMessageNotificationParam::new(LoggingLevel::Info, json!(message))
            .with_logger("test_tool_with_logging");
        let _ = context.peer.notify_logging_message(log).await;
    }
    text("Logging test completed")
}

/// `test_tool_with_progress`: 0, 50 and 100 of 100 under the request's token, 50 ms apart.
async fn with_progress(context: &RequestContext<RoleServer>) -> CallToolResponse {
    for (index, progress) in [0.0, 50.0, 100.0].into_iter().enumerate() {
        if index > 0 {
            tokio::time::sleep(STEP).await;
        }
        if let Some(token) = context.meta.get_progress_token() {
            let param = ProgressNotificationParam::new(token, progress).with_total(100.0);
            let _ = context.peer.notify_progress(param).await;
        }
    }
    text("Progress test completed")
}

/// Asks the client `request`, which needs the capability `needs` declared; a tool error
/// when it is not, or when the client answered an error.
async fn ask(
    context: &RequestContext<RoleServer>,
    needs: &str,
    request: ServerRequest,
) -> Result<ClientResult, CallToolResponse> {
    let declared = context.peer.peer_info().is_some_and(|info| match needs {
        "sampling" => info.capabilities.sampling.is_some(),
        _ => info.capabilities.elicitation.is_some(),
    });
    if !declared {
        return Err(CallToolResult::error(vec![ContentBlock::text(format!(
            "the client does not support {needs}"
        ))])
        .into());
    }
    context.peer.send_request(request).await.map_err(|error| {
        CallToolResult::error(vec![ContentBlock::text(format!("{needs} failed: {error}"))]).into()
    })
}

/// `test_sampling`: asks the client to sample a message for `prompt`.
async fn sampling(
    arguments: &JsonObject,
    context: &RequestContext<RoleServer>,
) -> Result<CallToolResponse, ErrorData> {
    let prompt = string(arguments, "prompt")?;
    let params = serde_json::from_value(json!({
        "messages": [{"role": "user", "content": {"type": "text", "text": prompt}}],
        "maxTokens": 100,
    }))
    .map_err(|error| ErrorData::internal_error(error.to_string(), None))?;
    let request = ServerRequest::CreateMessageRequest(CreateMessageRequest::new(params));
    Ok(match ask(context, "sampling", request).await {
        Ok(ClientResult::CreateMessageResult(result)) => {
            let said = serde_json::to_value(&result.message.content).unwrap_or_default();
            let said = said
                .get("text")
                .and_then(Value::as_str)
                .map_or_else(|| said.to_string(), str::to_owned);
            text(format!("LLM response: {said}"))
        }
        Ok(other) => CallToolResult::error(vec![ContentBlock::text(format!(
            "sampling answered {other:?}"
        ))])
        .into(),
        Err(failed) => failed,
    })
}

/// `test_elicitation`: asks the user, through the client, for a username and an email.
async fn elicitation(
    arguments: &JsonObject,
    context: &RequestContext<RoleServer>,
) -> Result<CallToolResponse, ErrorData> {
    let message = string(arguments, "message")?;
    let params = serde_json::from_value(json!({
        "message": message,
        "requestedSchema": {
            "type": "object",
            "properties": {
                "username": {"type": "string", "description": "User's response"},
                "email": {"type": "string", "description": "User's email address"},
            },
            "required": ["username", "email"],
        },
    }))
    .map_err(|error| ErrorData::internal_error(error.to_string(), None))?;
    let request = ServerRequest::ElicitRequest(ElicitRequest::new(params));
    Ok(match ask(context, "elicitation", request).await {
        Ok(ClientResult::ElicitResult(result)) => {
            let answer = serde_json::to_value(&result).unwrap_or_default();
            text(format!(
                "User response: action={}, content={}",
                answer["action"].as_str().unwrap_or("unknown"),
                answer.get("content").cloned().unwrap_or(Value::Null)
            ))
        }
        Ok(other) => CallToolResult::error(vec![ContentBlock::text(format!(
            "elicitation answered {other:?}"
        ))])
        .into(),
        Err(failed) => failed,
    })
}

fn number(arguments: &JsonObject, name: &str) -> Result<f64, ErrorData> {
    arguments
        .get(name)
        .and_then(Value::as_f64)
        .ok_or_else(|| ErrorData::invalid_params(format!("`{name}` must be a number"), None))
}

impl ServerHandler for Fixture {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_logging()
                .enable_tools()
                .enable_tool_list_changed()
                .build(),
        )
        .with_server_info(Implementation::new(
            "mosaic-fixture-upstream",
            env!("CARGO_PKG_VERSION"),
        ))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools()))
    }

    /// Accepted; every message is sent whatever the level, as the conformance tools ask.
    async fn set_level(
        &self,
        _request: SetLevelRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<(), ErrorData> {
        Ok(())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let arguments = request.arguments.unwrap_or_default();
        match request.name.as_ref() {
            "echo" => match arguments.get("text").and_then(Value::as_str) {
                Some(said) => Ok(text(said)),
                None => Err(ErrorData::invalid_params("`text` must be a string", None)),
            },
            "add" => {
                let sum = number(&arguments, "a")? + number(&arguments, "b")?;
                Ok(text(sum.to_string()))
            }
            "pid" => Ok(text(std::process::id().to_string())),
            "slow" => {
                let ms = number(&arguments, "ms")?;
                tokio::time::sleep(std::time::Duration::from_millis(ms as u64)).await;
                Ok(text("slept"))
            }
            "whoami" => {
                let authorization = context
                    .extensions
                    .get::<http::request::Parts>()
                    .and_then(|parts| parts.headers.get(http::header::AUTHORIZATION))
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or("none")
                    .to_owned();
                Ok(text(authorization))
            }
            "test_tool_with_logging" => Ok(with_logging(&context).await),
            "test_tool_with_progress" => Ok(with_progress(&context).await),
            "test_sampling" => sampling(&arguments, &context).await,
            "test_elicitation" => elicitation(&arguments, &context).await,
            "test_simple_text" => Ok(text("This is a simple text response for testing.")),
            "test_image_content" => Ok(CallToolResult::success(vec![ContentBlock::image(
                RED_PIXEL_PNG,
                "image/png",
            )])
            .into()),
            "test_audio_content" => Ok(CallToolResult::success(vec![ContentBlock::audio(
                SILENT_WAV,
                "audio/wav",
            )])
            .into()),
            "test_embedded_resource" => Ok(CallToolResult::success(vec![resource(
                "test://embedded-resource",
                "text/plain",
                "This is an embedded resource content.",
            )])
            .into()),
            "test_multiple_content_types" => Ok(CallToolResult::success(vec![
                ContentBlock::text("Multiple content types test:"),
                ContentBlock::image(RED_PIXEL_PNG, "image/png"),
                resource(
                    "test://mixed-content-resource",
                    "application/json",
                    r#"{"test":"data","value":123}"#,
                ),
            ])
            .into()),
            "test_error_handling" => Ok(CallToolResult::error(vec![ContentBlock::text(
                "This tool intentionally returns an error for testing",
            )])
            .into()),
            "fail" => {
                Ok(CallToolResult::error(vec![ContentBlock::text("it failed, as asked")]).into())
            }
            "grow" => {
                let name = {
                    let mut tools = self.tools.lock().unwrap_or_else(PoisonError::into_inner);
                    let name = format!("extra_{}", tools.len());
                    tools.push(tool(&name, "A tool added at run time.", no_arguments()));
                    name
                };
                let _ = context.peer.notify_tool_list_changed().await;
                Ok(text(name))
            }
            other if self.tools().iter().any(|tool| tool.name == other) => Ok(text(other)),
            other => Err(ErrorData::invalid_params(
                format!("no tool `{other}`"),
                None,
            )),
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    match (args.next().as_deref(), args.next()) {
        (Some("stdio"), None) => {
            let running = match Fixture::new().serve(rmcp::transport::stdio()).await {
                Ok(running) => running,
                Err(error) => {
                    eprintln!("mosaic-fixture-upstream: {error}");
                    std::process::exit(1);
                }
            };
            let _ = running.waiting().await;
        }
        (Some("http"), Some(address)) => {
            let config = StreamableHttpServerConfig::default()
                .with_legacy_session_mode(true)
                .with_json_response(true)
                .disable_allowed_hosts();
            let service = StreamableHttpService::new(
                || Ok(Fixture::new()),
                Arc::new(LocalSessionManager::default()),
                config,
            );
            let app = axum::Router::new().route_service("/mcp", service);
            let listener = match tokio::net::TcpListener::bind(&address).await {
                Ok(listener) => listener,
                Err(error) => {
                    eprintln!("mosaic-fixture-upstream: cannot listen on {address}: {error}");
                    std::process::exit(1);
                }
            };
            // The first line tells whoever started it where it listens (`http 127.0.0.1:0`).
            match listener.local_addr() {
                Ok(bound) => println!("listening on {bound}"),
                Err(error) => {
                    eprintln!("mosaic-fixture-upstream: {error}");
                    std::process::exit(1);
                }
            }
            if let Err(error) = axum::serve(listener, app).await {
                eprintln!("mosaic-fixture-upstream: {error}");
                std::process::exit(1);
            }
        }
        _ => {
            eprintln!("usage: mosaic-fixture-upstream stdio | http ADDRESS");
            std::process::exit(2);
        }
    }
}
