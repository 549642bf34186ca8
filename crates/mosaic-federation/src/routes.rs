//! Which caller each `tools/call` in flight on one upstream connection belongs to, so that
//! what the upstream sends during a call reaches that call's caller and no other:
//!
//! - progress by the progress token the gateway's request carried (unique per connection);
//! - a request (`sampling/createMessage`, `elicitation/create`) by the response stream it
//!   arrived on (streamable HTTP), or else by being the only call in flight;
//! - a log message, which names no request, only while exactly one call is in flight.
//!
//! What cannot be told apart is not relayed: a request is refused, a log message dropped.
#![expect(
    deprecated,
    reason = "logging is deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 callers"
)]

use crate::relay::Relay;
use rmcp::ErrorData;
use rmcp::model::{
    LoggingMessageNotificationParam, ProgressNotificationParam, ProgressToken, RequestId,
};
use rmcp::service::InboundStreamOrigin;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The calls in flight on one connection.
#[derive(Default)]
pub(crate) struct Routes {
    calls: Mutex<Vec<Route>>,
}

struct Route {
    /// The gateway's request id on the upstream connection.
    id: RequestId,
    /// The progress token that request carried.
    token: Option<ProgressToken>,
    /// Its caller's relay; none for a call nobody listens to.
    relay: Option<Relay>,
    /// The last progress relayed: the protocol requires it to grow, so one that does not (a
    /// repeat, or a reordered one) is not passed on.
    last_progress: Option<f64>,
}

impl Routes {
    fn calls(&self) -> MutexGuard<'_, Vec<Route>> {
        // Every change is a single push, removal or assignment.
        self.calls.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A `tools/call` with `id` and progress `token` is being sent for `relay`'s caller.
    pub(crate) fn open(&self, id: RequestId, token: Option<ProgressToken>, relay: Option<Relay>) {
        self.calls().push(Route {
            id,
            token,
            relay,
            last_progress: None,
        });
    }

    /// The call with `id` was answered or cancelled.
    pub(crate) fn close(&self, id: &RequestId) {
        self.calls().retain(|route| route.id != *id);
    }

    /// Relays progress to the caller of the call whose token it names.
    pub(crate) fn progress(&self, param: ProgressNotificationParam) {
        let mut calls = self.calls();
        let Some(route) = calls
            .iter_mut()
            .find(|route| route.token.as_ref() == Some(&param.progress_token))
        else {
            return;
        };
        if route
            .last_progress
            .is_some_and(|last| param.progress <= last)
        {
            return;
        }
        route.last_progress = Some(param.progress);
        if let Some(relay) = &route.relay {
            relay.progress(param);
        }
    }

    /// Relays a log message to the caller of the only call in flight.
    pub(crate) fn log(&self, param: LoggingMessageNotificationParam) {
        let calls = self.calls();
        if let [only] = calls.as_slice()
            && let Some(relay) = &only.relay
        {
            relay.log(param);
        } else {
            tracing::debug!(
                calls = calls.len(),
                "an upstream log message names no call and was not relayed"
            );
        }
    }

    /// The relay of the call a request of the upstream (`method`) belongs to: the one whose
    /// response stream carried it (`origin`), or the only call in flight.
    pub(crate) fn relay_for(
        &self,
        method: &str,
        origin: Option<&InboundStreamOrigin>,
    ) -> Result<Relay, ErrorData> {
        let calls = self.calls();
        let route = match origin {
            Some(InboundStreamOrigin::OutboundRequest(id)) => {
                calls.iter().find(|route| route.id == *id)
            }
            _ => match calls.as_slice() {
                [only] => Some(only),
                _ => None,
            },
        };
        let Some(route) = route else {
            let why = if calls.is_empty() {
                "MosAIc relays it only during a tools/call, and none is in flight".to_owned()
            } else {
                format!(
                    "{} tools/call requests are in flight and it names none of them",
                    calls.len()
                )
            };
            return Err(ErrorData::invalid_request(
                format!("{method} cannot be relayed: {why}"),
                None,
            ));
        };
        route.relay.clone().ok_or_else(|| {
            ErrorData::invalid_request(
                format!("{method} cannot be relayed: the call it belongs to has no caller to ask"),
                None,
            )
        })
    }
}

#[cfg(test)]
#[path = "routes_tests.rs"]
mod tests;
