//! Durations as settings write them: a number with a unit (`20ms`, `1.5s`, `5m`), or several
//! in a row (`1m30s`), and a serde type that reads and writes that form.
//!
//! A bare number is refused rather than guessed at: `latency: 20` could mean milliseconds or
//! seconds, and a silent wrong guess is worse than an error.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

/// Units accepted after a number, with their length in nanoseconds.
const UNITS: [(&str, u128); 6] = [
    ("ns", 1),
    ("us", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("m", 60_000_000_000),
    ("h", 3_600_000_000_000),
];

const NANOS_PER_SEC: u128 = 1_000_000_000;

/// Parses `20ms`, `1.5s`, `5m`, `1m30s` (units: ns, us, ms, s, m, h). Errors say what is
/// wrong with the text, quoting it.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("empty duration; write a number with a unit, like `20ms` or `5s`".into());
    }
    let mut rest = trimmed;
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_end);
        if number.is_empty() {
            return Err(invalid(text, "expected a number before the unit"));
        }
        let unit_end = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_end);
        if unit.is_empty() {
            return Err(invalid(
                text,
                "a unit is missing (ns, us, ms, s, m or h); a bare number is ambiguous",
            ));
        }
        let Some(&(_, scale)) = UNITS.iter().find(|(name, _)| *name == unit) else {
            return Err(invalid(
                text,
                &format!("unknown unit `{unit}` (use ns, us, ms, s, m or h)"),
            ));
        };
        total = total
            .checked_add(in_nanos(text, number, scale)?)
            .ok_or_else(|| invalid(text, "too large"))?;
        rest = next;
    }
    let seconds = u64::try_from(total / NANOS_PER_SEC).map_err(|_| invalid(text, "too large"))?;
    // A remainder of a division by 10^9 always fits in u32.
    let nanos = u32::try_from(total % NANOS_PER_SEC).unwrap_or(0);
    Ok(Duration::new(seconds, nanos))
}

/// `number` (digits with an optional fraction) times `scale` nanoseconds, computed exactly in
/// integers so `0.1s` is 100ms and not 99.999…ms.
fn in_nanos(text: &str, number: &str, scale: u128) -> Result<u128, String> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let malformed =
        whole.is_empty() || (number.contains('.') && fraction.is_empty()) || fraction.contains('.');
    if malformed {
        return Err(invalid(text, &format!("`{number}` is not a number")));
    }
    let too_large = || invalid(text, "too large");
    let whole: u128 = whole.parse().map_err(|_| too_large())?;
    let mut nanos = whole.checked_mul(scale).ok_or_else(too_large)?;
    let mut place = scale;
    for digit in fraction.bytes().map(|digit| u128::from(digit - b'0')) {
        place /= 10;
        if place == 0 && digit != 0 {
            return Err(invalid(text, "more precise than a nanosecond"));
        }
        nanos += digit * place;
    }
    Ok(nanos)
}

fn invalid(text: &str, why: &str) -> String {
    format!("invalid duration `{text}`: {why}")
}

/// Writes a duration in the largest unit that represents it exactly (`20ms`, `30s`, `5m`), so
/// that [`parse_duration`] reads it back unchanged.
pub fn format_duration(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    if nanos == 0 {
        return "0s".into();
    }
    let (unit, scale) = UNITS
        .iter()
        .rev()
        .find(|(_, scale)| nanos.is_multiple_of(*scale))
        .copied()
        .unwrap_or(("ns", 1));
    format!("{}{unit}", nanos / scale)
}

/// A duration in settings, read from and written as a string such as `20ms`. Deserializing
/// a malformed string fails with [`parse_duration`]'s message at the field's own path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DurationText(pub Duration);

impl DurationText {
    /// A whole number of milliseconds.
    pub const fn millis(millis: u64) -> Self {
        Self(Duration::from_millis(millis))
    }

    /// A whole number of seconds.
    pub const fn secs(seconds: u64) -> Self {
        Self(Duration::from_secs(seconds))
    }
}

impl fmt::Display for DurationText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_duration(self.0))
    }
}

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DurationText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration with a unit, like `20ms`, `1.5s` or `5m`")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                parse_duration(text).map(DurationText).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl Serialize for DurationText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_duration(self.0))
    }
}

impl JsonSchema for DurationText {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+\s*$",
            "description": "A duration: a number with a unit (ns, us, ms, s, m, h), e.g. `20ms`, `1.5s`, `5m`, `1m30s`.",
            "examples": ["20ms", "1.5s", "5m"]
        })
    }
}

#[cfg(test)]
#[path = "duration_tests.rs"]
mod tests;
