//! [`RateLimit`]: how many requests an instance may be sent per period, with a burst. A plugin
//! declares its provider's documented limit as the default of its instances
//! ([`crate::PluginDescriptor::with_default_rate_limit`]); an instance's `rate_limit` replaces
//! it. The gateway's executor enforces it, for every plugin alike; a plugin only describes it.

use crate::duration::format_duration;
use mosaic_core::FieldError;
use std::fmt;
use std::time::Duration;

/// `requests` per `per`, allowing `burst` at once after a quiet spell: a token bucket that
/// holds `burst` tokens and gains one every `per / requests`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RateLimit {
    requests: u32,
    per: Duration,
    burst: u32,
}

impl RateLimit {
    /// `requests` per `per`, with a burst of `requests`. For limits written in code: a zero
    /// is a bug, refused at compile time in a `const` and with a panic otherwise. Limits read
    /// from a file go through [`RateLimit::checked`].
    pub const fn new(requests: u32, per: Duration) -> Self {
        assert!(requests > 0, "a rate limit allows at least one request");
        assert!(!per.is_zero(), "a rate limit's period is longer than zero");
        Self {
            requests,
            per,
            burst: requests,
        }
    }

    /// The same rate, allowing `burst` requests at once (at least 1; a zero panics, as in
    /// [`RateLimit::new`]).
    pub const fn with_burst(self, burst: u32) -> Self {
        assert!(burst > 0, "a rate limit's burst is at least one request");
        Self { burst, ..self }
    }

    /// A limit from values as a file writes them, every problem reported at once with its
    /// field (`requests`, `per`, `burst`); `burst` defaults to `requests`.
    pub fn checked(
        requests: u32,
        per: Duration,
        burst: Option<u32>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut problems = Vec::new();
        if requests == 0 {
            problems.push(FieldError::new("requests", "must be at least 1"));
        }
        if per.is_zero() {
            problems.push(FieldError::new("per", "must be longer than 0s"));
        }
        if burst == Some(0) {
            problems.push(FieldError::new(
                "burst",
                "must be at least 1 (leave it out for a burst of `requests`)",
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            requests,
            per,
            burst: burst.unwrap_or(requests),
        })
    }

    /// Requests allowed per period.
    pub fn requests(&self) -> u32 {
        self.requests
    }

    /// The period.
    pub fn per(&self) -> Duration {
        self.per
    }

    /// Requests allowed at once after a quiet spell.
    pub fn burst(&self) -> u32 {
        self.burst
    }

    /// The steady spacing of requests: `per / requests`, rounded up to the nanosecond so that
    /// keeping to it never sends faster than the limit.
    pub fn interval(&self) -> Duration {
        let nanos = self.per.as_nanos().div_ceil(u128::from(self.requests));
        // At most `per`, which is a `Duration` already.
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }
}

impl fmt::Display for RateLimit {
    /// `3 requests per 1s (burst 5)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.requests == 1 {
            "request"
        } else {
            "requests"
        };
        write!(
            f,
            "{} {noun} per {} (burst {})",
            self.requests,
            format_duration(self.per),
            self.burst
        )
    }
}

#[cfg(test)]
#[path = "rate_limit_tests.rs"]
mod tests;
