//! What a federated call relays to its caller while the upstream works on it: the upstream's
//! `notifications/progress` for the call (under the caller's own progress token), its
//! `notifications/message` (at or above the caller's log level), and its
//! `sampling/createMessage` and `elicitation/create` requests (when the caller declared the
//! capability), each through one bounded channel the caller's side drains.
//!
//! A full channel drops a notification (they are advisory) and refuses a request; a caller
//! that went away refuses every request, and one it never answered is answered to the upstream
//! as an error. Nothing here waits on the caller except a relayed request's own answer.
#![expect(
    deprecated,
    reason = "logging and sampling are deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 callers"
)]

use rmcp::ErrorData;
use rmcp::model::{
    ClientResult, ElicitRequestParams, ErrorCode, LoggingLevel, LoggingMessageNotificationParam,
    ProgressNotificationParam, ProgressToken, ServerRequest,
};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{mpsc, oneshot};

/// How many relayed messages may wait for the caller's side of one call.
pub const RELAY_CAPACITY: usize = 64;

/// What the caller of one federated call accepts, and where its messages go. Cheap to clone.
#[derive(Clone)]
pub struct Relay {
    inner: Arc<Inner>,
}

struct Inner {
    sink: mpsc::Sender<Relayed>,
    accepts: Accepts,
    tally: Tally,
}

/// What a caller accepts to hear and be asked during its call.
#[derive(Clone, Debug, Default)]
pub struct Accepts {
    /// The progress token of the caller's request: its progress is relayed under it, and none
    /// without it.
    pub progress_token: Option<ProgressToken>,
    /// The lowest level of log messages relayed; none are without it.
    pub log_level: Option<LoggingLevel>,
    /// The caller declared `sampling`.
    pub sampling: bool,
    /// The caller declared form elicitation.
    pub elicitation_form: bool,
    /// The caller declared URL elicitation.
    pub elicitation_url: bool,
    /// Why the caller cannot be asked anything during a call at all (its protocol revision
    /// has no server-to-client requests), overriding the capabilities.
    pub no_requests: Option<String>,
}

/// One message for the caller.
pub enum Relayed {
    /// The upstream's progress, under the caller's token.
    Progress(ProgressNotificationParam),
    /// One of the upstream's log messages.
    Log(LoggingMessageNotificationParam),
    /// A request of the upstream, to be answered with [`Question::answer`].
    Ask(Question),
}

/// A request of the upstream waiting for the caller's answer.
pub struct Question {
    /// The request, as the upstream sent it.
    pub request: ServerRequest,
    answer: oneshot::Sender<Result<ClientResult, ErrorData>>,
}

impl Question {
    /// Hands the caller's answer (or its error) back to the upstream, unchanged.
    pub fn answer(self, answer: Result<ClientResult, ErrorData>) {
        // The upstream may have stopped waiting (its request cancelled): nobody to tell.
        let _ = self.answer.send(answer);
    }
}

/// How much one call relayed, for its audit record and metrics.
#[derive(Default)]
struct Tally {
    progress: AtomicU64,
    logs: AtomicU64,
    requests: AtomicU64,
    refused: AtomicU64,
    dropped: AtomicU64,
}

/// A copy of the counts of one call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RelayCounts {
    /// Progress notifications relayed.
    pub progress: u64,
    /// Log messages relayed.
    pub logs: u64,
    /// Requests relayed to the caller.
    pub requests: u64,
    /// Requests answered to the upstream with an error without asking the caller.
    pub refused: u64,
    /// Notifications dropped because the caller's side was behind or gone.
    pub dropped: u64,
}

impl Relay {
    /// A relay for one call of a caller that accepts `accepts`, and the receiving end its
    /// side drains while the call runs (dropping it ends the relay).
    pub fn new(accepts: Accepts) -> (Self, mpsc::Receiver<Relayed>) {
        let (sink, relayed) = mpsc::channel(RELAY_CAPACITY);
        let inner = Inner {
            sink,
            accepts,
            tally: Tally::default(),
        };
        (
            Self {
                inner: Arc::new(inner),
            },
            relayed,
        )
    }

    /// What it relayed so far.
    pub fn counts(&self) -> RelayCounts {
        let tally = &self.inner.tally;
        RelayCounts {
            progress: tally.progress.load(Ordering::Relaxed),
            logs: tally.logs.load(Ordering::Relaxed),
            requests: tally.requests.load(Ordering::Relaxed),
            refused: tally.refused.load(Ordering::Relaxed),
            dropped: tally.dropped.load(Ordering::Relaxed),
        }
    }

