//! The MCP server handler: lists the generated tools and turns each tool call into one gateway
//! call (or a meta tool's answer).

use crate::progress;
use crate::result;
use crate::tasks::Tasks;
use crate::tools::{META_EXPLAIN, META_STATUS, catalog_tools};
use mosaic_core::{ArgumentError, OpId, RequestContext, meta};
use mosaic_gateway::{CallError, CallRequest, Gateway};
use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResponse, CallToolResult, CancelTaskParams,
    CreateTaskResult, CustomRequest, CustomResult, ErrorCode, GetTaskParams, GetTaskResult,
    Implementation, JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
    ServerConfig, Tool, UpdateTaskParams,
};
use rmcp::service::RequestContext as McpContext;
use rmcp::task_manager::TaskExit;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use serde_json::{Value, json};
use std::sync::Arc;

/// How long clients may treat the tool list as fresh: the tools change only with a new
/// release, which of them a caller is offered with a policy change.
const TOOLS_TTL_MS: u64 = 60 * 1000;

/// Serves MCP over one gateway. Cheap to clone (one per HTTP request or stdio session).
#[derive(Clone)]
pub struct McpHandler {
    gateway: Gateway,
    /// The API key calls are made with when no HTTP request carries one (stdio).
    key: Option<Arc<str>>,
    /// Long calls running as MCP tasks, shared by every clone.
    tasks: Tasks,
}

impl McpHandler {
    /// A handler over `gateway` for HTTP, where each request carries its own credentials.
    pub fn new(gateway: Gateway) -> Self {
        Self {
            gateway,
            key: None,
            tasks: Tasks::default(),
        }
    }

    /// A handler whose calls are made as the owner of `key` (anonymous when `None`), for
    /// transports without per-request credentials.
    pub fn with_key(gateway: Gateway, key: Option<String>) -> Self {
        Self {
            gateway,
            key: key.map(Arc::from),
            tasks: Tasks::default(),
        }
    }

    /// The caller's context. Over HTTP the authentication layer has put it in the request's
    /// extensions (a key from this process's environment must never stand in for an HTTP
    /// caller's missing one); elsewhere the handler's own key decides.
    fn caller(&self, context: &McpContext<RoleServer>) -> Result<RequestContext, CallError> {
        match context.extensions.get::<http::request::Parts>() {
            Some(parts) => match parts.extensions.get::<RequestContext>() {
                Some(ctx) => Ok(ctx.clone()),
                None => {
                    let authorization = parts
                        .headers
                        .get(http::header::AUTHORIZATION)
                        .and_then(|value| value.to_str().ok());
                    self.gateway
                        .authenticate(mosaic_gateway::auth::bearer_token(authorization))
                }
            },
            None => self.gateway.authenticate(self.key.as_deref()),
        }
    }

    /// The caller of a `tasks/*` request, or the protocol error that it has none.
    fn task_caller(&self, context: &McpContext<RoleServer>) -> Result<RequestContext, McpError> {
        self.caller(context)
            .map_err(|error| McpError::invalid_request(error.to_string(), None))
    }

    async fn call(
        &self,
        params: CallToolRequestParams,
        context: McpContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let Some(target) = Target::of(&params.name) else {
            // A protocol error: there is no tool to report an execution error for.
            return Err(McpError::invalid_params(
                format!(
                    "unknown tool `{}`; tools/list names every tool",
                    params.name
                ),
                Some(json!({ "tool": params.name })),
            ));
        };
        let ctx = match self.caller(&context) {
            Ok(ctx) => ctx,
            Err(error) => return Ok(result::failure(&error).into()),
        };
        let arguments = params.arguments.unwrap_or_default();
        let answer = match target {
            Target::Operation(op) if runs_as_task(op, &context) => {
                return self.operation_as_task(ctx, op, arguments);
            }
            Target::Operation(op) => {
                return Ok(self.operation(&ctx, op, arguments, &context).await.into());
            }
            Target::Status => self.status(&ctx, arguments).await,
            Target::Explain => self.explain(&ctx, arguments).await,
        };
        Ok(match answer {
            Ok(value) => result::value(value),
            Err(error) => result::failure(&error),
        }
        .into())
    }

    /// One catalog operation as an MCP task: answered at once with the task's handle; the
    /// call runs on, its progress reports becoming the task's status message, until it
    /// answers (the task's result is exactly the tool result the call would have given) or
    /// `tasks/cancel` stops it.
    fn operation_as_task(
        &self,
        ctx: RequestContext,
        op: OpId,
        mut arguments: JsonObject,
    ) -> Result<CallToolResponse, McpError> {
        let provider = match take_provider(&mut arguments) {
            Ok(provider) => provider,
            Err(error) => return Ok(result::failure(&error).into()),
        };
        let request = CallRequest {
            op,
            arguments: Value::Object(arguments),
            provider,
        };
        let gateway = self.gateway.clone();
        let task = self.tasks.spawn(&ctx.clone(), move |task| async move {
            let (sink, mut heard) =
                tokio::sync::mpsc::unbounded_channel::<mosaic_gateway::WaitProgress>();
            let reporter = task.clone();
            let reporting = tokio::spawn(async move {
                while let Some(report) = heard.recv().await {
                    reporter.set_status_message(report.message());
                }
            });
            let answered = tokio::select! {
                answered = gateway.call_with_progress(&ctx, request, Some(sink)) => answered,
                // Stops the waiting; the run itself goes on.
                () = task.cancelled() => return Err(TaskExit::Cancelled),
            };
            // The last report is the task's message before its result shows.
            let _ = reporting.await;
            Ok(match answered {
                Ok(answer) => result::success(&answer),
                Err(error) => result::failure(&error),
            })
        })?;
        Ok(CallToolResponse::Task(CreateTaskResult::new(task)))
    }

