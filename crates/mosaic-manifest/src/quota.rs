//! The rate-limit headers a manifest names, read from every answer, and the last reading of
//! an instance: its quota, as native plugins report theirs (the executor stops calling an
//! instance whose quota is spent until it resets). The reset's formats are the provider kit's.

use crate::format::{RateLimitHeaders, ResetFormat};
use mosaic_core::Quota;
use mosaic_provider_kit::http::ResetFormat as KitReset;
use reqwest::header::HeaderMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};
use tokio::time::Instant;

/// What one answer said of the quota.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reading {
    pub(crate) remaining: u64,
    pub(crate) limit: u64,
    pub(crate) resets_in: Option<Duration>,
}

impl Reading {
    /// The reading of `headers` under the manifest's names, at wall-clock time `now`; none
    /// without a readable remaining count.
    pub(crate) fn from_headers(
        names: &RateLimitHeaders,
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Option<Self> {
        let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        let number = |name: &str| text(name)?.trim().parse::<u64>().ok();
        let remaining = number(&names.remaining)?;
        let format = match names.reset_format {
            ResetFormat::UnixSeconds => KitReset::UnixSeconds,
            ResetFormat::UnixMillis => KitReset::UnixMillis,
            ResetFormat::DelaySeconds => KitReset::DelaySeconds,
        };
        Some(Self {
            remaining,
            limit: names.limit.as_deref().and_then(number).unwrap_or(remaining),
            resets_in: names
                .reset
                .as_deref()
                .and_then(text)
                .and_then(|reset| format.wait(reset, now)),
        })
    }
}

/// The last reading of an instance, its reset on tokio's clock (so tests move past it
/// without sleeping).
#[derive(Debug, Default)]
pub(crate) struct QuotaTracker {
    last: Mutex<Option<(u64, u64, Option<Instant>)>>,
}

impl QuotaTracker {
    pub(crate) fn record(&self, reading: Option<Reading>) {
        let Some(reading) = reading else { return };
        let resets_at = reading.resets_in.map(|wait| Instant::now() + wait);
        *self
            .last
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) =
            Some((reading.remaining, reading.limit, resets_at));
    }

    /// The quota as of now: full again once its window has reset.
    pub(crate) fn quota(&self) -> Option<Quota> {
        let (remaining, limit, resets_at) = (*self
            .last
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()))?;
        let now = Instant::now();
        Some(match resets_at {
            Some(at) if at <= now => Quota {
                remaining: limit,
                limit,
                resets_in: None,
            },
            at => Quota {
                remaining,
                limit,
                resets_in: at.map(|at| at - now),
            },
        })
    }
}
