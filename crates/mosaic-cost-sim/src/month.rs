//! The simulated month: `YYYY-MM` read, its length and its weekends, on the provider kit's
//! calendar arithmetic.

use mosaic_provider_kit::rfc3339::{days_from_civil, days_in_month};

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Month {
    year: i64,
    month: i64,
}

impl Month {
    /// `YYYY-MM`, if it is one.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i64 = year.parse().ok()?;
        let month: i64 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(Self { year, month })
    }

    /// How many days it has.
    pub(crate) fn days(self) -> u32 {
        u32::try_from(days_in_month(self.year, self.month)).unwrap_or(0)
    }

    /// Whether its `day` (from 1) is a Saturday or a Sunday.
    pub(crate) fn is_weekend(self, day: u32) -> bool {
        // 1970-01-01 was a Thursday: day 0 of the count is weekday 3 (Monday 0).
        let weekday = (days_from_civil(self.year, self.month, i64::from(day)) + 3).rem_euclid(7);
        weekday >= 5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_with_their_length_and_weekends() {
        let march = Month::parse("2026-03").unwrap_or_else(|| panic!("a month"));
        assert_eq!(march.days(), 31);
        assert!(march.is_weekend(1), "2026-03-01 is a Sunday");
        assert!(!march.is_weekend(2));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-03"), None);
    }
}
