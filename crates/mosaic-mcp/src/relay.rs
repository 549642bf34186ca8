//! What a federated upstream sends during a call, passed on to the MCP client that made the
//! call, on that call's own stream: progress under the client's progress token, log messages
//! at or above the client's level, and the upstream's sampling and elicitation requests when
//! the client declared them, their answers handed back unchanged.
//!
//! The client's level is the one it set with `logging/setLevel` for its session (2025-11-25;
//! every level until it sets one), or the one its request names in `_meta` (2026-07-28, where
//! a request without one hears no log messages). A 2026-07-28 client is never asked anything
//! during a call: that revision has no requests from server to client, and the upstream hears
//! so.
//!
//! Everything is sent from the request's own task (never a spawned one), so that the SDK
//! delivers it on the stream of the request it belongs to.
#![expect(
    deprecated,
    reason = "logging and sampling are deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 callers"
)]

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use mosaic_gateway::federated::{Accepts, Question, Relayed};
use rmcp::model::{LoggingLevel, ProtocolVersion};
use rmcp::service::{Peer, RequestContext as McpContext, ServiceError};
use rmcp::{ErrorData as McpError, RoleServer};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::mpsc::Receiver;

/// The log level a 2025-11-25 session set with `logging/setLevel`, shared by its requests.
#[derive(Clone, Default)]
pub(crate) struct SessionLevel(Arc<Mutex<Option<LoggingLevel>>>);

impl SessionLevel {
    pub(crate) fn set(&self, level: LoggingLevel) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(level);
    }

    fn get(&self) -> Option<LoggingLevel> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What the client of the request in `context` accepts to hear and be asked.
pub(crate) fn accepts(context: &McpContext<RoleServer>, session: &SessionLevel) -> Accepts {
    let capabilities = context.client_capabilities().unwrap_or_default();
    let elicitation = capabilities.elicitation.as_ref();
    let stateless = context
        .protocol_version()
        .is_some_and(|version| version >= ProtocolVersion::V_2026_07_28);
    Accepts {
        progress_token: context.meta.get_progress_token(),
        log_level: if stateless {
            context.meta.log_level()
        } else {
            Some(session.get().unwrap_or(LoggingLevel::Debug))
        },
        sampling: capabilities.sampling.is_some(),
        // An empty `elicitation` object means form mode (2025-11-25).
        elicitation_form: elicitation
            .is_some_and(|modes| modes.form.is_some() || modes.url.is_none()),
        elicitation_url: elicitation.is_some_and(|modes| modes.url.is_some()),
        no_requests: stateless.then(|| {
            "its protocol revision (2026-07-28) has no requests from server to client during a call"
                .to_owned()
        }),
    }
}

/// Waits for `call`, passing on what `relayed` brings meanwhile; `None` when the client
/// cancelled its request first. What the upstream sent before its answer reaches the client
/// before the answer does.
pub(crate) async fn relaying<F: Future>(
    call: F,
    mut relayed: Receiver<Relayed>,
    context: &McpContext<RoleServer>,
) -> Option<F::Output> {
    let peer = &context.peer;
    let mut call = std::pin::pin!(call);
    let mut asking = FuturesUnordered::new();
    let answered = loop {
        tokio::select! {
            // Messages first: the upstream sent them before the answer they may race with.
            biased;
            () = context.ct.cancelled() => break None,
            Some(()) = asking.next(), if !asking.is_empty() => {}
            Some(message) = relayed.recv() => match message {
                Relayed::Ask(question) => asking.push(ask(peer, question)),
                notification => notify(peer, notification).await,
            },
            answered = &mut call => break Some(answered),
        }
    };
    relayed.close();
    while let Ok(message) = relayed.try_recv() {
        match message {
            Relayed::Ask(question) => question.answer(Err(McpError::internal_error(
                "the call was over before its caller could be asked",
                None,
            ))),
            notification if answered.is_some() => notify(peer, notification).await,
            _ => {}
        }
    }
    answered
}

/// Passes on a notification; a client that cannot be reached any more only stops hearing.
async fn notify(peer: &Peer<RoleServer>, notification: Relayed) {
    let _ = match notification {
        Relayed::Progress(progress) => peer.notify_progress(progress).await,
        Relayed::Log(log) => peer.notify_logging_message(log).await,
        Relayed::Ask(_) => Ok(()),
    };
}

/// Asks the client the upstream's question and hands its answer back, unchanged.
async fn ask(peer: &Peer<RoleServer>, question: Question) {
    let asked = peer.send_request(question.request.clone()).await;
    question.answer(asked.map_err(|error| match error {
        ServiceError::McpError(error) => error,
        other => McpError::internal_error(format!("the caller could not be asked: {other}"), None),
    }));
}
