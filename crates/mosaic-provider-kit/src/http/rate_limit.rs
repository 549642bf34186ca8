//! Rate-limit headers as a provider's dialect names them, `Retry-After`, and the last reading
//! an instance saw.
//!
//! Providers agree on the three numbers — the window's size, what is left of it, when it
//! resets — but not on the headers' names nor on how the reset is written: GitHub sends
//! `X-RateLimit-*` with a Unix time in seconds, GitLab `RateLimit-*` with the same, the IETF
//! draft `RateLimit-*` with a delay, Linear `X-RateLimit-Requests-*` in Unix milliseconds,
//! Jira Cloud a time to the minute. Each provider's dialect says which ([`RateHeaders`]), so
//! nothing here guesses a unit from a value's size.
//!
//! `Retry-After` is HTTP's own (RFC 9110 §10.2.3), seconds or an HTTP date, for every provider.

use mosaic_core::Quota;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

/// Which rate-limit headers a provider sends: `{prefix}limit`, `{prefix}remaining` and
/// `{prefix}reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateHeaders {
    /// What the three names start with, lower case (`x-ratelimit-`, `ratelimit-`).
    pub prefix: &'static str,
    /// How `{prefix}reset` is written.
    pub reset: ResetFormat,
}

/// How a provider writes the time its window resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetFormat {
    /// Seconds from now, as the IETF draft's `RateLimit-Reset`
    /// (draft-ietf-httpapi-ratelimit-headers-07 §5.3).
    DelaySeconds,
    /// A Unix time in seconds (GitHub, GitLab).
    UnixSeconds,
    /// A Unix time in milliseconds (Linear).
    UnixMillis,
    /// A UTC time to the minute, `yyyy-MM-ddTHH:mmZ` (Jira Cloud).
    AtlassianTimestamp,
}

impl ResetFormat {
    /// The wait until the reset `text` names, as seen at `now` (none once it has passed);
    /// `None` when `text` is not written this way.
    pub fn wait(self, text: &str, now: SystemTime) -> Option<Duration> {
        let text = text.trim();
        let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or_default();
        let at = match self {
            Self::DelaySeconds => return text.parse().ok().map(Duration::from_secs),
            Self::UnixSeconds => Duration::from_secs(text.parse().ok()?),
            Self::UnixMillis => Duration::from_millis(text.parse().ok()?),
            Self::AtlassianTimestamp => {
                let seconds = crate::rfc3339::unix_seconds(text).ok()?;
                Duration::from_secs(u64::try_from(seconds).ok()?)
            }
        };
        Some(at.saturating_sub(since_epoch))
    }
}

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
    /// Reads the rate-limit headers `sent` names from a response, with `now` as the wall-clock
    /// time it arrived. `None` when the response carries no readable `{prefix}remaining`; a
    /// missing limit is the remaining count, an unreadable reset no reset.
    pub fn from_headers(headers: &HeaderMap, sent: RateHeaders, now: SystemTime) -> Option<Self> {
        let text = |name: &str| -> Option<&str> {
            headers
                .get(format!("{}{name}", sent.prefix))
                .and_then(|value| value.to_str().ok())
        };
        let number = |name: &str| -> Option<u64> { text(name)?.trim().parse().ok() };
        let remaining = number("remaining")?;
        Some(Self {
            remaining,
            limit: number("limit").unwrap_or(remaining),
            resets_in: text("reset").and_then(|reset| sent.reset.wait(reset, now)),
        })
    }

    /// Whether no request is left in the window.
    pub fn exhausted(&self) -> bool {
        self.remaining == 0
    }
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