    /// Relays the upstream's progress `param` under the caller's token, if it gave one.
    pub(crate) fn progress(&self, mut param: ProgressNotificationParam) {
        let Some(token) = &self.inner.accepts.progress_token else {
            return;
        };
        param.progress_token = token.clone();
        self.notify(Relayed::Progress(param), &self.inner.tally.progress);
    }

    /// Relays the upstream's log message if it is at or above the caller's level.
    pub(crate) fn log(&self, param: LoggingMessageNotificationParam) {
        let Some(lowest) = self.inner.accepts.log_level else {
            return;
        };
        if severity(param.level) >= severity(lowest) {
            self.notify(Relayed::Log(param), &self.inner.tally.logs);
        }
    }

    fn notify(&self, relayed: Relayed, counter: &AtomicU64) {
        let counter = match self.inner.sink.try_send(relayed) {
            Ok(()) => counter,
            Err(_) => &self.inner.tally.dropped,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Asks the caller `request` (named `method` in errors) and waits for its answer; the
    /// upstream gets a JSON-RPC error naming why when the caller cannot be asked.
    pub(crate) async fn ask(
        &self,
        method: &str,
        request: ServerRequest,
    ) -> Result<ClientResult, ErrorData> {
        if let Err(missing) = self.may_ask(&request) {
            self.inner.tally.refused.fetch_add(1, Ordering::Relaxed);
            return Err(not_supported(method, &missing));
        }
        let (answer, answered) = oneshot::channel();
        let question = Question { request, answer };
        if let Err(error) = self.inner.sink.try_send(Relayed::Ask(question)) {
            self.inner.tally.refused.fetch_add(1, Ordering::Relaxed);
            let why = match error {
                mpsc::error::TrySendError::Full(_) => {
                    "too many messages are waiting for the caller of this call"
                }
                mpsc::error::TrySendError::Closed(_) => "the caller of this call went away",
            };
            return Err(ErrorData::internal_error(format!("{method}: {why}"), None));
        }
        self.inner.tally.requests.fetch_add(1, Ordering::Relaxed);
        answered.await.unwrap_or_else(|_| {
            Err(ErrorData::internal_error(
                format!("{method}: the caller of this call went away before answering"),
                None,
            ))
        })
    }

    /// Whether the caller declared what `request` needs; the capability it lacks otherwise.
    fn may_ask(&self, request: &ServerRequest) -> Result<(), String> {
        let accepts = &self.inner.accepts;
        if let Some(why) = &accepts.no_requests {
            return Err(why.clone());
        }
        let declared = match request {
            ServerRequest::CreateMessageRequest(_) => {
                accepts.sampling.then_some(()).ok_or("sampling")
            }
            ServerRequest::ElicitRequest(elicit) => match &elicit.params {
                ElicitRequestParams::UrlElicitationParams { .. } => accepts
                    .elicitation_url
                    .then_some(())
                    .ok_or("elicitation (url mode)"),
                _ => accepts
                    .elicitation_form
                    .then_some(())
                    .ok_or("elicitation (form mode)"),
            },
            _ => Err("this request"),
        };
        declared
            .map_err(|capability| format!("the caller did not declare the {capability} capability"))
    }
}

/// The upstream's request cannot reach the caller: a clear JSON-RPC error, with the reason in
/// `data`.
fn not_supported(method: &str, why: &str) -> ErrorData {
    ErrorData::new(
        ErrorCode::INVALID_REQUEST,
        format!("{method} is not supported by the caller of this call: {why}"),
        Some(json!({ "method": method, "reason": why })),
    )
}

/// The order of log levels, least severe first.
fn severity(level: LoggingLevel) -> u8 {
    match level {
        LoggingLevel::Debug => 0,
        LoggingLevel::Info => 1,
        LoggingLevel::Notice => 2,
        LoggingLevel::Warning => 3,
        LoggingLevel::Error => 4,
        LoggingLevel::Critical => 5,
        LoggingLevel::Alert => 6,
        LoggingLevel::Emergency => 7,
    }
}

#[cfg(test)]
#[path = "relay_tests.rs"]
mod tests;
