//! Timestamps as the unified model writes them (RFC 3339, UTC, whole seconds), without a
//! date-time dependency: the seed data sits at fixed times after [`BASE`], new items carry
//! the wall-clock time, and `updated_since` filters parse what callers send.

use mosaic_provider_kit::rfc3339::{civil_from_days, days_from_civil, days_in_month};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch of 2026-03-02T09:00:00Z, when the seed data begins.
pub(crate) const BASE: i64 = 1_772_442_000;

/// The seed's time `minutes` after [`BASE`], formatted.
pub(crate) fn seed_time(minutes: i64) -> String {
    format(BASE + minutes * 60)
}

/// The current wall-clock time, formatted. Clocks before 1970 read as the epoch.
pub(crate) fn now() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
        });
    format(seconds)
}

/// `2026-03-02T09:00:00Z` for a number of seconds since the epoch.
pub(crate) fn format(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// Seconds since the epoch of an RFC 3339 date (`2026-03-02`, taken as midnight UTC) or
/// date-time (`2026-03-02T09:00:00Z`, `2026-03-02T10:00:00.5+01:00`); `None` when the text is
/// neither.
pub(crate) fn parse(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let year = number(bytes, 0, 4)?;
    let month = number(bytes, 5, 2)?;
    let day = number(bytes, 8, 2)?;
    let date_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day);
    if !date_ok {
        return None;
    }
    let midnight = days_from_civil(year, month, day) * 86_400;
    if bytes.len() == 10 {
        return Some(midnight);
    }
    if !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (hour, minute, second) = (
        number(bytes, 11, 2)?,
        number(bytes, 14, 2)?,
        number(bytes, 17, 2)?,
    );
    let time_ok = bytes.get(13) == Some(&b':')
        && bytes.get(16) == Some(&b':')
        && hour < 24
        && minute < 60
        && second <= 60;
    if !time_ok {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), ..] if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let hours = number(rest.as_bytes(), 1, 2)?;
            let minutes = number(rest.as_bytes(), 4, 2)?;
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    Some(midnight + hour * 3600 + minute * 60 + second - offset)
}

/// The decimal number in `bytes[start..start + len]`, all digits.
fn number(bytes: &[u8], start: usize, len: usize) -> Option<i64> {
    let digits = bytes.get(start..start + len)?;
    digits.iter().try_fold(0i64, |total, digit| {
        digit
            .is_ascii_digit()
            .then(|| total * 10 + i64::from(digit - b'0'))
    })
}

#[cfg(test)]
#[path = "clock_tests.rs"]
mod tests;
