//! The MCP client side of one upstream connection: what the gateway says about itself when it
//! connects, the notification it acts on itself, `notifications/tools/list_changed` (which
//! wakes the supervisor to read the tool list again), and the upstream's requests it relays to
//! the caller of the call they belong to (`sampling/createMessage`, `elicitation/create`).
#![expect(
    deprecated,
    reason = "sampling is deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 callers"
)]

use crate::routes::Routes;
use rmcp::model::{
    ClientCapabilities, ClientConfig, ClientResult, CreateMessageRequest,
    CreateMessageRequestParams, CreateMessageResult, ElicitRequest, ElicitRequestParams,
    ElicitResult, ElicitationCapability, FormElicitationCapability, Implementation,
    SamplingCapability, ServerRequest, UrlElicitationCapability,
};
use rmcp::service::{InboundStreamOrigin, NotificationContext, RequestContext};
use rmcp::{ClientHandler, ErrorData, RoleClient};
use std::sync::Arc;
use tokio::sync::Notify;

/// The client handler of one connection.
#[derive(Clone)]
pub(crate) struct Listener {
    /// Woken on every `notifications/tools/list_changed`.
    pub(crate) tools_changed: Arc<Notify>,
    /// The calls in flight on the connection, and their callers.
    pub(crate) routes: Arc<Routes>,
}

impl Listener {
    /// Relays `request` to the caller of the call it belongs to and waits for its answer,
    /// or for the upstream to cancel it.
    async fn relay(
        &self,
        method: &str,
        request: ServerRequest,
        context: &RequestContext<RoleClient>,
    ) -> Result<ClientResult, ErrorData> {
        let origin = context.extensions.get::<InboundStreamOrigin>();
        let relay = self.routes.relay_for(method, origin)?;
        tokio::select! {
            answer = relay.ask(method, request) => answer,
            () = context.ct.cancelled() => Err(ErrorData::internal_error(
                format!("{method} was cancelled by the upstream"),
                None,
            )),
        }
    }
}

impl ClientHandler for Listener {
    fn get_info(&self) -> ClientConfig {
        // Sampling and elicitation are relayed to the caller of the call that asks, when that
        // caller declared them (otherwise the upstream hears why not). No roots: they are a
        // session's, asked of it at any time, and no call's caller can answer for it.
        let mut capabilities = ClientCapabilities::default();
        capabilities.sampling = Some(SamplingCapability::default());
        capabilities.elicitation = Some(
            ElicitationCapability::new()
                .with_form(FormElicitationCapability::default())
                .with_url(UrlElicitationCapability::default()),
        );
        ClientConfig::new(
            capabilities,
            Implementation::new("mosaic", env!("CARGO_PKG_VERSION")),
        )
    }

    fn on_tool_list_changed(
        &self,
        _context: NotificationContext<RoleClient>,
    ) -> impl Future<Output = ()> + Send + '_ {
        self.tools_changed.notify_one();
        std::future::ready(())
    }

    async fn create_message(
        &self,
        params: CreateMessageRequestParams,
        context: RequestContext<RoleClient>,
    ) -> Result<CreateMessageResult, ErrorData> {
        const METHOD: &str = "sampling/createMessage";
        let request = ServerRequest::CreateMessageRequest(CreateMessageRequest::new(params));
        match self.relay(METHOD, request, &context).await? {
            ClientResult::CreateMessageResult(result) => Ok(*result),
            other => Err(unexpected(METHOD, &other)),
        }
    }

    async fn create_elicitation(
        &self,
        params: ElicitRequestParams,
        context: RequestContext<RoleClient>,
    ) -> Result<ElicitResult, ErrorData> {
        const METHOD: &str = "elicitation/create";
        let request = ServerRequest::ElicitRequest(ElicitRequest::new(params));
        match self.relay(METHOD, request, &context).await? {
            ClientResult::ElicitResult(result) => Ok(result),
            other => Err(unexpected(METHOD, &other)),
        }
    }
}

/// The caller answered `method` with another method's result.
fn unexpected(method: &str, answer: &ClientResult) -> ErrorData {
    ErrorData::internal_error(
        format!("the caller answered {method} with an unexpected result: {answer:?}"),
        None,
    )
}
