//! The upstream connection's transport, watched: each `tools/call` the gateway sends opens a
//! route to its caller (the [`Relay`] travels in the request's extensions, never on the wire),
//! its answer or cancellation closes it, and the upstream's progress and log notifications are
//! routed as they are read, in the order the upstream sent them, before the answer that
//! follows them is passed on.

use crate::relay::Relay;
use crate::routes::Routes;
use rmcp::RoleClient;
use rmcp::model::{
    ClientNotification, ClientRequest, GetExtensions, GetMeta, JsonRpcMessage, ServerNotification,
};
use rmcp::service::{RxJsonRpcMessage, TxJsonRpcMessage};
use rmcp::transport::Transport;
use std::sync::Arc;

/// `inner`, with the calls it carries routed in `routes`.
pub(crate) struct Tapped<T> {
    inner: T,
    routes: Arc<Routes>,
}

impl<T> Tapped<T> {
    pub(crate) fn new(inner: T, routes: Arc<Routes>) -> Self {
        Self { inner, routes }
    }
}

impl<T: Transport<RoleClient>> Transport<RoleClient> for Tapped<T> {
    type Error = T::Error;

    fn send(
        &mut self,
        item: TxJsonRpcMessage<RoleClient>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send + 'static {
        match &item {
            JsonRpcMessage::Request(request) => {
                let call = &request.request;
                if matches!(call, ClientRequest::CallToolRequest(_)) {
                    self.routes.open(
                        request.id.clone(),
                        call.get_meta().get_progress_token(),
                        call.extensions().get::<Relay>().cloned(),
                    );
                }
            }
            JsonRpcMessage::Notification(notification) => {
                if let ClientNotification::CancelledNotification(cancelled) =
                    &notification.notification
                    && let Some(id) = &cancelled.params.request_id
                {
                    self.routes.close(id);
                }
            }
            _ => {}
        }
        self.inner.send(item)
    }

    async fn receive(&mut self) -> Option<RxJsonRpcMessage<RoleClient>> {
        let message = self.inner.receive().await?;
        match &message {
            JsonRpcMessage::Notification(notification) => match &notification.notification {
                ServerNotification::ProgressNotification(progress) => {
                    self.routes.progress(progress.params.clone());
                }
                ServerNotification::LoggingMessageNotification(log) => {
                    self.routes.log(log.params.clone());
                }
                _ => {}
            },
            JsonRpcMessage::Response(response) => self.routes.close(&response.id),
            JsonRpcMessage::Error(error) => {
                if let Some(id) = &error.id {
                    self.routes.close(id);
                }
            }
            JsonRpcMessage::Request(_) => {}
        }
        Some(message)
    }

    fn close(&mut self) -> impl Future<Output = Result<(), Self::Error>> + Send {
        self.inner.close()
    }
}
