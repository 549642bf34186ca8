//! What a test changes while a fake runs: scripted failures, the quota, a delay, and the
//! failures that only a write sets off — an answer to an applied write that cannot be read,
//! and a failure of the request that follows an applied write (a read back, a second request
//! of the same write) — which are how adapters are shown never to report a write the provider
//! performed as not performed.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A failure answered instead of the next request.
#[derive(Clone, Debug, PartialEq)]
pub struct Scripted {
    /// The status.
    pub status: u16,
    /// `Retry-After` in seconds.
    pub retry_after: Option<u64>,
    /// The JSON body.
    pub body: Value,
}

impl Scripted {
    /// A status with a `{"message": …}` body.
    pub fn status(status: u16, message: &str) -> Self {
        Self {
            status,
            retry_after: None,
            body: json!({ "message": message }),
        }
    }

    /// A 429 with `Retry-After`.
    pub fn too_many_requests(retry_after: u64) -> Self {
        Self {
            status: 429,
            retry_after: Some(retry_after),
            body: json!({ "message": "Too Many Requests" }),
        }
    }
}

/// A quota as the fake keeps it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quota {
    pub limit: u64,
    pub remaining: u64,
    /// Unix seconds.
    pub resets_at: u64,
}

/// The window of a quota that is not set explicitly.
pub(crate) const DEFAULT_WINDOW: Duration = Duration::from_secs(3600);

/// Behaviour a test can change while the server runs.
#[derive(Debug, Default)]
pub struct Knobs {
    script: Mutex<VecDeque<Scripted>>,
    quota: Mutex<Option<Quota>>,
    delay: Mutex<Option<Duration>>,
    /// Bodies that replace the answers of the next applied writes.
    garbled: Mutex<VecDeque<String>>,
    /// Failures waiting for a write to be applied.
    after_write: Mutex<VecDeque<Scripted>>,
    /// Failures a write set off, for the next requests.
    armed: Mutex<VecDeque<Scripted>>,
    /// Failures for the next request whose path contains the text, in order.
    aimed: Mutex<VecDeque<(String, Scripted)>>,
}

impl Knobs {
    /// Answers the next request (after authentication) with `failure`.
    pub fn fail_next(&self, failure: Scripted) {
        lock(&self.script).push_back(failure);
    }

    /// Answers the next request whose path contains `path` (a page's id: the read of the page,
    /// not the adapter's lookups before it) with `failure`; other requests are answered as
    /// usual.
    pub fn fail_next_to(&self, path: &str, failure: Scripted) {
        lock(&self.aimed).push_back((path.to_owned(), failure));
    }

    /// Applies the next write as usual, then answers it with `body` in place of the route's
    /// (same 2xx status and headers): the provider performed the write, but its answer cannot
    /// be read — truncated JSON, a proxy's page, a shape that lacks a field.
    pub fn garble_next_write(&self, body: impl Into<String>) {
        lock(&self.garbled).push_back(body.into());
    }

    /// Answers the request that follows the next applied write with `failure`: a read back
    /// of what was just written, or the next request of a write made of several, fails, while
    /// the requests before the write (an adapter's lookups) are answered as usual.
    pub fn fail_after_next_write(&self, failure: Scripted) {
        lock(&self.after_write).push_back(failure);
    }

    /// Sets the quota: `remaining` of `limit` left, renewed after `resets_in`.
    pub fn set_quota(&self, limit: u64, remaining: u64, resets_in: Duration) {
        *lock(&self.quota) = Some(Quota {
            limit,
            remaining,
            resets_at: unix_now() + resets_in.as_secs(),
        });
    }

    /// Requests left in the current window, when a quota is kept.
    pub fn remaining(&self) -> Option<u64> {
        self.current_quota().map(|quota| quota.remaining)
    }

    /// Delays every answer by `delay` (on the tokio clock of the server's runtime).
    pub fn set_delay(&self, delay: Option<Duration>) {
        *lock(&self.delay) = delay;
    }

    pub(crate) fn delay(&self) -> Option<Duration> {
        *lock(&self.delay)
    }

    /// The scripted failure for this request to `path`: the next one queued, else one that an
    /// applied write set off, else the first aimed at a path like it.
    pub(crate) fn next_scripted(&self, path: &str) -> Option<Scripted> {
        let queued = lock(&self.script).pop_front();
        queued
            .or_else(|| lock(&self.armed).pop_front())
            .or_else(|| {
                let mut aimed = lock(&self.aimed);
                let at = aimed
                    .iter()
                    .position(|(part, _)| path.contains(part.as_str()))?;
                aimed.remove(at).map(|(_, failure)| failure)
            })
    }

    /// A write was applied: sets off the failure waiting for one, and answers the body that
    /// replaces its answer, if one was queued.
    pub(crate) fn write_applied(&self) -> Option<String> {
        if let Some(failure) = lock(&self.after_write).pop_front() {
            lock(&self.armed).push_back(failure);
        }
        lock(&self.garbled).pop_front()
    }

    pub(crate) fn current_quota(&self) -> Option<Quota> {
        let mut quota = lock(&self.quota);
        let now = unix_now();
        if let Some(current) = quota.as_mut()
            && now >= current.resets_at
        {
            current.remaining = current.limit;
            current.resets_at = now + DEFAULT_WINDOW.as_secs();
        }
        *quota
    }

    pub(crate) fn spend(&self) {
        if let Some(quota) = lock(&self.quota).as_mut() {
            quota.remaining = quota.remaining.saturating_sub(1);
        }
    }
}

pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}
