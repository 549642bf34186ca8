//! Calendar months in UTC, which budgets, included minutes and the usage ledger count in:
//! the month of an instant, a month's length and the weekday of a date (Howard Hinnant's
//! `days_from_civil` / `civil_from_days`, exact for the proleptic Gregorian calendar).

/// Days since 1970-01-01 of a civil date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
        + i64::from(day)
        - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month, day) of a day counted from 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The month of an instant (milliseconds since the Unix epoch) as `YYYY-MM`.
pub fn month_of(epoch_ms: i64) -> String {
    let (year, month, _) = civil_from_days(epoch_ms.div_euclid(86_400_000));
    format!("{year:04}-{month:02}")
}

/// How many days `month` (1–12) of `year` has.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    (days_from_civil(next_year, next_month, 1) - days_from_civil(year, month, 1)) as u32
}

/// The weekday of a date, 0 for Monday to 6 for Sunday.
pub fn weekday(year: i64, month: u32, day: u32) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days_from_civil(year, month, day) + 3).rem_euclid(7) as u32
}

/// `YYYY-MM` read back as (year, month), if it is one.
pub fn parse_month(text: &str) -> Option<(i64, u32)> {
    let (year, month) = text.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let year: i64 = year.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays_are_right() {
        assert_eq!(month_of(0), "1970-01");
        // 2026-03-01T00:00:00Z.
        let march = days_from_civil(2026, 3, 1) * 86_400_000;
        assert_eq!(month_of(march), "2026-03");
        assert_eq!(month_of(march - 1), "2026-02");
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(days_in_month(2026, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2026, 12), 31);
        assert_eq!(weekday(2026, 3, 1), 6, "a Sunday");
        assert_eq!(weekday(2026, 3, 2), 0, "a Monday");
        assert_eq!(parse_month("2026-03"), Some((2026, 3)));
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("26-03"), None);
    }
}
