//! How a validator is written into Redis: one version byte, then the `ETag` and the next page's
//! cursor each as a 4-byte big-endian length and its text (the cursor after a byte saying
//! whether there is one), then the body as it came, to the end.
//!
//! Binary rather than JSON because the body is the provider's raw answer: kept byte for byte,
//! with no escaping and no assumption that it is text. As for answers (`encoding.rs`), the
//! version byte lets replicas of different releases share one Redis: a value of a version this
//! release does not know is treated as absent, never misread.

use bytes::Bytes;
use mosaic_plugin::Validated;

/// The encoding written by this release.
pub(crate) const VERSION: u8 = 1;

/// Why a stored validator could not be read back.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DecodeError {
    #[error("the value is empty")]
    Empty,
    #[error("encoding version {0} is not known to this release (it writes {VERSION})")]
    Version(u8),
    #[error("the value ends inside its {0}")]
    Truncated(&'static str),
    #[error("its {0} is not UTF-8")]
    NotText(&'static str),
}

/// The bytes `validated` is stored as.
pub(crate) fn encode(validated: &Validated) -> Vec<u8> {
    let cursor = validated.next_cursor.as_deref();
    let mut bytes = Vec::with_capacity(encoded_len(validated));
    bytes.push(VERSION);
    put_text(&mut bytes, &validated.etag);
    match cursor {
        Some(cursor) => {
            bytes.push(1);
            put_text(&mut bytes, cursor);
        }
        None => bytes.push(0),
    }
    bytes.extend_from_slice(&validated.body);
    bytes
}

/// How many bytes [`encode`] writes for `validated`, without writing them.
pub(crate) fn encoded_len(validated: &Validated) -> usize {
    let cursor = validated
        .next_cursor
        .as_deref()
        .map_or(0, |cursor| 4 + cursor.len());
    1 + 4 + validated.etag.len() + 1 + cursor + validated.body.len()
}

/// The validator `bytes` hold.
pub(crate) fn decode(bytes: &[u8]) -> Result<Validated, DecodeError> {
    let (&version, mut rest) = bytes.split_first().ok_or(DecodeError::Empty)?;
    if version != VERSION {
        return Err(DecodeError::Version(version));
    }
    let etag = take_text(&mut rest, "ETag")?;
    let (&has_cursor, mut rest) = rest.split_first().ok_or(DecodeError::Truncated("cursor"))?;
    let next_cursor = match has_cursor {
        0 => None,
        _ => Some(take_text(&mut rest, "cursor")?),
    };
    Ok(Validated {
        etag,
        body: Bytes::copy_from_slice(rest),
        next_cursor,
    })
}

fn put_text(bytes: &mut Vec<u8>, text: &str) {
    // Only validators under the tier's size cap (far below 4 GiB) are encoded, so the length
    // always fits.
    let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
    bytes.extend_from_slice(&len.to_be_bytes());
    bytes.extend_from_slice(text.as_bytes());
}

fn take_text(rest: &mut &[u8], what: &'static str) -> Result<String, DecodeError> {
    let (len, after) = rest
        .split_first_chunk::<4>()
        .ok_or(DecodeError::Truncated(what))?;
    let len =
        usize::try_from(u32::from_be_bytes(*len)).map_err(|_| DecodeError::Truncated(what))?;
    if after.len() < len {
        return Err(DecodeError::Truncated(what));
    }
    let (text, after) = after.split_at(len);
    *rest = after;
    String::from_utf8(text.to_vec()).map_err(|_| DecodeError::NotText(what))
}

#[cfg(test)]
#[path = "validator_encoding_tests.rs"]
mod tests;
