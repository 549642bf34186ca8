//! Durations. The file writes them as a number with a unit (`250ms`, `1.5s`, `1m30s`) through
//! [`DurationText`], the same type plugin settings use, so the whole file writes durations
//! one way and a bad one is reported at its own path. Here: writing validated [`Duration`]s
//! back in that form, for the normalized view.

pub use mosaic_plugin::duration::{DurationText, format_duration, parse_duration};
use serde::Serializer;
use std::time::Duration;

/// Serializes a [`Duration`] the way the file writes it.
pub(crate) fn serialize<S: Serializer>(
    duration: &Duration,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format_duration(*duration))
}

/// Serializes an optional [`Duration`] the way the file writes it.
pub(crate) fn serialize_option<S: Serializer>(
    duration: &Option<Duration>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match duration {
        Some(duration) => serializer.serialize_str(&format_duration(*duration)),
        None => serializer.serialize_none(),
    }
}
