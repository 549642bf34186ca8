//! The client-side rate limit of one instance, shared by every call to it: a token bucket in
//! its GCRA form (the generic cell rate algorithm of ITU-T I.371, as `governor` implements
//! it), kept as one instant, the *theoretical arrival time* of the next request.
//!
//! A call reserves the next permit under a short lock and then sleeps until it is due, so
//! waiting calls go in the order they asked (FIFO) and none busy-polls. A call whose permit
//! would come at or after `latest` (its deadline) reserves nothing and is refused with the
//! wait it would have had; a call that gives up while waiting hands its permit back when no
//! later call has reserved after it.
//!
//! Written here rather than taken from `governor` because the gateway's clock is tokio's
//! (tests run on paused time), and governor waits with `futures-timer` on the wall clock,
//! and its `until_ready` polls again after each sleep instead of reserving, which is
//! neither FIFO nor able to tell in advance whether a deadline will be met.

use mosaic_plugin::RateLimit;
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// One instance's limit and its state.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    /// The steady spacing of permits: `per / requests`.
    interval: Duration,
    /// How far ahead of its steady slot a permit may be used: `interval × (burst − 1)`, which
    /// lets `burst` requests through at once after a quiet spell.
    tolerance: Duration,
    /// When the permit after those already reserved is due at the steady rate; `None` before
    /// the first request (a full bucket).
    next_due: Mutex<Option<Instant>>,
}

/// A permit that would come too late: the call is refused as rate limited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// How long the call would have had to wait for its permit.
    pub wait: Duration,
    /// The limit that refused it.
    pub limit: RateLimit,
}

impl fmt::Display for Refusal {
    /// What the caller is told of the candidate: the limit and the wait, in whole
    /// milliseconds rounded up (the gateway reports durations in milliseconds).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.wait.as_nanos().div_ceil(1_000_000);
        write!(
            f,
            "not sent: its client-side rate limit of {} had no permit for {millis} ms, longer than the call could wait",
            self.limit
        )
    }
}

impl RateLimiter {
    /// A limiter for `limit`, with a full bucket.
    pub fn new(limit: RateLimit) -> Self {
        let interval = limit.interval();
        Self {
            limit,
            interval,
            tolerance: interval.saturating_mul(limit.burst() - 1),
            next_due: Mutex::new(None),
        }
    }

    /// The limit it enforces.
    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Waits for a permit and returns how long that took, or refuses at once, reserving
    /// nothing, when the permit would come at or after `latest`. A permit free now is
    /// granted whatever `latest` says: it costs the call no time.
    pub async fn acquire(&self, latest: Instant) -> Result<Duration, Refusal> {
        let now = Instant::now();
        let (wait, reserved) = self.reserve(now, latest)?;
        if wait.is_zero() {
            return Ok(wait);
        }
        let mut held = Held {
            limiter: self,
            reserved,
            kept: false,
        };
        tokio::time::sleep_until(now + wait).await;
        held.kept = true;
        Ok(wait)
    }

    /// Reserves the next permit: its wait and the due time it leaves for the next one.
    fn reserve(&self, now: Instant, latest: Instant) -> Result<(Duration, Instant), Refusal> {
        let mut next_due = self.lock();
        // A bucket that has been idle is full: the steady slot cannot lie in the past.
        let slot = next_due.map_or(now, |due| due.max(now));
        let usable_from = slot.checked_sub(self.tolerance).unwrap_or(now).max(now);
        let wait = usable_from - now;
        if !wait.is_zero() && usable_from >= latest {
            return Err(Refusal {
                wait,
                limit: self.limit,
            });
        }
        let after = slot + self.interval;
        *next_due = Some(after);
        Ok((wait, after))
    }

    /// Gives back the permit that left `reserved` as the next due time, unless a later call
    /// has reserved since (its place in the queue is then kept, and this permit is spent).
    fn give_back(&self, reserved: Instant) {
        let mut next_due = self.lock();
        if *next_due == Some(reserved) {
            *next_due = Some(reserved - self.interval);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        // Poisoned only if a thread panicked between two plain assignments: the instant is
        // still a valid one.
        self.next_due.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A reservation being waited for; dropped before it is due (the call gave up), it is given
/// back.
struct Held<'l> {
    limiter: &'l RateLimiter,
    reserved: Instant,
    kept: bool,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if !self.kept {
            self.limiter.give_back(self.reserved);
        }
    }
}

#[cfg(test)]
#[path = "rate_limiter_tests.rs"]
mod tests;
