//! RFC 3339 times as JQL date values.
//!
//! JQL compares dates written `"yyyy-MM-dd HH:mm"` (or `"yyyy-MM-dd"`): minutes, no seconds and
//! no offset. A caller's time is therefore converted to UTC and rounded *down* to its minute, so
//! `updated >= …` keeps everything the caller asked for, plus what changed in the seconds before
//! it. Jira reads a JQL date in the time zone of the account that searches, so the account an
//! instance uses must have UTC as its profile time zone for the bound to be exact.

use mosaic_core::ProviderError;
use mosaic_provider_kit::rfc3339::{civil_from_days, unix_minutes};

/// `value` (`2026-01-31`, or `2026-01-31T12:30:45.5+02:00` with `T`, `t` or a space, and `Z` or
/// an offset) as a JQL date-time in UTC, `2026-01-31 10:30`. A date alone is midnight UTC.
pub(crate) fn jql_date_time(field: &str, value: &str) -> Result<String, ProviderError> {
    let minutes = unix_minutes(value).map_err(|why| {
        ProviderError::Invalid(format!(
            "{field} must be an RFC 3339 date or time such as 2026-01-31T12:00:00Z ({why}), got {value:?}"
        ))
    })?;
    let (year, month, day) = civil_from_days(minutes.div_euclid(1440));
    let minute_of_day = minutes.rem_euclid(1440);
    if !(0..=9999).contains(&year) {
        return Err(ProviderError::Invalid(format!(
            "{field} must be an RFC 3339 date or time such as 2026-01-31T12:00:00Z (the year in UTC is outside 0000 to 9999), got {value:?}"
        )));
    }
    Ok(format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        minute_of_day / 60,
        minute_of_day % 60
    ))
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
