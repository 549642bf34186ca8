//! What a fake's routes and its middleware share: the provider's data, the knobs a test turns,
//! how the provider speaks, and the log of requests seen.

use crate::forge::Forge;
use crate::knobs::{Knobs, lock};
use crate::server::Style;
use std::sync::{Mutex, MutexGuard};

/// One request the server saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// Method.
    pub method: String,
    /// Path as sent (still percent-encoded), prefix included.
    pub path: String,
    /// Query string as sent.
    pub query: Option<String>,
    /// Whether it carried `If-None-Match`.
    pub conditional: bool,
    /// The status answered.
    pub status: u16,
    /// The request body as sent, when there was one.
    pub body: Option<String>,
    /// Whether it was a write ([`Style::writes`]).
    pub write: bool,
}

/// What the routes and the middleware share, over the provider's data `D` (a [`Forge`] for
/// the Git forges).
#[derive(Debug)]
pub struct FakeState<D = Forge> {
    /// The provider's data.
    pub data: Mutex<D>,
    /// Behaviour knobs.
    pub knobs: Knobs,
    /// How the provider speaks.
    pub style: Style,
    /// The server's own address, for absolute URLs in answers (`http://127.0.0.1:PORT`).
    pub origin: String,
    log: Mutex<Vec<Seen>>,
    notes: Mutex<Vec<String>>,
}

impl<D> FakeState<D> {
    /// A fake's state over `data`, speaking `style`, reached at `origin`, with fresh knobs and
    /// an empty log.
    pub(crate) fn new(style: Style, data: D, origin: String) -> Self {
        Self {
            data: Mutex::new(data),
            knobs: Knobs::default(),
            style,
            origin,
            log: Mutex::new(Vec::new()),
            notes: Mutex::new(Vec::new()),
        }
    }

    /// Adds a request to the log.
    pub(crate) fn record(&self, seen: Seen) {
        lock(&self.log).push(seen);
    }

    /// The data, to read or change.
    pub fn data(&self) -> MutexGuard<'_, D> {
        lock(&self.data)
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<Seen> {
        lock(&self.log).clone()
    }

    /// Records what a route learnt about a request that its method and path do not say (the
    /// name of a GraphQL operation).
    pub fn note(&self, note: impl Into<String>) {
        lock(&self.notes).push(note.into());
    }

    /// Every note so far, oldest first.
    pub fn notes(&self) -> Vec<String> {
        lock(&self.notes).clone()
    }

    /// `origin` + `prefix`: the base URL an adapter is configured with.
    pub fn base_url(&self) -> String {
        format!("{}{}", self.origin, self.style.prefix)
    }
}

impl FakeState<Forge> {
    /// The forge's data, to read or change.
    pub fn forge(&self) -> MutexGuard<'_, Forge> {
        self.data()
    }

    /// The login the request's credentials belong to: the fakes accept one token and it
    /// belongs to the first user of the seed (`ana`).
    pub fn caller(&self) -> String {
        self.forge()
            .users
            .first()
            .map_or_else(|| "ana".to_owned(), |user| user.login.clone())
    }
}
