//! The MCP server handler: lists the generated tools and the federated ones, turns each tool
//! call into one gateway call (or a meta tool's answer), passes on what a federated upstream
//! sends during its call (`relay`), and tells clients when the list changed (`notify`).

use crate::discovery::{META_CALL, META_SEARCH, Query};
use crate::notify;
use crate::progress;
use crate::relay::{self, SessionLevel};
use crate::result;
use crate::tasks::Tasks;
use crate::tools::{META_EXPLAIN, META_STATUS, catalog_tools, is_meta};
use mosaic_config::ToolList;
use mosaic_core::{ArgumentError, OpId, RequestContext, meta};
use mosaic_gateway::federated::Relay;
use mosaic_gateway::{CallError, CallRequest, Gateway};
#[expect(
    deprecated,
    reason = "logging is deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 sessions"
)]
use rmcp::model::SetLevelRequestParams;
use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResponse, CallToolResult, CancelTaskParams,
    CreateTaskResult, CustomRequest, CustomResult, ErrorCode, GetTaskParams, GetTaskResult,
    Implementation, JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
    ServerConfig, SubscriptionFilter, Tool, UpdateTaskParams,
};
use rmcp::service::{NotificationContext, RequestContext as McpContext, SubscriptionContext};
use rmcp::task_manager::TaskExit;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use serde_json::{Value, json};
use std::sync::Arc;

/// How long clients may treat the tool list as fresh: the catalog's tools change only with a
/// new release, which of them a caller is offered with a policy change; a change of the
/// federated tools is notified (`listChanged`).
const TOOLS_TTL_MS: u64 = 60 * 1000;

/// Serves MCP over one gateway. Cheap to clone (one per HTTP request or stdio session).
#[derive(Clone)]
pub struct McpHandler {
    gateway: Gateway,
    /// The API key calls are made with when no HTTP request carries one (stdio).
    key: Option<Arc<str>>,
    /// Long calls running as MCP tasks, shared by every clone.
    tasks: Tasks,
    /// The log level the session set: each session's own (see [`Self::for_session`]).
    log_level: SessionLevel,
}

impl McpHandler {
    /// A handler over `gateway` for HTTP, where each request carries its own credentials.
    pub fn new(gateway: Gateway) -> Self {
        Self {
            gateway,
            key: None,
            tasks: Tasks::default(),
            log_level: SessionLevel::default(),
        }
    }

    /// A handler whose calls are made as the owner of `key` (anonymous when `None`), for
    /// transports without per-request credentials.
    pub fn with_key(gateway: Gateway, key: Option<String>) -> Self {
        Self {
            gateway,
            key: key.map(Arc::from),
            tasks: Tasks::default(),
            log_level: SessionLevel::default(),
        }
    }

