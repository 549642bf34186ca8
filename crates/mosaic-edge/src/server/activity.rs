//! What one connection is doing, so its watchdog knows which timeout applies: sending a
//! request head (`server.header_read_timeout`, from the connection's opening or the head's
//! first byte), waiting between requests (`server.idle_timeout`), or being served (no edge
//! timeout: the body has its own deadline and calls have the executor's).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::Instant;

/// The timeouts a connection's watchdog enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Timeouts {
    pub header_read: Duration,
    pub idle: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// A request head is on its way (or a new connection has sent nothing yet).
    Head { since: Instant },
    /// Kept alive between requests.
    Idle { since: Instant },
    /// Requests are being served; their responses are not all written.
    Busy { requests: usize },
}

/// The shared state of one connection, updated by its IO (bytes read and written), its
/// service (requests begun and answered) and read by its watchdog.
#[derive(Debug)]
pub(crate) struct Activity {
    state: Mutex<State>,
    changed: Notify,
}

#[derive(Debug)]
struct State {
    phase: Phase,
    /// Bytes were written and not flushed yet: a response may be leaving.
    unflushed: bool,
}

impl Activity {
    /// A connection just accepted: its first request head is awaited from now.
    pub fn new() -> Self {
        Self {
            state: Mutex::new(State {
                phase: Phase::Head {
                    since: Instant::now(),
                },
                unflushed: false,
            }),
            changed: Notify::new(),
        }
    }

    /// Applies `change`; wakes the watchdog when it says the watchdog must look again (a
    /// deadline came nearer, or the connection may have become quiet).
    fn update(&self, change: impl FnOnce(&mut State) -> bool) {
        // A panic elsewhere while the lock was held leaves a state that is still valid.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let wake = change(&mut state);
        drop(state);
        if wake {
            self.changed.notify_one();
        }
    }

    fn read<T>(&self, look: impl FnOnce(&State) -> T) -> T {
        look(&self.state.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Bytes arrived: between requests, they start the next request's head.
    pub fn bytes_read(&self) {
        self.update(|state| match state.phase {
            Phase::Idle { .. } => {
                state.phase = Phase::Head {
                    since: Instant::now(),
                };
                true
            }
            Phase::Head { .. } | Phase::Busy { .. } => false,
        });
    }

    /// Bytes were written (`true`) or everything written was flushed (`false`).
    pub fn set_unflushed(&self, unflushed: bool) {
        self.update(|state| {
            let flushed = state.unflushed && !unflushed;
            state.unflushed = unflushed;
            flushed
        });
    }

    /// A request reached the service; the guard ends it when its response is written.
    pub fn begin(self: &Arc<Self>) -> RequestGuard {
        // No wake-up: a watchdog sleeping towards a head deadline finds none when it wakes.
        self.update(|state| {
            state.phase = match state.phase {
                Phase::Busy { requests } => Phase::Busy {
                    requests: requests + 1,
                },
                Phase::Head { .. } | Phase::Idle { .. } => Phase::Busy { requests: 1 },
            };
            false
        });
        RequestGuard(Arc::clone(self))
    }

    fn end(&self) {
        self.update(|state| {
            state.phase = match state.phase {
                Phase::Busy { requests } if requests > 1 => Phase::Busy {
                    requests: requests - 1,
                },
                Phase::Busy { .. } | Phase::Head { .. } | Phase::Idle { .. } => Phase::Idle {
                    since: Instant::now(),
                },
            };
            true
        });
    }

    /// Whether a request is being served.
    pub fn busy(&self) -> bool {
        self.read(|state| matches!(state.phase, Phase::Busy { .. }))
    }

    /// Whether the connection can be closed without cutting anything: no request is being
    /// served and everything written has been flushed.
    pub fn quiet(&self) -> bool {
        self.read(|state| !matches!(state.phase, Phase::Busy { .. }) && !state.unflushed)
    }

    /// When the connection is to be closed if nothing changes, and why; `None` while busy.
    pub fn deadline(&self, timeouts: Timeouts) -> Option<(Instant, &'static str)> {
        self.read(|state| match state.phase {
            Phase::Head { since } => Some((since + timeouts.header_read, "header_read_timeout")),
            Phase::Idle { since } => Some((since + timeouts.idle, "idle_timeout")),
            Phase::Busy { .. } => None,
        })
    }

    /// Resolves after the next change (or at once if one happened since the last call).
    pub async fn changed(&self) {
        self.changed.notified().await;
    }
}

/// Held while one request is served: inside its response body, so it ends when hyper has
/// taken the whole body (or dropped the request).
#[derive(Debug)]
pub(crate) struct RequestGuard(Arc<Activity>);

impl Drop for RequestGuard {
    fn drop(&mut self) {
        self.0.end();
    }
}

#[cfg(test)]
#[path = "activity_tests.rs"]
mod tests;
