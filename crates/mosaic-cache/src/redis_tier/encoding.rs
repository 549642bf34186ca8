//! How an answer is written into Redis: one version byte, then the answer as compact JSON.
//!
//! The version byte lets replicas of different releases share one Redis: a value of a version
//! this release does not know is treated as absent (a miss, then overwritten by the fill), never
//! misread. The typed output is written as its catalog JSON with the operation's id beside it,
//! which is how [`Output::from_json`] reads it back. The time it was stored is written on the
//! wall clock, since replicas share no other; on reading it becomes an age, and the answer's
//! `stored_at` is that age before now on tokio's clock, where the cache decides freshness.

use crate::answer::CachedAnswer;
use mosaic_core::{OpId, Output};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

/// The encoding written by this release.
pub(crate) const VERSION: u8 = 1;

/// Why a stored value could not be read back.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DecodeError {
    #[error("the value is empty")]
    Empty,
    #[error("encoding version {0} is not known to this release (it writes {VERSION})")]
    Version(u8),
    #[error("the value is not an encoded answer: {0}")]
    Malformed(#[from] serde_json::Error),
    #[error("operation `{0}` is not in this release's catalog")]
    UnknownOperation(String),
    #[error("the output does not fit operation `{op}`: {error}")]
    Output {
        op: &'static str,
        error: serde_json::Error,
    },
    #[error("stored {0:?} ago, before this process's clock began")]
    TooOld(Duration),
}

#[derive(Serialize, Deserialize)]
struct Envelope<'a> {
    /// The operation id (`git.issues.list`).
    op: Cow<'a, str>,
    instance: Cow<'a, str>,
    /// Milliseconds since the Unix epoch, on the wall clock.
    stored_at_ms: u64,
    fresh_ms: u64,
    stale_ms: u64,
    tags: Cow<'a, [String]>,
    /// Left out when the answer has none (so entries written before it existed still read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<Cow<'a, str>>,
    /// Whether warming fetched it; left out when not (older releases ignore it, and read
    /// without it it is a caller's fill).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    refreshed: bool,
    output: serde_json::Value,
}

/// The bytes `answer` is stored as, at `now` on tokio's clock and `wall` on the wall clock.
pub(crate) fn encode(answer: &CachedAnswer, now: Instant, wall: SystemTime) -> Vec<u8> {
    let stored_at = wall.checked_sub(answer.age(now)).unwrap_or(UNIX_EPOCH);
    let envelope = Envelope {
        op: Cow::Borrowed(answer.output.op_id().name()),
        instance: Cow::Borrowed(&answer.instance),
        stored_at_ms: millis(stored_at.duration_since(UNIX_EPOCH).unwrap_or_default()),
        fresh_ms: millis(answer.fresh_for),
        stale_ms: millis(answer.stale_for),
        tags: Cow::Borrowed(&answer.tags),
        jurisdiction: answer.jurisdiction.as_deref().map(Cow::Borrowed),
        refreshed: answer.refreshed,
        output: answer.output.to_json(),
    };
    let mut bytes = vec![VERSION];
    // Serializing owned JSON values and strings into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut bytes, &envelope);
    bytes
}

/// The answer `bytes` hold, read at `now` on tokio's clock and `wall` on the wall clock. A
/// `stored_at_ms` ahead of `wall` (clocks of replicas disagree) counts as stored just now.
pub(crate) fn decode(
    bytes: &[u8],
    now: Instant,
    wall: SystemTime,
) -> Result<CachedAnswer, DecodeError> {
    let (&version, body) = bytes.split_first().ok_or(DecodeError::Empty)?;
    if version != VERSION {
        return Err(DecodeError::Version(version));
    }
    let envelope: Envelope<'_> = serde_json::from_slice(body)?;
    let op = OpId::from_name(&envelope.op)
        .ok_or_else(|| DecodeError::UnknownOperation(envelope.op.clone().into_owned()))?;
    let output = Output::from_json(op, envelope.output).map_err(|error| DecodeError::Output {
        op: op.name(),
        error,
    })?;
    let stored_at_wall = UNIX_EPOCH + Duration::from_millis(envelope.stored_at_ms);
    let age = wall.duration_since(stored_at_wall).unwrap_or_default();
    let stored_at = now.checked_sub(age).ok_or(DecodeError::TooOld(age))?;
    Ok(CachedAnswer {
        output: Arc::new(output),
        instance: envelope.instance.into_owned(),
        stored_at,
        fresh_for: Duration::from_millis(envelope.fresh_ms),
        stale_for: Duration::from_millis(envelope.stale_ms),
        tags: envelope.tags.into_owned(),
        jurisdiction: envelope.jurisdiction.map(Cow::into_owned),
        refreshed: envelope.refreshed,
    })
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
#[path = "encoding_tests.rs"]
mod tests;
