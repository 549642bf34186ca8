//! A fake as the fakes server mounts it: the path segment it is served below, the credentials
//! it accepts, and how to build it there. Each fake crate lists its own in a `mounts()`
//! function, so that `mosaic-fakes serve` takes every fake from the providers compiled in
//! instead of naming them.

use crate::server::{FakeState, Style, mounted};
use axum::Router;
use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// One fake ready to be mounted below `/{name}`.
pub struct FakeMount {
    /// The path segment it is mounted at: its plugin's name (`github`), or another name for a
    /// second copy of a fake (`gitea-mirror`).
    pub name: &'static str,
    /// The token (API key) it accepts. Printed by `mosaic-fakes serve`: nothing about it is
    /// secret.
    pub token: &'static str,
    /// The e-mail its credentials carry, for the fakes whose credentials take one (Jira).
    pub email: Option<&'static str>,
    /// More variables `mosaic-fakes serve` prints for it, as `(WHAT, value)` for
    /// `MOSAIC_{NAME}_{WHAT}`: what an example configuration needs beyond the base URL and the
    /// token (the two halves of BookStack's token, a page id of the seed).
    pub more: Vec<(&'static str, String)>,
    build: Box<dyn Fn(String) -> Built + Send + Sync>,
}

/// A fake built below its mount.
pub struct Built {
    /// The router to nest at `/{name}`.
    pub router: Router,
    /// What its adapter's `base_url` takes, API prefix included.
    pub base_url: String,
    /// Its [`FakeState`], to look at what the adapters did (downcast to `FakeState<D>`).
    pub state: Arc<dyn Any + Send + Sync>,
}

impl FakeMount {
    /// A fake over data from `seed`, speaking `style` with `token`, serving `routes`.
    pub fn new<D: Send + 'static>(
        name: &'static str,
        token: &'static str,
        style: fn(&str) -> Style,
        seed: fn() -> D,
        routes: fn() -> Router<Arc<FakeState<D>>>,
    ) -> Self {
        let build = move |origin: String| {
            let (state, router) = mounted(style(token), seed(), routes(), origin);
            Built {
                router,
                base_url: state.base_url(),
                state,
            }
        };
        Self {
            name,
            token,
            email: None,
            more: Vec::new(),
            build: Box::new(build),
        }
    }

    /// The same fake, whose credentials carry `email` beside the token.
    #[must_use]
    pub fn with_email(mut self, email: &'static str) -> Self {
        self.email = Some(email);
        self
    }

    /// The same fake, for which `mosaic-fakes serve` also prints `MOSAIC_{NAME}_{what}`.
    #[must_use]
    pub fn with_variable(mut self, what: &'static str, value: impl Into<String>) -> Self {
        self.more.push((what, value.into()));
        self
    }

    /// Builds the fake with fresh data, reached at `origin`: the listener's origin and the
    /// mount (`http://127.0.0.1:8090/github`).
    pub fn build(&self, origin: String) -> Built {
        (self.build)(origin)
    }
}

impl fmt::Debug for FakeMount {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("FakeMount")
            .field("name", &self.name)
            .field("token", &self.token)
            .field("email", &self.email)
            .field("more", &self.more)
            .finish_non_exhaustive()
    }
}