    /// One catalog operation. A client that gave a progress token hears how a long call goes
    /// (`ci.runs.wait`: each change of the run) as `notifications/progress`; a client that
    /// cancels the request stops the call where it is (a wait stops waiting; a write runs to
    /// its end on its own task, as for a caller that hangs up).
    async fn operation(
        &self,
        ctx: &RequestContext,
        op: OpId,
        mut arguments: JsonObject,
        context: &McpContext<RoleServer>,
    ) -> CallToolResult {
        let provider = match take_provider(&mut arguments) {
            Ok(provider) => provider,
            Err(error) => return result::failure(&error),
        };
        let request = CallRequest {
            op,
            arguments: Value::Object(arguments),
            provider,
        };
        let (sink, forwarding) = match context.meta.get_progress_token() {
            Some(token) => {
                let (sink, heard) = tokio::sync::mpsc::unbounded_channel();
                let forwarding =
                    tokio::spawn(progress::forward(heard, token, context.peer.clone()));
                (Some(sink), Some(forwarding))
            }
            None => (None, None),
        };
        let call = self.gateway.call_with_progress(ctx, request, sink);
        let answered = tokio::select! {
            answered = call => Some(answered),
            () = context.ct.cancelled() => None,
        };
        if let Some(forwarding) = forwarding {
            // Every report is sent before the answer, which must come last.
            let _ = forwarding.await;
        }
        match answered {
            Some(Ok(answer)) => result::success(&answer),
            Some(Err(error)) => result::failure(&error),
            None => result::failure(&CallError::Internal(format!(
                "{} was cancelled by the client",
                op.name()
            ))),
        }
    }

    async fn status(
        &self,
        ctx: &RequestContext,
        arguments: JsonObject,
    ) -> Result<Value, CallError> {
        if let Some(unknown) = arguments.keys().next() {
            return Err(invalid(
                unknown,
                "unknown field; this tool takes no arguments",
            ));
        }
        let instances = self.gateway.providers_status(ctx).await?;
        let folder = self.gateway.plugin_folder();
        serde_json::to_value(instances)
            .and_then(|instances| {
                let mut status = json!({ "instances": instances });
                if let Some(folder) = folder {
                    status["plugins"] = serde_json::to_value(&*folder)?;
                }
                Ok(status)
            })
            .map_err(|error| CallError::Internal(format!("provider status: {error}")))
    }

    async fn explain(
        &self,
        ctx: &RequestContext,
        mut arguments: JsonObject,
    ) -> Result<Value, CallError> {
        let name = match arguments.remove("operation") {
            Some(Value::String(name)) => name,
            Some(_) => return Err(invalid("operation", "must be a string")),
            None => {
                return Err(invalid(
                    "operation",
                    "is required: an operation id (`git.issues.list`) or tool name",
                ));
            }
        };
        let op = OpId::from_name(&name)
            .or_else(|| OpId::from_tool_name(&name))
            .ok_or(CallError::UnknownOperation(name))?;
        let call_arguments = match arguments.remove("arguments") {
            None | Some(Value::Null) => Value::Object(JsonObject::new()),
            Some(Value::Object(object)) => Value::Object(object),
            Some(_) => return Err(invalid("arguments", "must be an object")),
        };
        let provider = take_provider(&mut arguments)?;
        if let Some(unknown) = arguments.keys().next() {
            return Err(invalid(
                unknown,
                "unknown field; expected operation, arguments, provider",
            ));
        }
        let request = CallRequest {
            op,
            arguments: call_arguments,
            provider,
        };
        let explanation = self.gateway.explain(ctx, &request).await?;
        serde_json::to_value(explanation)
            .map_err(|error| CallError::Internal(format!("route explanation: {error}")))
    }
}

/// Whether a call of `op` is run as an MCP task: only a long wait, and only for a client that
/// declared the tasks extension (for the session, or in this request's `_meta`).
fn runs_as_task(op: OpId, context: &McpContext<RoleServer>) -> bool {
    op == OpId::CiRunsWait
        && context
            .client_capabilities()
            .is_some_and(|capabilities| capabilities.supports_tasks())
}

/// What a tool name names.
enum Target {
    Operation(OpId),
    Status,
    Explain,
}

impl Target {
    fn of(name: &str) -> Option<Self> {
        match name {
            META_STATUS => Some(Self::Status),
            META_EXPLAIN => Some(Self::Explain),
            _ => OpId::from_tool_name(name).map(Self::Operation),
        }
    }

