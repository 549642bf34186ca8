//! The MCP server handler: lists the generated tools and turns each tool call into one gateway
//! call (or a meta tool's answer).

use crate::result;
use crate::tools::{META_EXPLAIN, META_STATUS, catalog_tools};
use mosaic_core::{OpId, RequestContext};
use mosaic_gateway::{CallError, CallRequest, Gateway};
use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResponse, CallToolResult, Implementation,
    JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext as McpContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use serde_json::{Value, json};

/// How long clients may treat the tool list as fresh: it changes only with a new release.
const TOOLS_TTL_MS: u64 = 5 * 60 * 1000;

/// Serves MCP over one gateway. Cheap to clone (one per HTTP request or stdio session).
#[derive(Clone)]
pub struct McpHandler {
    gateway: Gateway,
}

impl McpHandler {
    /// A handler over `gateway`.
    pub fn new(gateway: Gateway) -> Self {
        Self { gateway }
    }

    /// The caller's context: from the HTTP `Authorization` header when the call came over HTTP,
    /// anonymous (where configured) over stdio.
    fn caller(&self, context: &McpContext<RoleServer>) -> Result<RequestContext, CallError> {
        let authorization = context
            .extensions
            .get::<http::request::Parts>()
            .and_then(|parts| parts.headers.get(http::header::AUTHORIZATION))
            .and_then(|value| value.to_str().ok());
        let bearer = mosaic_gateway::auth::bearer_token(authorization);
        let from_env = std::env::var("MOSAIC_API_KEY").ok();
        self.gateway.authenticate(bearer.or(from_env.as_deref()))
    }

    async fn call(
        &self,
        params: CallToolRequestParams,
        context: McpContext<RoleServer>,
    ) -> Result<CallToolResult, McpError> {
        let ctx = match self.caller(&context) {
            Ok(ctx) => ctx,
            Err(error) => return Ok(result::failure(&error)),
        };
        let mut arguments = params.arguments.unwrap_or_default();
        match params.name.as_ref() {
            META_STATUS => {
                let instances = self.gateway.providers_status().await;
                return Ok(result::value(json!({ "instances": instances })));
            }
            META_EXPLAIN => return Ok(self.explain(&ctx, arguments)),
            _ => {}
        }
        let Some(op) = OpId::from_tool_name(&params.name) else {
            return Err(McpError::invalid_params(
                format!(
                    "unknown tool `{}`; tools/list names every tool",
                    params.name
                ),
                None,
            ));
        };
        let provider = match arguments.remove("provider") {
            None | Some(Value::Null) => None,
            Some(Value::String(name)) => Some(name),
            Some(_) => {
                let error = CallError::InvalidArguments(mosaic_core::ArgumentError::new(
                    "provider",
                    "must be a string",
                ));
                return Ok(result::failure(&error));
            }
        };
        let request = CallRequest {
            op,
            arguments: Value::Object(arguments),
            provider,
        };
        Ok(match self.gateway.call(&ctx, request).await {
            Ok(answer) => result::success(&answer),
            Err(error) => result::failure(&error),
        })
    }

    fn explain(&self, ctx: &RequestContext, mut arguments: JsonObject) -> CallToolResult {
        let invalid = |path: &str, message: &str| {
            result::failure(&CallError::InvalidArguments(
                mosaic_core::ArgumentError::new(path, message),
            ))
        };
        let Some(Value::String(name)) = arguments.remove("operation") else {
            return invalid("operation", "is required: an operation id or tool name");
        };
        let Some(op) = OpId::from_name(&name).or_else(|| OpId::from_tool_name(&name)) else {
            return result::failure(&CallError::UnknownOperation(name));
        };
        let call_arguments = arguments
            .remove("arguments")
            .unwrap_or(Value::Object(JsonObject::new()));
        let provider = match arguments.remove("provider") {
            None | Some(Value::Null) => None,
            Some(Value::String(name)) => Some(name),
            Some(_) => return invalid("provider", "must be a string"),
        };
        if let Some(unknown) = arguments.keys().next() {
            return invalid(
                unknown,
                "unknown field; expected operation, arguments, provider",
            );
        }
        match self.gateway.explain(
            ctx,
            &CallRequest {
                op,
                arguments: call_arguments,
                provider,
            },
        ) {
            Ok(explanation) => {
                result::value(serde_json::to_value(explanation).unwrap_or(Value::Null))
            }
            Err(error) => result::failure(&error),
        }
    }
}

impl ServerHandler for McpHandler {
    fn get_info(&self) -> ServerConfig {
        let capabilities = ServerCapabilities::builder().enable_tools().build();
        ServerConfig::new(capabilities)
            .with_server_info(Implementation::new("mosaic", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "MosAIc fronts Git forges, CI, knowledge bases and trackers with one set of typed tools. \
                 Each result's _meta[\"mosaic/served\"] says which provider served it and whether it came from cache; \
                 mosaic_route_explain shows how a call would be routed.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: McpContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let mut result = ListToolsResult::with_all_items(catalog_tools().to_vec());
        // Protocol cache hints (2026-07-28): the list is the same for every caller.
        result.ttl_ms = Some(TOOLS_TTL_MS);
        result.cache_scope = Some(CacheScope::Public);
        Ok(result)
    }

    fn get_tool(&self, name: &str) -> Option<rmcp::model::Tool> {
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
        self.call(request, context)
            .await
            .map(CallToolResponse::from)
    }
}