    /// A copy for one more session (or stateless request): the tasks shared, the log level
    /// its own.
    pub fn for_session(&self) -> Self {
        Self {
            log_level: SessionLevel::default(),
            ..self.clone()
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
        let Some(target) = Target::of(&params.name, &self.gateway) else {
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
        let mut arguments = params.arguments.unwrap_or_default();
        // `mosaic_tools_call` is the named tool's own call, as if it had been called directly.
        let target = match target {
            Target::CallByName => match self.by_name(&mut arguments) {
                Ok(target) => target,
                Err(error) => return Ok(result::failure(&error).into()),
            },
            target => target,
        };
        let answer = match target {
            Target::Operation(op) if runs_as_task(op, &context) => {
                return self.operation_as_task(ctx, op, arguments);
            }
            Target::Operation(op) => {
                return Ok(self.operation(&ctx, op, arguments, &context).await.into());
            }
            Target::Federated(name) => {
                return Ok(self
                    .federated(&ctx, &name, arguments, &context)
                    .await
                    .into());
            }
            Target::Status => self.status(&ctx, arguments).await,
            Target::Explain => self.explain(&ctx, arguments).await,
            Target::Search => self.search(&ctx, arguments),
            Target::CallByName => Err(invalid(
                "name",
                "mosaic_tools_call cannot call itself; name the tool to call",
            )),
        };
        Ok(match answer {
            Ok(value) => result::value(value),
            Err(error) => result::failure(&error),
        }
        .into())
    }

    /// The tool `mosaic_tools_call`'s arguments name, its arguments taking their place.
    fn by_name(&self, arguments: &mut JsonObject) -> Result<Target, CallError> {
        let name = match arguments.remove("name") {
            Some(Value::String(name)) => name,
            Some(_) => return Err(invalid("name", "must be a string")),
            None => {
                return Err(invalid(
                    "name",
                    "is required: the tool to call, as mosaic_tools_search names it",
                ));
            }
        };
        let inner = match arguments.remove("arguments") {
            None | Some(Value::Null) => JsonObject::new(),
            Some(Value::Object(inner)) => inner,
            Some(_) => return Err(invalid("arguments", "must be an object")),
        };
        if let Some(unknown) = arguments.keys().next() {
            return Err(invalid(unknown, "unknown field; expected name, arguments"));
        }
        *arguments = inner;
        Target::of(&name, &self.gateway).ok_or(CallError::UnknownOperation(name))
    }

    /// The tools this caller may call, as `tools/list` shows them: MosAIc's own (the
    /// catalog's that policy does not deny outright, and the meta tools), then the federated
    /// ones policy allows; with `only_meta`, the meta tools alone.
    fn offered(&self, ctx: &RequestContext, only_meta: bool) -> Vec<Tool> {
        let own = catalog_tools().iter().filter(|tool| {
            (!only_meta || is_meta(&tool.name))
                && Target::of(&tool.name, &self.gateway).is_some_and(|target| {
                    target
                        .operation()
                        .is_none_or(|operation| self.gateway.may_call(ctx, operation))
                })
        });
        let mut tools: Vec<Tool> = own.cloned().collect();
        if !only_meta {
            tools.extend(
                self.gateway
                    .federated_tools(ctx)
                    .iter()
                    .map(|tool| tool.offered()),
            );
        }
        tools
    }

    /// `mosaic_tools_search`: over every tool this caller may call, whatever the list shows.
    fn search(&self, ctx: &RequestContext, arguments: JsonObject) -> Result<Value, CallError> {
        let query = Query::parse(arguments).map_err(|(path, message)| invalid(&path, &message))?;
        Ok(query.run(&self.offered(ctx, false)))
    }

    /// One federated tool, through the gateway's federated path, what the upstream sends
    /// during the call passed on to the client; a client that cancels the request stops
    /// waiting for it.
    async fn federated(
        &self,
        ctx: &RequestContext,
        name: &str,
        arguments: JsonObject,
        context: &McpContext<RoleServer>,
    ) -> CallToolResult {
        let (relay, relayed) = Relay::new(relay::accepts(context, &self.log_level));
        let call = self
            .gateway
            .call_federated(ctx, name, Some(arguments), Some(relay));
        match relay::relaying(call, relayed, context).await {
            Some(Ok(answer)) => result::federated(&answer),
            Some(Err(error)) => result::failure(&error),
            None => result::failure(&CallError::Internal(format!(
                "{name} was cancelled by the client"
            ))),
        }
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
        let cache = self.gateway.cache_tiers();
        let warming = self.gateway.cache_warming();
        serde_json::to_value(instances)
            .and_then(|instances| {
                let mut status = json!({ "instances": instances, "cache": cache });
                if let Some(warming) = warming {
                    status["warming"] = serde_json::to_value(warming)?;
                }
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
    Search,
    CallByName,
    /// A federated tool, by its offered name.
    Federated(String),
}

impl Target {
    fn of(name: &str, gateway: &Gateway) -> Option<Self> {
        match name {
            META_STATUS => Some(Self::Status),
            META_EXPLAIN => Some(Self::Explain),
            META_SEARCH => Some(Self::Search),
            META_CALL => Some(Self::CallByName),
            _ => OpId::from_tool_name(name).map(Self::Operation).or_else(|| {
                gateway
                    .federated_tool(name)
                    .map(|_| Self::Federated(name.to_owned()))
            }),
        }
    }

    /// The operation id policies name it by; `None` for the discovery tools, which are
    /// offered to everyone (they show and call only what policy lets the caller call).
    fn operation(&self) -> Option<&'static str> {
        match self {
            Self::Operation(op) => Some(op.name()),
            Self::Status => Some(meta::PROVIDERS_STATUS),
            Self::Explain => Some(meta::ROUTE_EXPLAIN),
            Self::Federated(_) => Some(meta::FEDERATED_CALL),
            Self::Search | Self::CallByName => None,
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
    #[expect(
        deprecated,
        reason = "logging is deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 sessions"
    )]
    fn get_info(&self) -> ServerConfig {
        // `listChanged`: the federated tools change while the process runs (an upstream lists
        // others, a reload adds or removes one). Tasks carry long waits for clients that
        // declare the extension. Logging: federated upstreams' log messages are relayed to
        // the caller of the call they come from.
        let capabilities = ServerCapabilities::builder()
            .enable_logging()
            .enable_tools()
            .enable_tool_list_changed()
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

    /// The tools this caller may use: a catalog tool whose operation policy denies the caller
    /// outright — no rule could allow it on any resource — is left out (calling it anyway is
    /// still answered, as a denial), and so is a federated tool policy denies on its resource.
    /// With `server.mcp.tool_list: meta_only`, only the meta tools.
    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: McpContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let ctx = self
            .caller(&context)
            .map_err(|error| McpError::invalid_request(error.to_string(), None))?;
        let only_meta = self.gateway.http_options().tool_list == ToolList::MetaOnly;
        let offered = self.offered(&ctx, only_meta);
        let mut result = ListToolsResult::with_all_items(offered);
        // Protocol cache hints (2026-07-28), by the rules of REST's `Cache-Control`: the list
        // follows the caller's policy, so only the caller's own client may keep it, unless
        // policy decides every caller alike (then any client or intermediary may); a policy
        // reload shows within the TTL.
        result.ttl_ms = Some(TOOLS_TTL_MS);
        result.cache_scope = Some(if self.gateway.policy_same_for_every_caller() {
            CacheScope::Public
        } else {
            CacheScope::Private
        });
        Ok(result)
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        catalog_tools()
            .iter()
            .find(|tool| tool.name == name)
            .cloned()
            .or_else(|| self.gateway.federated_tool(name).map(|tool| tool.offered()))
    }

    /// A 2025-11-25 session (or stdio) is told of every later change of the tool list.
    async fn on_initialized(&self, context: NotificationContext<RoleServer>) {
        notify::spawn_for_session(&self.gateway, context.peer);
    }

    /// 2026-07-28 clients subscribe to tool-list changes; nothing else changes here.
    fn accepted_subscription_filter(
        &self,
        _requested: &SubscriptionFilter,
    ) -> Option<SubscriptionFilter> {
        Some(SubscriptionFilter::builder().tools_list_changed().build())
    }

    async fn listen(&self, context: SubscriptionContext) -> Result<(), McpError> {
        notify::serve_subscription(&self.gateway, context).await;
        Ok(())
    }

    /// The lowest level of the federated upstreams' log messages this session hears.
    #[expect(
        deprecated,
        reason = "logging is deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 sessions"
    )]
    async fn set_level(
        &self,
        request: SetLevelRequestParams,
        _context: McpContext<RoleServer>,
    ) -> Result<(), McpError> {
        self.log_level.set(request.level);
        Ok(())
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
