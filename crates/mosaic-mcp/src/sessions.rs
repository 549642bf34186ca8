//! MCP sessions (protocol 2025-11-25, one per `initialize`) under limits, so that clients
//! which never end theirs cannot exhaust memory: at most `server.sessions.max` open at once,
//! at most `server.sessions.max_per_key` for one API key, and each ended after
//! `server.sessions.idle_timeout` without a request.
//!
//! The SDK's in-memory session manager keeps the sessions; [`BoundedSessions`] wraps it to
//! tell the [`Ledger`] when one opens and when one closes (by `DELETE`, by idling out, or
//! because its client went away). The HTTP edge asks the ledger before an `initialize` is
//! let through, reserving a place, and hands the reservation along with the request (a
//! [`Ticket`] in its extensions); the new session takes the place as it is initialized, so
//! it counts from then on even if its client hangs up before reading the answer. The edge
//! checks on every later request that the session belongs to the caller.

use mosaic_config::SessionsConfig;
use mosaic_core::RequestContext;
use mosaic_edge::EdgeError;
use rmcp::model::{ClientJsonRpcMessage, GetExtensions, ServerJsonRpcMessage};
use rmcp::transport::WorkerTransport;
use rmcp::transport::streamable_http_server::session::local::{
    LocalSessionManager, LocalSessionManagerError, LocalSessionWorker,
};
use rmcp::transport::streamable_http_server::session::{
    ServerSseMessage, SessionId, SessionManager,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Who a session belongs to: the tenant and principal its key maps to (anonymous callers
/// share one).
pub(crate) fn owner(ctx: &RequestContext) -> String {
    format!("{}/{}", ctx.tenant, ctx.principal)
}

/// The open sessions and their owners, and the places reserved for sessions being opened.
#[derive(Debug)]
pub(crate) struct Ledger {
    limits: SessionsConfig,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Every session the SDK holds, with its owner once its `initialize` answer bound it.
    open: HashMap<SessionId, Option<String>>,
    /// Sessions bound and reserved, per owner.
    per_owner: HashMap<String, usize>,
    /// Sessions bound and reserved, over all owners.
    total: usize,
}

impl State {
    fn release(&mut self, owner: &str) {
        self.total = self.total.saturating_sub(1);
        if let Some(count) = self.per_owner.get_mut(owner) {
            *count -= 1;
            if *count == 0 {
                self.per_owner.remove(owner);
            }
        }
    }
}

/// What the ledger knows of a session id a request carries.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Open and bound to this owner.
    Own,
    /// Open but another owner's: to this caller it does not exist.
    Foreign,
    /// Not open (ended, expired or never opened), or not bound to anyone yet.
    Unknown,
}

impl Ledger {
    pub fn new(limits: SessionsConfig) -> Self {
        Self {
            limits,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // Every update leaves the counts consistent, so a panic elsewhere cannot break them.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A place for a new session of `owner`, or the limit that is reached.
    pub fn reserve(self: &Arc<Self>, owner: &str) -> Result<Reservation, EdgeError> {
        let mut state = self.state();
        let retry_after = self.limits.idle_timeout;
        if state.total >= self.limits.max {
            return Err(EdgeError::SessionsExhausted {
                limit: self.limits.max,
                retry_after,
            });
        }
        let held = state.per_owner.entry(owner.to_owned()).or_default();
        if *held >= self.limits.max_per_key {
            return Err(EdgeError::TooManySessions {
                limit: self.limits.max_per_key,
                retry_after,
            });
        }
        *held += 1;
        state.total += 1;
        Ok(Reservation {
            ledger: Arc::clone(self),
            owner: owner.to_owned(),
            bound: false,
        })
    }

    /// Where session `id` stands for `owner`.
    pub fn standing(&self, id: &str, owner: &str) -> Standing {
        match self.state().open.get(id) {
            Some(Some(bound)) if bound == owner => Standing::Own,
            Some(Some(_)) => Standing::Foreign,
            Some(None) | None => Standing::Unknown,
        }
    }

    /// Sessions open (bound or not) right now.
    #[cfg(test)]
    pub fn open(&self) -> usize {
        self.state().open.len()
    }

    fn opened(&self, id: &SessionId) {
        self.state().open.insert(Arc::clone(id), None);
    }

    fn closed(&self, id: &SessionId) {
        let mut state = self.state();
        if let Some(Some(owner)) = state.open.remove(id) {
            state.release(&owner);
        }
    }
}

/// A place held for one session being opened; dropped without [`Reservation::bind`] (the
/// `initialize` failed), it is given back.
#[derive(Debug)]
pub(crate) struct Reservation {
    ledger: Arc<Ledger>,
    owner: String,
    bound: bool,
}

impl Reservation {
    /// The session `id` now holds the place.
    pub fn bind(mut self, id: &str) {
        let mut state = self.ledger.state();
        if let Some(slot @ None) = state.open.get_mut(id) {
            *slot = Some(self.owner.clone());
            self.bound = true;
        }
        // Otherwise the session already ended: the place is given back on drop.
    }
}

/// A reservation travelling with an `initialize` request to the session manager, which
/// binds it to the session it opens. Whatever is left unbound is given back when the last
/// clone is dropped.
#[derive(Clone, Debug)]
pub(crate) struct Ticket(Arc<Mutex<Option<Reservation>>>);

impl Ticket {
    pub fn new(reservation: Reservation) -> Self {
        Self(Arc::new(Mutex::new(Some(reservation))))
    }

    fn bind(&self, id: &str) {
        let reservation = self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(reservation) = reservation {
            reservation.bind(id);
        }
    }

    /// The ticket in the HTTP request an `initialize` message came in.
    fn of(message: &ClientJsonRpcMessage) -> Option<&Self> {
        let ClientJsonRpcMessage::Request(request) = message else {
            return None;
        };
        request
            .request
            .extensions()
            .get::<http::request::Parts>()?
            .extensions
            .get::<Self>()
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if !self.bound {
            self.ledger.state().release(&self.owner);
        }
    }
}

/// The SDK's session manager, reporting opened and closed sessions to the [`Ledger`].
pub(crate) struct BoundedSessions {
    inner: LocalSessionManager,
    ledger: Arc<Ledger>,
}

impl BoundedSessions {
    /// Sessions idle for `ledger`'s idle timeout are ended by the SDK's own keep-alive timer.
    pub fn new(ledger: Arc<Ledger>) -> Self {
        let mut inner = LocalSessionManager::default();
        inner.session_config.keep_alive = Some(ledger.limits.idle_timeout);
        Self { inner, ledger }
    }
}

impl SessionManager for BoundedSessions {
    type Error = LocalSessionManagerError;
    type Transport = WorkerTransport<LocalSessionWorker>;

    async fn create_session(&self) -> Result<(SessionId, Self::Transport), Self::Error> {
        let (id, transport) = self.inner.create_session().await?;
        self.ledger.opened(&id);
        Ok((id, transport))
    }

    async fn initialize_session(
        &self,
        id: &SessionId,
        message: ClientJsonRpcMessage,
    ) -> Result<ServerJsonRpcMessage, Self::Error> {
        if let Some(ticket) = Ticket::of(&message) {
            ticket.bind(id);
        }
        self.inner.initialize_session(id, message).await
    }

    async fn has_session(&self, id: &SessionId) -> Result<bool, Self::Error> {
        self.inner.has_session(id).await
    }

    /// Called on `DELETE` and when a session's worker ends (idle, or its client gone).
    async fn close_session(&self, id: &SessionId) -> Result<(), Self::Error> {
        let closed = self.inner.close_session(id).await;
        self.ledger.closed(id);
        closed
    }

    async fn create_stream(
        &self,
        id: &SessionId,
        message: ClientJsonRpcMessage,
    ) -> Result<impl futures::Stream<Item = ServerSseMessage> + Send + Sync + 'static, Self::Error>
    {
        self.inner.create_stream(id, message).await
    }

    async fn accept_message(
        &self,
        id: &SessionId,
        message: ClientJsonRpcMessage,
    ) -> Result<(), Self::Error> {
        self.inner.accept_message(id, message).await
    }

    async fn create_standalone_stream(
        &self,
        id: &SessionId,
    ) -> Result<impl futures::Stream<Item = ServerSseMessage> + Send + Sync + 'static, Self::Error>
    {
        self.inner.create_standalone_stream(id).await
    }

    async fn resume(
        &self,
        id: &SessionId,
        last_event_id: String,
    ) -> Result<impl futures::Stream<Item = ServerSseMessage> + Send + Sync + 'static, Self::Error>
    {
        self.inner.resume(id, last_event_id).await
    }
}

#[cfg(test)]
#[path = "sessions_tests.rs"]
mod tests;
