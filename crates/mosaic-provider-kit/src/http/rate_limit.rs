//! Rate-limit headers as forges send them, and the last reading an instance saw.
//!
//! GitHub and Gitea send `X-RateLimit-Limit`, `-Remaining` and `-Reset` (Unix seconds);
//! GitLab sends `RateLimit-*` with the same meaning; the IETF draft's `RateLimit-Reset` is a
//! delay in seconds instead. A reset value too small to be a Unix time (before 2001) is read as
//! a delay, which tells the two apart without configuration. Linear sends
//! `X-RateLimit-Requests-*` with the reset in Unix milliseconds, told apart by its size; Jira
//! Cloud writes its reset as a time, `2026-01-31T12:30Z`.
//! `Retry-After` is seconds or an HTTP date.

use mosaic_core::Quota;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

/// Reset values below this are delays in seconds, not Unix times (2001-09-09).
const SMALLEST_UNIX_TIME: u64 = 1_000_000_000;

/// Reset values from this on are Unix times in milliseconds (Linear's), not seconds: as
/// seconds they would lie past the year 33 000.
const SMALLEST_UNIX_TIME_MS: u64 = 1_000_000_000_000;

/// What one response said about the quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateReading {
    /// Requests left in the window.
    pub remaining: u64,
    /// The window's size.
    pub limit: u64,
    /// Time until the window resets, when given.
    pub resets_in: Option<Duration>,
}

impl RateReading {
    /// Reads the rate-limit headers of a response, with `now` as the wall-clock time the
    /// response arrived. `None` when the response carries none.
    pub fn from_headers(headers: &HeaderMap, now: SystemTime) -> Option<Self> {
        let number = |name: &str| -> Option<u64> {
            ["x-ratelimit-", "ratelimit-", "x-ratelimit-requests-"]
                .iter()
                .find_map(|prefix| headers.get(format!("{prefix}{name}")))
                .and_then(|value| value.to_str().ok())
                .and_then(|text| text.trim().parse().ok())
        };
        let remaining = number("remaining")?;
        let limit = number("limit").unwrap_or(remaining);
        let resets_in = number("reset")
            .map(|reset| {
                if reset < SMALLEST_UNIX_TIME {
                    Duration::from_secs(reset)
                } else if reset >= SMALLEST_UNIX_TIME_MS {
                    let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
                    Duration::from_millis(reset).saturating_sub(now)
                } else {
                    let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
                    Duration::from_secs(reset).saturating_sub(now)
                }
            })
            .or_else(|| timestamp_reset(headers, now));
        Some(Self {
            remaining,
            limit,
            resets_in,
        })
    }

    /// Whether no request is left in the window.
    pub fn exhausted(&self) -> bool {
        self.remaining == 0
    }
}

/// Jira's `X-RateLimit-Reset`, a time written `yyyy-MM-ddTHH:mmZ`, as the wait until then.
fn timestamp_reset(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get("x-ratelimit-reset")?.to_str().ok()?.trim();
    let minutes = crate::rfc3339::unix_minutes(text).ok()?;
    let at = u64::try_from(minutes).ok()?.checked_mul(60)?;
    let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    Some(Duration::from_secs(at).saturating_sub(now))
}

/// The wait a `Retry-After` header asks for, as seconds or as an HTTP date.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

/// The last quota an instance's responses reported, for `mosaic_providers_status` and for the
/// executor, which stops calling an instance whose quota is spent until it resets.
#[derive(Debug, Default)]
pub(crate) struct QuotaTracker {
    last: Mutex<Option<Reading>>,
}

#[derive(Clone, Copy, Debug)]
struct Reading {
    remaining: u64,
    limit: u64,
    /// On the tokio clock, so tests can move past it without sleeping.
    resets_at: Option<Instant>,
}

impl QuotaTracker {
    /// Records a response's reading, if it had one.
    pub(crate) fn record(&self, reading: Option<RateReading>) {
        let Some(reading) = reading else { return };
        let now = Instant::now();
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        *last = Some(Reading {
            remaining: reading.remaining,
            limit: reading.limit,
            resets_at: reading.resets_in.map(|wait| now + wait),
        });
    }

    /// The quota as of now. Once the window has reset, the full limit is available again.
    pub(crate) fn quota(&self) -> Option<Quota> {
        let last = *self
            .last
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let reading = last?;
        let now = Instant::now();
        match reading.resets_at {
            Some(at) if at <= now => Some(Quota {
                remaining: reading.limit,
                limit: reading.limit,
                resets_in: None,
            }),
            at => Some(Quota {
                remaining: reading.remaining,
                limit: reading.limit,
                resets_in: at.map(|at| at - now),
            }),
        }
    }
}

#[cfg(test)]
#[path = "rate_limit_tests.rs"]
mod tests;