    /// The operation id policies name it by.
    fn operation(&self) -> &'static str {
        match self {
            Self::Operation(op) => op.name(),
            Self::Status => meta::PROVIDERS_STATUS,
            Self::Explain => meta::ROUTE_EXPLAIN,
        }
    }
}

/// Splits the optional `provider` pin off a tool's arguments.
fn take_provider(arguments: &mut JsonObject) -> Result<Option<String>, CallError> {
    match arguments.remove("provider") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(name)) => Ok(Some(name)),
        Some(_) => Err(invalid(
            "provider",
            "must be a string naming a provider instance",
        )),
    }
}

fn invalid(path: &str, message: &str) -> CallError {
    CallError::InvalidArguments(ArgumentError::new(path, message))
}

impl ServerHandler for McpHandler {
    fn get_info(&self) -> ServerConfig {
        // `listChanged` stays off: the tools come from the compiled catalog and never change
        // while the process runs (a configuration reload changes routes, not tools). Tasks
        // carry long waits for clients that declare the extension.
        let capabilities = ServerCapabilities::builder()
            .enable_tools()
            .enable_tasks()
            .build();
        ServerConfig::new(capabilities)
            .with_server_info(Implementation::new("mosaic", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "MosAIc fronts Git forges, CI, knowledge bases and trackers with one set of typed tools. \
                 Each result's _meta[\"mosaic/served\"] says which provider served it and whether it came from cache; \
                 mosaic_route_explain shows how a call would be routed.",
            )
    }

    /// The tools this caller may use: a tool whose operation policy denies the caller
    /// outright — no rule could allow it on any resource — is left out (calling it anyway is
    /// still answered, as a denial).
    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: McpContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let ctx = self
            .caller(&context)
            .map_err(|error| McpError::invalid_request(error.to_string(), None))?;
        let offered: Vec<Tool> = catalog_tools()
            .iter()
            .filter(|tool| {
                Target::of(&tool.name)
                    .is_some_and(|target| self.gateway.may_call(&ctx, target.operation()))
            })
            .cloned()
            .collect();
        let mut result = ListToolsResult::with_all_items(offered);
        // Protocol cache hints (2026-07-28): the list follows the caller's policy, so only the
        // caller's own client may keep it; a policy reload shows within the TTL.
        result.ttl_ms = Some(TOOLS_TTL_MS);
        result.cache_scope = Some(CacheScope::Private);
        Ok(result)
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        catalog_tools()
            .iter()
            .find(|tool| tool.name == name)
            .cloned()
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: McpContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        self.call(request, context).await
    }

    async fn get_task(
        &self,
        request: GetTaskParams,
        context: McpContext<RoleServer>,
    ) -> Result<GetTaskResult, McpError> {
        let ctx = self.task_caller(&context)?;
        self.tasks
            .get(&ctx, &request.task_id)
            .map(GetTaskResult::new)
    }

    /// No task of this server asks the client for input, so every response is one nobody
    /// waits for, which the extension says to ignore; the task must still be the caller's.
    async fn update_task(
        &self,
        request: UpdateTaskParams,
        context: McpContext<RoleServer>,
    ) -> Result<(), McpError> {
        let ctx = self.task_caller(&context)?;
        self.tasks.get(&ctx, &request.task_id).map(|_| ())
    }

    async fn cancel_task(
        &self,
        request: CancelTaskParams,
        context: McpContext<RoleServer>,
    ) -> Result<(), McpError> {
        let ctx = self.task_caller(&context)?;
        self.tasks.cancel(&ctx, &request.task_id)
    }

    /// The SDK parses a request of a method it knows into that method's params; when they do
    /// not fit (`tools/call` with `arguments: [1, 2]`), the request arrives here under its
    /// own name. That is invalid params (-32602, naming the field), not an unknown method.
    async fn on_custom_request(
        &self,
        request: CustomRequest,
        _context: McpContext<RoleServer>,
    ) -> Result<CustomResult, McpError> {
        match misfit_params(&request) {
            Some(problem) => Err(McpError::invalid_params(
                format!("invalid params of {}: {problem}", request.method),
                None,
            )),
            None => Err(McpError::new(
                ErrorCode::METHOD_NOT_FOUND,
                format!("method not found: {}", request.method),
                None,
            )),
        }
    }
}

/// What is wrong with the params of a request of a method this server serves, if anything.
fn misfit_params(request: &CustomRequest) -> Option<String> {
    fn misfit<T: serde::de::DeserializeOwned>(params: &Value) -> Option<String> {
        serde_path_to_error::deserialize::<_, T>(params)
            .err()
            .map(|error| match error.path().to_string().as_str() {
                "." => error.inner().to_string(),
                path => format!("`{path}`: {}", error.inner()),
            })
    }
    let params = request
        .params
        .clone()
        .unwrap_or(Value::Object(JsonObject::new()));
    match request.method.as_str() {
        "tools/call" => misfit::<CallToolRequestParams>(&params),
        "tools/list" => misfit::<PaginatedRequestParams>(&params),
        _ => None,
    }
}
