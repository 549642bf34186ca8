//! RFC 3339 dates and times (`2026-01-31`, `2026-01-31T12:30:45.5+02:00`) as Unix time, for
//! what providers and callers write as text: JQL bounds, Jira's rate-limit reset; and the
//! calendar arithmetic under them, which the simulator's clock shares. Written out
//! rather than taken from a date crate because these two uses need only this much, with exact
//! messages about what is wrong.

/// Seconds since 1970-01-01T00:00Z of `value`, read as [`unix_minutes`] reads it, with the
/// whole seconds its time carries (`…T12:30:15Z`; a fraction is dropped).
pub fn unix_seconds(value: &str) -> Result<i64, &'static str> {
    let minutes = unix_minutes(value)?;
    // `unix_minutes` checked the shape, seconds included, when they are there.
    let seconds = match value.as_bytes().get(16) {
        Some(b':') => value[17..19].parse::<i64>().map_or(0, |s| s.min(59)),
        _ => 0,
    };
    Ok(minutes * 60 + seconds)
}

/// Minutes since 1970-01-01T00:00Z of `value`: a date alone is midnight UTC; a time takes `T`,
/// `t` or a space before it, optional seconds and fraction (which only shift within the
/// minute), and `Z` or an offset `±hh:mm`. The error says what is wrong, for the caller's
/// message.
pub fn unix_minutes(value: &str) -> Result<i64, &'static str> {
    let bytes = value.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let shape_ok = bytes.len() >= 10 && bytes[4] == b'-' && bytes[7] == b'-';
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err("the date is not yyyy-mm-dd");
    };
    if !shape_ok {
        return Err("the date is not yyyy-mm-dd");
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err("no such day");
    }
    let mut minutes = days_from_civil(year, month, day) * 1440;
    if bytes.len() > 10 {
        if !matches!(bytes[10], b'T' | b't' | b' ') {
            return Err("the time must follow a T");
        }
        let (Some(hour), Some(minute)) = (number(11..13), number(14..16)) else {
            return Err("the time is not hh:mm:ss");
        };
        if bytes.get(13) != Some(&b':') || hour > 23 || minute > 59 {
            return Err("the time is not hh:mm:ss");
        }
        let mut rest = 16;
        if bytes.get(rest) == Some(&b':') {
            // Seconds (60 for a leap second) and a fraction only shift within the minute.
            match number(rest + 1..rest + 3) {
                Some(0..=60) => rest += 3,
                _ => return Err("the seconds are not ss"),
            }
            if bytes.get(rest) == Some(&b'.') {
                let digits = bytes[rest + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if digits == 0 {
                    return Err("a fraction of a second needs digits");
                }
                rest += 1 + digits;
            }
        }
        let offset = match &bytes[rest..] {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
                let (Some(hours), Some(mins)) =
                    (number(rest + 1..rest + 3), number(rest + 4..rest + 6))
                else {
                    return Err("the offset is not ±hh:mm");
                };
                if hours > 23 || mins > 59 {
                    return Err("the offset is not ±hh:mm");
                }
                let offset = hours * 60 + mins;
                if *sign == b'-' { -offset } else { offset }
            }
            [] => return Err("a time needs Z or an offset such as +02:00"),
            _ => return Err("the offset is not Z or ±hh:mm"),
        };
        minutes += hour * 60 + minute - offset;
    }
    Ok(minutes)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
#[path = "rfc3339_tests.rs"]
mod tests;
